package dev.agentguard.apps.attacks;

import java.io.File;
import java.io.FileInputStream;
import java.nio.file.Path;

/**
 * Issue-13 review, hole 5: ways a start could run something other than what was decided. One kind per
 * argument; each prints {@code RESULT <kind> ok <exit code>} or {@code RESULT <kind> denied}. What ran is
 * checked from outside, by the markers the test's programs leave.
 *
 * <ul>
 *   <li>{@code procfd-evil}: opens {@code tools/evil} (readable, not granted) and starts
 *       {@code /proc/self/fd/N} of it: the name is no program, the descriptor's file is.</li>
 *   <li>{@code procfd-ok}: the same with the granted {@code tools/ok}.</li>
 *   <li>{@code cwd-path-evil}: starts the bare name {@code evil} in the folder {@code tools}, with the JVM's
 *       {@code PATH} holding an empty entry (the working directory) that the JDK would search in the child's
 *       folder.</li>
 *   <li>{@code argv0-ok}: starts the granted {@code ok} by its bare name, which {@code PATH} finds first in
 *       {@code out} (a folder the application writes, holding its own {@code ok}).</li>
 *   <li>{@code noexec-plain}: starts the granted {@code tools/plain}, a script without {@code #!}: the kernel
 *       refuses it and the JDK runs it with {@code /bin/sh}.</li>
 *   <li>{@code noexec-shgranted}: starts {@code tools/shplain one}, a script without {@code #!} that the policy
 *       grants as {@code /bin/sh tools/shplain one}.</li>
 *   <li>{@code tool:NAME}: starts the granted {@code tools/NAME} with no arguments (a file whose first bytes look
 *       like a {@code #!} line or an ELF header, yet which the kernel refuses with {@code ENOEXEC}).</li>
 * </ul>
 *
 * <p>Usage: {@code ProcessStartAttack <work dir> <kind>...}.
 */
public final class ProcessStartAttack {
    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        Path tools = work.resolve("tools");
        for (int i = 1; i < args.length; i++) {
            String kind = args[i];
            try {
                int exit = switch (kind) {
                    case "procfd-evil" -> viaDescriptor(tools.resolve("evil"));
                    case "procfd-ok" -> viaDescriptor(tools.resolve("ok"));
                    case "cwd-path-evil" -> new ProcessBuilder("evil").directory(tools.toFile()).start().waitFor();
                    case "argv0-ok" -> new ProcessBuilder("ok").directory(work.resolve("out").toFile()).start()
                            .waitFor();
                    case "noexec-plain" -> new ProcessBuilder(tools.resolve("plain").toString()).start().waitFor();
                    case "noexec-shgranted" -> new ProcessBuilder(tools.resolve("shplain").toString(), "one").start()
                            .waitFor();
                    default -> {
                        if (!kind.startsWith("tool:")) {
                            throw new IllegalArgumentException(kind);
                        }
                        yield new ProcessBuilder(tools.resolve(kind.substring(5)).toString()).start().waitFor();
                    }
                };
                System.out.println("RESULT " + kind + " ok " + exit);
            } catch (SecurityException e) {
                System.out.println("RESULT " + kind + " denied");
            } catch (java.io.IOException e) {
                System.out.println("RESULT " + kind + " failed " + e.getMessage());
            }
        }
    }

    /** Starts {@code /proc/self/fd/N}, N a descriptor of {@code program} this process holds open. */
    private static int viaDescriptor(Path program) throws Exception {
        try (FileInputStream in = new FileInputStream(program.toFile())) {
            int n = Integer.parseInt(new File("/proc/self/fd").list().length > 0 ? descriptorOf(program) : "-1");
            return new ProcessBuilder("/proc/self/fd/" + n).start().waitFor();
        }
    }

    /** The number of an open descriptor of {@code program}, found by reading this process's links. */
    private static String descriptorOf(Path program) throws Exception {
        String real = program.toRealPath().toString();
        for (String n : new File("/proc/self/fd").list()) {
            try {
                if (java.nio.file.Files.readSymbolicLink(Path.of("/proc/self/fd", n)).toString().equals(real)) {
                    return n;
                }
            } catch (java.io.IOException | SecurityException ignored) {
                // a descriptor closed meanwhile, or one the guard does not let us look at
            }
        }
        throw new IllegalStateException("no descriptor of " + real);
    }
}
