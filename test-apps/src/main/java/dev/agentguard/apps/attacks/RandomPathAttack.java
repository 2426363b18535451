package dev.agentguard.apps.attacks;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Reads random paths and reports what the kernel actually opened, by the content of the file it got: every
 * file of the test's world holds a line naming itself, {@code ALLOWED ...} inside the grant and
 * {@code SECRET ...} outside it. The test fails on any {@code SECRET} read; the guard's decision is thus
 * compared with the object, not with the name.
 *
 * <p>Paths mix the world's names with non-ASCII letters, an unpaired surrogate, U+FFFD, {@code ..}, {@code .},
 * empty components ({@code //}), trailing slashes, a name near NAME_MAX, runs of it that take the path past
 * 4096 bytes, and links (relative and absolute, into and out of the grant). Each path is read by java.io and
 * by NIO.
 *
 * <p>Usage: {@code RandomPathAttack <root> <seed> <count>}; prints {@code READ <io|nio> <index> <content>}
 * per successful read and {@code SUMMARY tried=N read=R denied=D failed=F} at the end.
 */
public final class RandomPathAttack {
    public static void main(String[] args) {
        String root = args[0];
        long seed = Long.parseLong(args[1]);
        int count = Integer.parseInt(args[2]);
        String longName = "n".repeat(250);
        String[] names = {"a", "d\u00e9", "file.txt", "secret.txt", "in-rel", "in-abs", "out-rel", "out-abs",
            "K?", "K\u00e9", "K\ud800", "L\uFFFD", "up", "chain", "work", "outside", longName, "x", "..", "..",
            ".", ""};
        Random random = new Random(seed);
        int read = 0;
        int denied = 0;
        int failed = 0;
        for (int i = 0; i < count; i++) {
            StringBuilder path = new StringBuilder();
            int roll = random.nextInt(10);
            if (roll == 0) {
                path.append(root).append('/');
            } else if (roll == 1) {
                path.append(root).append("/work/");
            }
            int parts = 1 + random.nextInt(8);
            for (int k = 0; k < parts; k++) {
                if (k > 0) {
                    path.append('/');
                }
                if (random.nextInt(25) == 0) {
                    // Past PATH_MAX: a long name and back, many times over.
                    path.append((longName + "/../").repeat(17));
                }
                path.append(names[random.nextInt(names.length)]);
            }
            if (random.nextInt(6) == 0) {
                path.append('/');
            }
            String p = path.toString();
            for (String how : new String[] {"io", "nio"}) {
                try {
                    String content = how.equals("io") ? readIo(p) : readNio(p);
                    read++;
                    System.out.println("READ " + how + " " + i + " " + content.trim());
                } catch (SecurityException e) {
                    denied++;
                } catch (IOException | RuntimeException e) {
                    failed++;
                }
            }
        }
        System.out.println("SUMMARY tried=" + count * 2 + " read=" + read + " denied=" + denied + " failed=" + failed);
    }

    private static String readIo(String path) throws IOException {
        try (InputStream in = new FileInputStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String readNio(String path) throws IOException {
        return new String(Files.readAllBytes(Path.of(path)), StandardCharsets.UTF_8);
    }
}
