package dev.agentguard.policy.jvm;

import dev.agentguard.policy.PatternException;
import java.util.Locale;

/**
 * One {@code jvm.agents} entry: the absolute path of a profiler agent (a Java agent jar or a native agent
 * library) the program may load after start-up with {@code JVMTI.agent_load}, and optionally the SHA-256
 * of its bytes.
 *
 * @param written as in the policy (for messages and {@code check})
 * @param path    expanded: absolute, normalized, with none of the characters HotSpot's command parser or
 *                the JPLIS agent treat specially
 * @param sha256  lower-case hex, or null when not pinned
 */
public record AgentGrant(String written, String path, String sha256) {
    /** Validates an entry; the message of the exception is the policy error. */
    public static AgentGrant of(String written, String expanded, String sha256) throws PatternException {
        if (!expanded.startsWith("/") || !AgentLoads.normalized(expanded)) {
            throw new PatternException("jvm.agents entries must be absolute, normalized paths (no '.', '..' or '//'),"
                    + " not '" + written + "'");
        }
        if (!AgentLoads.plain(expanded) || expanded.chars().anyMatch(c -> "*?[]{}".indexOf(c) >= 0)) {
            throw new PatternException("jvm.agents entries name one file, written plainly: no glob, space, quote,"
                    + " '=' or control character, not '" + written + "'");
        }
        String digest = null;
        if (sha256 != null) {
            digest = sha256.toLowerCase(Locale.ROOT);
            if (digest.length() != 64 || !digest.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                throw new PatternException("jvm.agents sha256 must be 64 hexadecimal digits, not '" + sha256 + "'");
            }
        }
        return new AgentGrant(written, expanded, digest);
    }
}
