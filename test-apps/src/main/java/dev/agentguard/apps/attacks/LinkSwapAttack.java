package dev.agentguard.apps.attacks;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads granted files until the guard knows them, then has a process of its own (the granted {@code ln}
 * and {@code mv}) swap a link to a secret in for the file, or for the directory above it, and reads the same
 * path again at once, by java.io and by NIO. The guard remembers the real form of a path it has resolved;
 * this is the attack on that memory, made outside the JVM's hooks, as another process would.
 *
 * <p>Usage: {@code LinkSwapAttack <work dir> <secret file> <rounds>}. The work directory holds
 * {@code file-<i>.txt} and {@code dir-<i>/notes.txt} for each round, made by the test. Prints one line per
 * read after a swap: {@code SWAP <kind>-<i> <io|nio> denied|LEAKED <content>|error <text>}, and
 * {@code CONTROL ...} lines for the reads before it.
 */
public final class LinkSwapAttack {
    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        String secret = args[1];
        int rounds = Integer.parseInt(args[2]);
        Path secretDir = Path.of(secret).getParent();
        for (int i = 0; i < rounds; i++) {
            Path file = work.resolve("file-" + i + ".txt");
            control("file-" + i, file);
            run("ln", "-sfn", secret, file.toString());
            swapped("file-" + i, file);

            Path dir = work.resolve("dir-" + i);
            Path notes = dir.resolve(Path.of(secret).getFileName());
            control("dir-" + i, notes);
            run("mv", dir.toString(), dir + "-old");
            run("ln", "-s", secretDir.toString(), dir.toString());
            swapped("dir-" + i, notes);
        }
    }

    /** Two reads of each kind while the path is granted: the guard resolves it and remembers it. */
    private static void control(String name, Path path) {
        for (int k = 0; k < 2; k++) {
            System.out.println("CONTROL " + name + " io " + outcome(() -> readIo(path)));
            System.out.println("CONTROL " + name + " nio " + outcome(() -> Files.readString(path)));
        }
    }

    private static void swapped(String name, Path path) {
        System.out.println("SWAP " + name + " io " + outcome(() -> readIo(path)));
        System.out.println("SWAP " + name + " nio " + outcome(() -> Files.readString(path)));
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(List.of(command)).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed");
        }
    }

    interface Read {
        String read() throws IOException;
    }

    private static String outcome(Read read) {
        try {
            return "read " + read.read().trim();
        } catch (SecurityException e) {
            return "denied";
        } catch (IOException | RuntimeException e) {
            return "error " + e;
        }
    }

    private static String readIo(Path path) throws IOException {
        try (InputStream in = new FileInputStream(path.toString())) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
