package dev.agentguard.apps.shell;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Starts one {@code SHELL -c SCRIPT} the way an agent's shell tool or Maven's forked test JVM does, and
 * reports what happened: {@code STARTED}, each output line as {@code OUT: …}, then {@code EXIT n}; or
 * {@code DENIED <message>} when the guard refused the start.
 *
 * <p>Usage: {@code [--env NAME=VALUE]... [--dir DIR] SHELL SCRIPT}. {@code --env} puts a variable into the
 * builder's environment (the application's map, which the guard must decide on as the child gets it).
 */
public final class ShellStart {
    private ShellStart() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        List<String[]> env = new ArrayList<>();
        String dir = null;
        int i = 0;
        while (i < args.length && args[i].startsWith("--")) {
            if (args[i].equals("--env")) {
                env.add(args[i + 1].split("=", 2));
            } else if (args[i].equals("--dir")) {
                dir = args[i + 1];
            }
            i += 2;
        }
        ProcessBuilder pb = new ProcessBuilder(args[i], "-c", args[i + 1]).redirectErrorStream(true);
        if (dir != null) {
            pb.directory(new java.io.File(dir));
        }
        for (String[] kv : env) {
            pb.environment().put(kv[0], kv[1]);
        }
        Process p;
        try {
            p = pb.start();
        } catch (SecurityException e) {
            System.out.println("DENIED " + e.getMessage());
            return;
        }
        System.out.println("STARTED");
        p.getOutputStream().close();
        try (InputStream in = p.getInputStream()) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                System.out.println("OUT: " + line);
            }
        }
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            System.out.println("TIMEOUT");
            return;
        }
        System.out.println("EXIT " + p.exitValue());
    }
}
