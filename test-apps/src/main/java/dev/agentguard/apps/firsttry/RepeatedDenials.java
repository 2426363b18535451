package dev.agentguard.apps.firsttry;

import java.io.FileInputStream;
import java.io.IOException;

/**
 * Denials the way frameworks make them: the same denied read {@code args[1]} times from one place (a retry
 * loop, a whole-environment read on every start), then one more from a shutdown hook that runs late, after
 * the JVM has begun to exit (a framework closing its server).
 */
public final class RepeatedDenials {
    private RepeatedDenials() {}

    public static void main(String[] args) throws Exception {
        String path = args[0];
        int times = Integer.parseInt(args[1]);
        for (int i = 0; i < times; i++) {
            tryRead(path);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                // Later than a hook that starts at once would write its summary.
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            System.out.println("shutdown hook: " + tryRead(path));
        }, "app-shutdown"));
        System.out.println("read " + times + " times");
    }

    private static String tryRead(String path) {
        try (FileInputStream in = new FileInputStream(path)) {
            return "read " + in.read();
        } catch (SecurityException | IOException e) {
            return "denied";
        }
    }
}
