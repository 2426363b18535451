package dev.agentguard.it;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The files the NIO actions (NioFileActions) work on, all named {@code nio-*}, and how to tell whether an
 * in-place write among them happened.
 */
final class NioFiles {
    static final String XATTR = "agentguard";
    /** Where the times of the in-place time targets start; the actions set them to the epoch. */
    static final FileTime START = FileTime.fromMillis(1_600_000_000_000L);
    static final Set<PosixFilePermission> START_MODE = PosixFilePermissions.fromString("rw-r--r--");

    /** Files whose times the actions set (relative to the sandbox). */
    static final List<String> TIMES = List.of("nio-times.txt", "nio-setattr.txt", "nio-sds/times.txt");
    /** Files whose permissions the actions set. */
    static final List<String> MODES = List.of("nio-mode.txt", "nio-sds/perm.txt");
    /** Entries the actions delete. */
    static final List<String> DELETED = List.of("nio-del.txt", "nio-sds/del.txt", "nio-sds/deldir");

    private NioFiles() {}

    static void create(Path dir) throws IOException {
        Files.writeString(dir.resolve("nio-read.txt"), "nio input\n");
        Files.createDirectories(dir.resolve("nio-dir"));
        Files.writeString(dir.resolve("nio-dir/a.txt"), "a");
        Files.createSymbolicLink(dir.resolve("nio-link"), dir.resolve("nio-read.txt"));
        for (String name : List.of("nio-del.txt", "nio-move-src.txt", "nio-hard-src.txt", "nio-owner.txt",
                "nio-xattr.txt", "nio-xattr-del.txt", "nio-dos.txt")) {
            Files.writeString(dir.resolve(name), name);
        }
        Path sds = Files.createDirectories(dir.resolve("nio-sds"));
        Files.createDirectories(sds.resolve("sub"));
        Files.createDirectories(sds.resolve("deldir"));
        for (String name : List.of("sub/x.txt", "del.txt", "move-src.txt", "own.txt")) {
            Files.writeString(sds.resolve(name), name);
        }
        for (String name : TIMES) {
            Files.writeString(dir.resolve(name), name);
            Files.setLastModifiedTime(dir.resolve(name), START);
        }
        for (String name : MODES) {
            Files.writeString(dir.resolve(name), name);
            Files.setPosixFilePermissions(dir.resolve(name), START_MODE);
        }
        Files.getFileAttributeView(dir.resolve("nio-xattr-del.txt"), UserDefinedFileAttributeView.class)
                .write(XATTR, ByteBuffer.wrap(new byte[] {'1'}));
        try (OutputStream out = Files.newOutputStream(dir.resolve("nio.zip"));
             ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("entry.txt"));
            zip.write('x');
            zip.closeEntry();
        }
    }

    static boolean hasXattr(Path file, String name) throws IOException {
        return Files.getFileAttributeView(file, UserDefinedFileAttributeView.class).list().contains(name);
    }
}
