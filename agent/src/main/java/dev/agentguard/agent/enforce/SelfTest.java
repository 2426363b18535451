package dev.agentguard.agent.enforce;

import dev.agentguard.bootstrap.GuardDeniedException;
import java.io.FileInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * At start, after the hooks are in, the guard performs forbidden actions itself through the public JDK
 * APIs and refuses to start unless each was stopped by its hook: an agent that silently instruments
 * nothing is the worst failure. The targets are sentinels that the {@link Enforcer} denies before asking
 * the policy, so the test works in both modes and touches nothing real.
 */
public final class SelfTest {
    static final String SENTINEL = "agentguard-self-test-7f3c";
    static final String FILE = "/" + SENTINEL + "/file";
    static final String HOST = SENTINEL + ".invalid";
    static final String VARIABLE = "AGENTGUARD_SELF_TEST_7F3C";
    static final String VARIABLE_VALUE = "seen-by-hook";

    private SelfTest() {}

    /** Returns the problems; empty when every probed hook denied its sentinel. */
    public static List<String> run() {
        List<String> problems = new ArrayList<>();
        try (FileInputStream in = new FileInputStream(FILE)) {
            problems.add("self-test: opening a file was not checked (java.io hook inactive)");
        } catch (GuardDeniedException expected) {
            // The hook is in.
        } catch (IOException | RuntimeException e) {
            problems.add("self-test: opening a file was not checked (java.io hook inactive): " + e);
        }
        try {
            new ProcessBuilder(FILE).start().destroyForcibly();
            problems.add("self-test: a process start was not checked (process hook inactive)");
        } catch (GuardDeniedException expected) {
            // The hook is in.
        } catch (IOException | RuntimeException e) {
            problems.add("self-test: a process start was not checked (process hook inactive): " + e);
        }
        try {
            InetAddress.getByName(HOST);
            problems.add("self-test: a name lookup was not checked (DNS hook inactive)");
        } catch (UnknownHostException e) {
            if (e.getMessage() == null || !e.getMessage().contains(SENTINEL)) {
                problems.add("self-test: a name lookup was not checked (DNS hook inactive): " + e);
            }
        } catch (RuntimeException e) {
            problems.add("self-test: a name lookup failed unexpectedly: " + e);
        }
        if (!VARIABLE_VALUE.equals(System.getenv(VARIABLE))) {
            problems.add("self-test: an environment read was not checked (env hook inactive)");
        }
        return problems;
    }
}
