package dev.agentguard.apps.attacks;

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
 * Issue-13 review, hole 2: the kernel shows a removed object's path with {@code " (deleted)"} after it, and a
 * folder may also be named so. The guard took a stream folder's path without that suffix, so after
 * {@code pub} was renamed {@code "pub (deleted)"} the stream's entries were decided as {@code pub/...}, a
 * name that no longer exists, instead of by their real names.
 *
 * <p>Also prints {@code ATTRIBUTES-VIA-STREAM read size=N|denied}: the stream's attribute view of the entry.
 *
 * <p>Usage: {@code DeletedNameAttack <work dir>}; the test made {@code pub/secret} and grants reading
 * {@code pub/**} only, writing {@code work/**}. Prints {@code VIA-STREAM read <content>} or
 * {@code VIA-STREAM denied}, and {@code DIRECT read|denied} for a plain read of the renamed file.
 */
public final class DeletedNameAttack {
    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        Path pub = work.resolve("pub");
        Path renamed = work.resolve("pub (deleted)");
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(pub)) {
            @SuppressWarnings("unchecked")
            SecureDirectoryStream<Path> sds = (SecureDirectoryStream<Path>) stream;
            Files.move(pub, renamed);
            try {
                java.nio.file.attribute.BasicFileAttributes attributes = sds.getFileAttributeView(Path.of("secret"),
                        java.nio.file.attribute.BasicFileAttributeView.class).readAttributes();
                System.out.println("ATTRIBUTES-VIA-STREAM read size=" + attributes.size());
            } catch (SecurityException e) {
                System.out.println("ATTRIBUTES-VIA-STREAM denied");
            }
            try (SeekableByteChannel channel = sds.newByteChannel(Path.of("secret"), Set.of(StandardOpenOption.READ))) {
                ByteBuffer buffer = ByteBuffer.allocate(256);
                channel.read(buffer);
                buffer.flip();
                System.out.println("VIA-STREAM read " + StandardCharsets.UTF_8.decode(buffer));
            } catch (SecurityException e) {
                System.out.println("VIA-STREAM denied");
            }
        }
        try {
            System.out.println("DIRECT read " + Files.readString(renamed.resolve("secret")));
        } catch (SecurityException e) {
            System.out.println("DIRECT denied");
        }
    }
}
