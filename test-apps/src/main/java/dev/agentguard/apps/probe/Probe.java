package dev.agentguard.apps.probe;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The smallest program to start under the guard: prints {@link #MARKER} as the first thing {@code main}
 * does, so a test can tell whether {@code main} ran at all; then, given a path, reads that file with
 * {@code FileInputStream} and prints what it read after {@code read:}.
 */
public final class Probe {
    public static final String MARKER = "agentguard-probe: main ran";

    private Probe() {}

    public static void main(String[] args) throws IOException {
        System.out.println(MARKER);
        if (args.length > 0) {
            try (InputStream in = new FileInputStream(args[0])) {
                System.out.println("read: " + new String(in.readAllBytes(), StandardCharsets.UTF_8).trim());
            }
        }
    }
}
