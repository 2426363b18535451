package dev.agentguard.apps.attacks;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A guarded JVM that an outside process attaches to: writes its pid to {@code ARGS[0]}, then waits (at most
 * a minute) until the file {@code ARGS[1]} appears, and prints {@code DONE}.
 */
public final class LateAgentTarget {
    private LateAgentTarget() {}

    public static void main(String[] args) throws Exception {
        Files.writeString(Path.of(args[0] + ".tmp"), Long.toString(ProcessHandle.current().pid()));
        Files.move(Path.of(args[0] + ".tmp"), Path.of(args[0]));
        Path go = Path.of(args[1]);
        for (int i = 0; i < 600 && !Files.exists(go); i++) {
            Thread.sleep(100);
        }
        System.out.println("DONE");
    }
}
