package dev.agentguard.apps.attacks;

import dev.agentguard.apps.process.ChildProcessProbe;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Ways out of a granted child that an application which has read the guard's code would try (issue 14
 * attacks), one per run, for ChildEscapeTest. Each prints {@code RESULT ok ...} or {@code RESULT denied
 * <message>}; the test checks the effect from outside (a marker file, a pid that must be gone).
 *
 * <ul>
 *   <li>{@code java-opts OPTION... -- ARGS...}: starts this JDK's {@code java} with the JVM options, then
 *       this class with ARGS (a granted {@code java **} whose options run code or write files outside the
 *       child's guard)</li>
 *   <li>{@code java-in DIR OPTION... -- ARGS...}: the same, with the child's working directory DIR</li>
 *   <li>{@code read PATH}, {@code read-rel NAME}: prints a file, by NIO, or by java.io with a relative name
 *       (run as that child)</li>
 *   <li>{@code jar-child JAR MARKER}: writes JAR with {@code Add-Opens: java.base/java.lang} in its manifest and
 *       runs {@code java -jar JAR raw-exec}</li>
 *   <li>{@code oom}: fills the heap until OutOfMemoryError (run as that child)</li>
 *   <li>{@code noop}: does nothing (run as that child)</li>
 *   <li>{@code raw-exec}: runs {@code touch} on the file named by {@code -Descape.marker} through the
 *       {@code ProcessImpl} constructor, below the hooked start (run as that child; needs java.lang opened)</li>
 *   <li>{@code set-var NAME VALUE PROGRAM [ARGS...]}: runs the program with one variable set</li>
 *   <li>{@code exit-hook-child SECONDS}: a shutdown hook of the application's starts {@code sleep SECONDS}
 *       while the JVM exits, after the guard ended its children; prints the pid</li>
 *   <li>{@code halt-child SECONDS}: starts {@code sleep SECONDS}, prints its pid and halts the JVM
 *       ({@code Runtime.halt} runs no shutdown hook)</li>
 *   <li>{@code suspend-watcher}: starts {@code sleep 41} (a 1s time limit), suspends the guard's
 *       child-watcher thread (JDK 17: {@code Thread.suspend} still works) and waits 8s for the child</li>
 * </ul>
 */
public final class ChildEscapeProbe {
    private ChildEscapeProbe() {}

    public static void main(String[] args) throws Exception {
        try {
            run(args);
        } catch (SecurityException | UnsupportedOperationException e) {
            System.out.println("RESULT denied " + e.getMessage());
        }
        System.out.flush();
    }

    @SuppressWarnings({"removal", "deprecation"})
    private static void run(String[] args) throws Exception {
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        switch (args[0]) {
            case "java-opts":
            case "java-in": {
                ProcessBuilder pb = new ProcessBuilder();
                if (args[0].equals("java-in")) {
                    pb.directory(new java.io.File(rest[0]));
                    rest = Arrays.copyOfRange(rest, 1, rest.length);
                }
                List<String> command = new ArrayList<>();
                command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
                int i = 0;
                while (!rest[i].equals("--")) {
                    command.add(rest[i++]);
                }
                command.addAll(List.of("-cp", System.getProperty("java.class.path"), ChildEscapeProbe.class.getName()));
                command.addAll(Arrays.asList(rest).subList(i + 1, rest.length));
                System.out.println("RESULT ok child said: " + output(pb.command(command)));
                break;
            }
            case "oom": {
                List<long[]> hold = new ArrayList<>();
                for (int i = 0; i < 100_000; i++) {
                    hold.add(new long[1 << 20]);
                }
                System.out.println("no OutOfMemoryError " + hold.size());
                break;
            }
            case "jar-child": {
                // An executable jar the application wrote itself (work/out is granted): its manifest opens
                // java.lang to the application, which the launcher applies after the child's guard started.
                Path jar = Path.of(rest[0]);
                java.util.jar.Manifest manifest = new java.util.jar.Manifest();
                java.util.jar.Attributes main = manifest.getMainAttributes();
                main.put(java.util.jar.Attributes.Name.MANIFEST_VERSION, "1.0");
                main.put(java.util.jar.Attributes.Name.MAIN_CLASS, ChildEscapeProbe.class.getName());
                main.put(new java.util.jar.Attributes.Name("Add-Opens"), "java.base/java.lang");
                try (java.util.jar.JarOutputStream out = new java.util.jar.JarOutputStream(
                        java.nio.file.Files.newOutputStream(jar), manifest)) {
                    // This class, in the jar: the child's policy need not grant reading the test classes.
                    String entry = ChildEscapeProbe.class.getName().replace('.', '/') + ".class";
                    out.putNextEntry(new java.util.jar.JarEntry(entry));
                    try (java.io.InputStream in = ChildEscapeProbe.class.getClassLoader().getResourceAsStream(entry)) {
                        in.transferTo(out);
                    }
                    out.closeEntry();
                }
                List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Descape.marker=" + rest[1], "-jar", jar.toString(), "raw-exec");
                System.out.println("RESULT ok child said: " + output(new ProcessBuilder(command)));
                break;
            }
            case "raw-exec": {
                // With java.lang opened (--add-opens), the constructor below ProcessImpl.start forks and execs.
                String marker = System.getProperty("escape.marker");
                Class<?> impl = Class.forName("java.lang.ProcessImpl");
                for (java.lang.reflect.Constructor<?> c : impl.getDeclaredConstructors()) {
                    if (c.getParameterCount() == 9) {
                        c.setAccessible(true);
                        byte[] prog = "/usr/bin/touch\0".getBytes(StandardCharsets.UTF_8);
                        byte[] arg = (marker + "\0").getBytes(StandardCharsets.UTF_8);
                        Process p = (Process) c.newInstance(prog, arg, 1, null, 0, null, new int[] {-1, -1, -1},
                                false, false);
                        System.out.println("child ran: exit=" + p.waitFor());
                    }
                }
                break;
            }
            case "read":
                System.out.println("read: " + java.nio.file.Files.readString(Path.of(rest[0])));
                break;
            case "read-rel":
                try (java.io.FileInputStream in = new java.io.FileInputStream(rest[0])) {
                    System.out.println("read: " + new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
                break;
            case "noop":
                System.out.println("child ran");
                break;
            case "set-var": {
                ProcessBuilder pb = new ProcessBuilder(Arrays.copyOfRange(rest, 2, rest.length));
                pb.environment().put(rest[0], rest[1]);
                System.out.println("RESULT ok " + output(pb));
                break;
            }
            case "exit-hook-child": {
                String seconds = rest[0];
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        Thread.sleep(500);
                        Process p = new ProcessBuilder("sleep", seconds).start();
                        System.out.println("PID " + p.pid());
                    } catch (Exception e) {
                        System.out.println("HOOK " + e);
                    }
                    System.out.flush();
                }));
                System.out.println("RESULT ok exiting");
                System.out.flush();
                System.exit(0);
                break;
            }
            case "halt-child": {
                Process p = new ProcessBuilder("sleep", rest[0]).start();
                System.out.println("PID " + p.pid());
                System.out.println("RESULT ok halting");
                System.out.flush();
                Runtime.getRuntime().halt(0);
                break;
            }
            case "suspend-watcher": {
                Process p = new ProcessBuilder("sleep", "41").start();
                System.out.println("PID " + p.pid());
                Thread watcher = null;
                for (Thread t : Thread.getAllStackTraces().keySet()) {
                    if (t.getName().equals("agentguard-children")) {
                        watcher = t;
                    }
                }
                if (watcher == null) {
                    System.out.println("RESULT ok no watcher thread found");
                    break;
                }
                try {
                    watcher.suspend();
                } catch (NoSuchMethodError e) {
                    // JDK 20 and later: Thread.suspend throws or is gone.
                    System.out.println("RESULT denied Thread.suspend: " + e);
                    p.destroyForcibly();
                    break;
                }
                boolean ended = p.waitFor(8, TimeUnit.SECONDS);
                System.out.println("RESULT ok suspended; ended=" + ended);
                p.destroyForcibly();
                break;
            }
            default:
                throw new IllegalArgumentException("unknown action " + args[0]);
        }
    }

    private static String output(ProcessBuilder pb) throws IOException, InterruptedException {
        return ChildProcessProbe.output(pb);
    }
}
