package dev.agentguard.apps.budget;

import java.io.RandomAccessFile;

/**
 * Opens FILE with {@code RandomAccessFile} in MODE ({@code r} or {@code rw}) until an open is denied, at most
 * ATTEMPTS times; prints how many opens the guard allowed. Under a {@code file.open} rate budget the count
 * shows how many tokens one open takes: an {@code rw} open must take one, like an {@code r} open.
 */
public final class RandomAccessLoop {
    private RandomAccessLoop() {}

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        int attempts = Integer.parseInt(args[1]);
        String file = args[2];
        int opened = 0;
        for (int i = 0; i < attempts; i++) {
            try (RandomAccessFile f = new RandomAccessFile(file, mode)) {
                opened++;
            } catch (SecurityException e) {
                System.out.println("DENIAL " + e.getMessage());
                break;
            }
        }
        System.out.println("OPENED " + opened);
    }
}
