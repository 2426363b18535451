package dev.agentguard.apps.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * What an application does with the children it starts, one action per run, for ChildProcessTest. Each
 * action prints {@code RESULT ok ...} or {@code RESULT denied <message>}; the test checks the effect from
 * outside (a marker file, a pid that must be gone, the audit log).
 *
 * <ul>
 *   <li>{@code git-env MARKER}: {@code git status} with {@code GIT_CONFIG_*} setting {@code core.fsmonitor} to
 *       a command that creates MARKER (a prompt-injected agent turning a granted git into a shell)</li>
 *   <li>{@code set-var NAME VALUE PROGRAM [ARGS...]}: runs the program with one variable set, prints its output</li>
 *   <li>{@code exec ARGS...}: starts the command and prints its output</li>
 *   <li>{@code java-child PATH}: starts this JDK's {@code java} running {@code read PATH} of this class</li>
 *   <li>{@code read PATH}: reads a file (run as the child JVM)</li>
 *   <li>{@code sleep-wait SECONDS}: starts {@code sleep SECONDS}, prints its pid, waits for it, prints how it ended</li>
 *   <li>{@code sleep-exit SECONDS}: starts {@code sleep SECONDS}, prints its pid and exits at once</li>
 * </ul>
 */
public final class ChildProcessProbe {
    private ChildProcessProbe() {}

    public static void main(String[] args) throws Exception {
        try {
            run(args);
        } catch (SecurityException e) {
            System.out.println("RESULT denied " + e.getMessage());
        }
        System.out.flush();
    }

    private static void run(String[] args) throws Exception {
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        switch (args[0]) {
            case "git-env": {
                ProcessBuilder pb = new ProcessBuilder("git", "status");
                pb.environment().put("GIT_CONFIG_COUNT", "1");
                pb.environment().put("GIT_CONFIG_KEY_0", "core.fsmonitor");
                pb.environment().put("GIT_CONFIG_VALUE_0", "touch " + rest[0] + "; false");
                System.out.println("RESULT ok " + output(pb));
                break;
            }
            case "set-var": {
                ProcessBuilder pb = new ProcessBuilder(Arrays.copyOfRange(rest, 2, rest.length));
                pb.environment().put(rest[0], rest[1]);
                System.out.println("RESULT ok " + output(pb));
                break;
            }
            case "exec":
                System.out.println("RESULT ok " + output(new ProcessBuilder(rest)));
                break;
            case "java-child": {
                String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
                ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                        ChildProcessProbe.class.getName(), "read", rest[0]);
                System.out.println("RESULT ok child said: " + output(pb).trim());
                break;
            }
            case "read":
                System.out.println("RESULT ok read " + Files.readString(Path.of(rest[0])).length() + " chars, pid "
                        + ProcessHandle.current().pid());
                break;
            case "sleep-wait": {
                Process p = new ProcessBuilder("sleep", rest[0]).start();
                System.out.println("PID " + p.pid());
                System.out.flush();
                long t0 = System.nanoTime();
                boolean ended = p.waitFor(Long.parseLong(rest[0]) + 30, TimeUnit.SECONDS);
                long ms = (System.nanoTime() - t0) / 1_000_000;
                System.out.println("RESULT ok ended=" + ended + " exit=" + (ended ? p.exitValue() : -1) + " after=" + ms);
                break;
            }
            case "sleep-exit": {
                Process p = new ProcessBuilder("sleep", rest[0]).start();
                System.out.println("PID " + p.pid());
                System.out.println("RESULT ok started");
                System.out.flush();
                System.exit(0);
                break;
            }
            default:
                throw new IllegalArgumentException("unknown action " + args[0]);
        }
    }

    /** Runs the command, stdout and stderr merged into one line, then {@code exit=N}. */
    public static String output(ProcessBuilder pb) throws IOException, InterruptedException {
        pb.redirectErrorStream(true);
        Process p = pb.start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        p.waitFor(60, TimeUnit.SECONDS);
        return new String(out, StandardCharsets.UTF_8).replace('\n', ' ') + " exit=" + p.exitValue();
    }
}
