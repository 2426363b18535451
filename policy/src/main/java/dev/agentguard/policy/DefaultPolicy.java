package dev.agentguard.policy;

import dev.agentguard.policy.load.Overrides;
import dev.agentguard.policy.load.PolicyException;
import dev.agentguard.policy.load.PolicyLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The embedded default policy (POLICY.md section 9). {@code guard.jar init} prints the same text that
 * {@code -javaagent:guard.jar} enforces, so the two cannot drift apart.
 */
public final class DefaultPolicy {
    static final String RESOURCE = "default-policy.yaml";
    /** How problems in the embedded policy would be named (there are none; a test proves it). */
    public static final String DISPLAY_NAME = "<embedded default policy>";

    private DefaultPolicy() {}

    public static String text() {
        try (InputStream in = DefaultPolicy.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the embedded default policy is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Policy load(PolicyContext context, Overrides overrides) throws PolicyException {
        return PolicyLoader.parse(DISPLAY_NAME, null, text(), context, overrides);
    }
}
