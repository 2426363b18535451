package dev.agentguard.apps.attacks;

import java.io.File;

/**
 * {@code File.getCanonicalPath} on a {@code File} subclass whose {@code getPath} names an allowed file the first
 * time (the guard's check) and a link in a denied folder afterwards (the JDK's own {@code resolve}). Prints the
 * canonical path: where the denied link points must not come out.
 *
 * <p>Arguments: an allowed file, the denied link.
 */
public final class CanonicalSwapAttack {
    private CanonicalSwapAttack() {}

    public static void main(String[] args) {
        String allowed = args[0];
        String denied = args[1];
        File swapping = new File(allowed) {
            private int calls;

            @Override
            public String getPath() {
                return calls++ == 0 ? allowed : denied;
            }
        };
        try {
            System.out.println("canonical: " + swapping.getCanonicalPath());
        } catch (Throwable t) {
            System.out.println("canonical: " + t.getClass().getSimpleName());
        }
    }
}
