package dev.agentguard.apps.attacks;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Passes secrets and loader hooks to a granted child: the policy for this attack grants the program
 * {@code env} (which prints its environment) and lets the JVM read JAVA_TOOL_OPTIONS and BASH_ENV, which
 * are on the built-in strip list. The parent planted OPENAI_API_KEY (not granted), JAVA_TOOL_OPTIONS and
 * BASH_ENV, each holding the canary. The child's output must hold none of them: inherited, after
 * {@code ProcessBuilder.environment()}, when the application puts strip-listed variables (LD_PRELOAD,
 * JAVA_TOOL_OPTIONS, NODE_OPTIONS, BASH_ENV) into the map itself, or passes them as Runtime.exec's envp.
 */
public final class ChildEnvAttack implements Attack {
    public static void main(String[] args) {
        AttackSuite.runOne("ChildEnvAttack", new ChildEnvAttack());
    }

    @Override
    public void run(AttackTarget t, AttackReport report) {
        String poison = "/nonexistent/agentguard-" + t.canary() + ".so";
        report.control("child-env-granted-env-runs", output(new String[] {"env"}, null, null).contains("PATH="),
                "env runs and sees PATH");
        report.grab("child-env-inherited", () -> run(new ProcessBuilder("env")));
        report.grab("child-env-after-environment-call", () -> {
            ProcessBuilder pb = new ProcessBuilder("env");
            pb.environment();
            return run(pb);
        });
        report.grab("child-env-app-puts-strip-list", () -> {
            ProcessBuilder pb = new ProcessBuilder("env");
            Map<String, String> env = pb.environment();
            env.put("LD_PRELOAD", poison);
            env.put("JAVA_TOOL_OPTIONS", "-javaagent:" + poison);
            env.put("NODE_OPTIONS", "--require " + poison);
            env.put("BASH_ENV", poison);
            return run(pb);
        });
        report.grab("child-env-runtime-exec-envp", () -> output(new String[] {"env"},
                new String[] {"LD_PRELOAD=" + poison, "JAVA_TOOL_OPTIONS=-javaagent:" + poison, "PYTHONPATH=" + poison},
                null));
        report.attempt("child-env-args-not-granted", () -> new ProcessBuilder("env", "X=1", "sh", "-c",
                "touch " + t.execMarker("env-sh")).start().waitFor(10, TimeUnit.SECONDS),
                () -> AttackReport.exists(t.execMarker("env-sh")));
    }

    private static String run(ProcessBuilder pb) throws Exception {
        Process p = pb.redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        p.waitFor(10, TimeUnit.SECONDS);
        return new String(out, StandardCharsets.UTF_8);
    }

    private static String output(String[] command, String[] envp, java.io.File dir) {
        try {
            Process p = Runtime.getRuntime().exec(command, envp, dir);
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            byte[] err = p.getErrorStream().readAllBytes();
            p.waitFor(10, TimeUnit.SECONDS);
            return new String(out, StandardCharsets.UTF_8) + new String(err, StandardCharsets.UTF_8);
        } catch (Exception e) {
            return "failed: " + e;
        }
    }
}
