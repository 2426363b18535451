package dev.agentguard.apps.attacks;

import java.io.File;

/**
 * java.io.File's probes on a file the policy denies: {@code exists}, {@code isFile}, {@code isDirectory} must
 * answer false (as for a missing file) and {@code length} must throw, whatever the guard's fast look does with
 * the path string the advice hands it. Prints each answer.
 *
 * <p>Argument: the denied file.
 */
public final class FileProbeAttack {
    private FileProbeAttack() {}

    public static void main(String[] args) {
        File secret = new File(args[0]);
        System.out.println("exists: " + secret.exists());
        System.out.println("isFile: " + secret.isFile());
        System.out.println("isDirectory: " + secret.getParentFile().isDirectory());
        try {
            System.out.println("length: " + secret.length());
        } catch (Throwable t) {
            System.out.println("length: " + t.getClass().getSimpleName());
        }
    }
}
