package dev.agentguard.apps.attacks;

import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;

/**
 * Reads granted files until the guard knows them, then has a process of its own (the granted {@code ln}
 * and {@code mv}) swap a link to a secret in for the file, or for the directory above it, and reads the same
 * path again at once, by java.io and by NIO. The guard remembers the real form of a path it has resolved;
 * this is the attack on that memory, made outside the JVM's hooks, as another process would. The same for
 * the metadata queries the guard answers from its own look ({@code Files.exists/size/isRegularFile/readAttributes},
 * {@code File.exists/isFile/length}): after a swap they must answer as for a denied file, never with the secret's
 * attributes.
 *
 * <p>Usage: {@code LinkSwapAttack <work dir> <secret file> <rounds>}. The work directory holds
 * {@code file-<i>.txt} and {@code dir-<i>/notes.txt} for each round, made by the test. Prints one line per
 * read after a swap: {@code SWAP <kind>-<i> <io|nio> denied|LEAKED <content>|error <text>}, and
 * {@code CONTROL ...} lines for the reads before it; {@code QUERY-SWAP <kind>-<i> <query> <answer>} and
 * {@code QUERY-CONTROL ...} lines for the queries ({@code absent}, {@code denied}, {@code false}, or what was
 * answered: {@code size <n>}, {@code true}).
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
            Path missing = dir.resolve("new.txt");
            System.out.println("MISSING-CONTROL dir-" + i + " " + answer(() -> Boolean.toString(Files.exists(missing))));
            run("mv", dir.toString(), dir + "-old");
            run("ln", "-s", secretDir.toString(), dir.toString());
            swapped("dir-" + i, notes);
            // The guard remembers the real form of the folder of a missing name: after the swap the same name is
            // in the secret's folder, and is decided (and recorded) there.
            System.out.println("MISSING-SWAP dir-" + i + " " + answer(() -> Boolean.toString(Files.exists(missing))));
        }
    }

    /** Two reads of each kind while the path is granted: the guard resolves it and remembers it. */
    private static void control(String name, Path path) {
        for (int k = 0; k < 2; k++) {
            System.out.println("CONTROL " + name + " io " + outcome(() -> readIo(path)));
            System.out.println("CONTROL " + name + " nio " + outcome(() -> Files.readString(path)));
            queries("QUERY-CONTROL " + name, path);
        }
    }

    /** Every query the guard answers from its own look, once each. */
    private static void queries(String prefix, Path path) {
        File file = path.toFile();
        System.out.println(prefix + " nio-exists " + answer(() -> Boolean.toString(Files.exists(path))));
        System.out.println(prefix + " nio-size " + answer(() -> "size " + Files.size(path)));
        System.out.println(prefix + " nio-regular " + answer(() -> Boolean.toString(Files.isRegularFile(path))));
        System.out.println(prefix + " nio-attributes-nofollow " + answer(() -> "size "
                + Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).size()));
        System.out.println(prefix + " io-exists " + answer(() -> Boolean.toString(file.exists())));
        System.out.println(prefix + " io-file " + answer(() -> Boolean.toString(file.isFile())));
        System.out.println(prefix + " io-length " + answer(() -> "size " + file.length()));
    }

    private static String answer(Read query) {
        try {
            return query.read();
        } catch (NoSuchFileException e) {
            return "absent";
        } catch (SecurityException e) {
            return "denied";
        } catch (IOException | RuntimeException e) {
            return "error " + e;
        }
    }

    private static void swapped(String name, Path path) {
        System.out.println("SWAP " + name + " io " + outcome(() -> readIo(path)));
        System.out.println("SWAP " + name + " nio " + outcome(() -> Files.readString(path)));
        queries("QUERY-SWAP " + name, path);
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
