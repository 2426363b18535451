package dev.agentguard.apps.budget;

import java.nio.file.Path;

/**
 * Tries to start ATTEMPTS children, each of which creates a marker file {@code DIR/child-N}; prints how
 * many starts the guard allowed. The parent counts the markers: the children that really ran.
 */
public final class ExecLoop {
    private ExecLoop() {}

    public static void main(String[] args) throws Exception {
        int attempts = Integer.parseInt(args[0]);
        Path dir = Path.of(args[1]);
        int started = 0;
        int denied = 0;
        for (int i = 0; i < attempts; i++) {
            try {
                Process p = new ProcessBuilder("touch", dir.resolve("child-" + i).toString()).start();
                p.waitFor();
                started++;
            } catch (SecurityException e) {
                denied++;
                if (i == attempts - 1) {
                    System.out.println("LAST-DENIAL " + e.getMessage());
                }
            }
        }
        System.out.println("EXEC started=" + started + " denied=" + denied);
    }
}
