package dev.agentguard.apps.attacks;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.CopyOption;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * Attacks on the gap between the name the guard decides on and the object the kernel opens (issue 13):
 *
 * <ul>
 *   <li>{@code encoding OUT}: reads {@code OUT/K\u00e9} and {@code OUT/K\ud800} by java.io (which hands the
 *       kernel {@code OUT/K?} when the locale cannot encode the letter) and by NIO, and every entry of
 *       {@code OUT} that NIO lists with U+FFFD in its name (bytes not valid in the encoding);</li>
 *   <li>{@code copy-race OUT N}: {@code Files.copy(OUT/link, OUT/copy, options)} N times, while a second
 *       thread flips {@code options[0]} between {@code NOFOLLOW_LINKS} and {@code REPLACE_EXISTING};</li>
 *   <li>{@code exec-race OUT N}: starts {@code OUT/X/git status} N times, while a second thread swaps
 *       {@code OUT/X} between a folder whose {@code git} links to the granted one and a folder whose
 *       {@code git} is another program, by two renames each way;</li>
 *   <li>{@code read PATH}: one java.io read of a (relative) path.</li>
 * </ul>
 *
 * <p>Prints {@code RESULT <case> denied|LEAKED <content>|error <text>} per read, and for the races
 * {@code RACE <case> attempts=N won=W denied=D} where a win is the copy holding the secret's bytes. Whether a
 * foreign program ran is judged from outside, by its marker file.
 */
public final class KernelObjectAttack {
    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "encoding" -> encoding(Path.of(args[1]));
            case "copy-race" -> copyRace(Path.of(args[1]), Integer.parseInt(args[2]));
            case "exec-race" -> execRace(Path.of(args[1]), Integer.parseInt(args[2]));
            case "read" -> System.out.println("RESULT read " + outcome(() -> readIo(args[1])));
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    private static void encoding(Path out) throws IOException {
        for (String name : new String[] {"K\u00e9", "K\ud800"}) {
            String path = out + "/" + name;
            System.out.println("RESULT io-" + tag(name) + " " + outcome(() -> readIo(path)));
            System.out.println("RESULT nio-" + tag(name) + " " + outcome(() -> Files.readString(Path.of(path))));
            // A query on the same name: java.io would ask the kernel about out/K?, the planted link.
            System.out.println("QUERY io-" + tag(name) + " " + query(() -> new java.io.File(path).exists()));
        }
        List<Path> listed;
        try (Stream<Path> entries = Files.list(out)) {
            listed = entries.filter(p -> p.toString().indexOf('\uFFFD') >= 0).toList();
        }
        System.out.println("LISTED " + listed.size());
        for (Path p : listed) {
            System.out.println("RESULT listed-nio " + outcome(() -> Files.readString(p)));
            System.out.println("RESULT listed-io " + outcome(() -> readIo(p.toString())));
        }
    }

    private static String tag(String name) {
        return name.charAt(1) == '\u00e9' ? "letter" : "surrogate";
    }

    private static void copyRace(Path out, int attempts) throws Exception {
        Path link = out.resolve("link");
        Path copy = out.resolve("copy");
        CopyOption[] options = {LinkOption.NOFOLLOW_LINKS};
        AtomicBoolean done = new AtomicBoolean();
        Thread flipper = new Thread(() -> {
            // Bounded: stops when the copies are done, or after a generous number of flips.
            for (long i = 0; i < 2_000_000_000L && !done.get(); i++) {
                options[0] = (i & 1) == 0 ? StandardCopyOption.REPLACE_EXISTING : LinkOption.NOFOLLOW_LINKS;
            }
        });
        flipper.start();
        int won = 0;
        int denied = 0;
        for (int i = 0; i < attempts; i++) {
            try {
                Files.copy(link, copy, options);
            } catch (SecurityException e) {
                denied++;
            } catch (IOException e) {
                // the copy's own failure: nothing was copied
            }
            if (Files.isRegularFile(copy, LinkOption.NOFOLLOW_LINKS)) {
                won++;
                System.out.println("LEAKED " + Files.readString(copy).trim());
            }
            Files.deleteIfExists(copy);
        }
        done.set(true);
        flipper.join();
        System.out.println("RACE copy attempts=" + attempts + " won=" + won + " denied=" + denied);
    }

    private static void execRace(Path out, int attempts) throws Exception {
        Path x = out.resolve("X");
        Path a = out.resolve("A");
        Path b = out.resolve("B");
        AtomicBoolean done = new AtomicBoolean();
        Thread swapper = new Thread(() -> {
            for (long i = 0; i < 100_000_000L && !done.get(); i++) {
                try {
                    // X holds the link to the granted git: park it as A, put B (the other program) in as X ...
                    Files.move(x, a);
                    Files.move(b, x);
                    // ... and back.
                    Files.move(x, b);
                    Files.move(a, x);
                } catch (IOException | SecurityException e) {
                    System.out.println("SWAP-ERROR " + e);
                    return;
                }
            }
        });
        swapper.start();
        int ran = 0;
        int denied = 0;
        int failed = 0;
        for (int i = 0; i < attempts; i++) {
            try {
                Process p = new ProcessBuilder(x + "/git", "status").redirectErrorStream(true).start();
                String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
                p.waitFor();
                if (said.equals("harmless git")) {
                    ran++;
                } else {
                    System.out.println("OTHER " + said);
                }
            } catch (SecurityException e) {
                denied++;
            } catch (IOException e) {
                failed++; // X was between two renames
            }
        }
        done.set(true);
        swapper.join();
        System.out.println("RACE exec attempts=" + attempts + " granted-ran=" + ran + " denied=" + denied
                + " failed=" + failed);
    }

    interface Read {
        String read() throws IOException;
    }

    private static String outcome(Read read) {
        try {
            return "LEAKED " + read.read().trim();
        } catch (SecurityException e) {
            return "denied";
        } catch (IOException | RuntimeException e) {
            return "error " + e.getClass().getSimpleName();
        }
    }

    interface Query {
        boolean ask();
    }

    private static String query(Query query) {
        try {
            return Boolean.toString(query.ask());
        } catch (SecurityException e) {
            return "denied";
        }
    }

    private static String readIo(String path) throws IOException {
        try (InputStream in = new FileInputStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
