package dev.agentguard.apps.attacks;

import java.util.Map;

/**
 * Reads OPENAI_API_KEY (a canary the parent planted; the policy grants only PATH and HOME) through every
 * public door to the JVM's environment: {@code System.getenv(name)}, the whole {@code System.getenv()}
 * map (looked up, iterated, printed) and {@code ProcessBuilder.environment()}.
 */
public final class EnvAttack implements Attack {
    static final String SECRET = "OPENAI_API_KEY";

    public static void main(String[] args) {
        AttackSuite.runOne("EnvAttack", new EnvAttack());
    }

    @Override
    public void run(AttackTarget t, AttackReport report) {
        report.control("env-granted-path", System.getenv("PATH") != null, "PATH is readable");
        report.grab("env-getenv-name", () -> System.getenv(SECRET));
        report.grab("env-getenv-map-get", () -> System.getenv().get(SECRET));
        report.grab("env-getenv-map-values", () -> String.join("\n", System.getenv().values()));
        report.grab("env-getenv-map-tostring", () -> System.getenv().toString());
        report.grab("env-processbuilder-environment", () -> new ProcessBuilder().environment().toString());
        report.grab("env-processbuilder-environment-entries", () -> {
            StringBuilder sb = new StringBuilder();
            for (Map.Entry<String, String> e : new ProcessBuilder("echo").environment().entrySet()) {
                sb.append(e.getKey()).append('=').append(e.getValue()).append('\n');
            }
            return sb;
        });
        report.grab("env-reflection-processenvironment", () -> {
            // Without --add-opens the JDK itself refuses setAccessible on java.lang internals.
            java.lang.reflect.Field f = Class.forName("java.lang.ProcessEnvironment")
                    .getDeclaredField("theUnmodifiableEnvironment");
            f.setAccessible(true);
            return f.get(null);
        });
    }
}
