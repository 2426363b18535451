package dev.agentguard.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentguard.apps.hooks.FileMetadataActions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The files the java.io.File actions change (they must exist beforehand: a denying policy lets an action
 * create nothing), and the checks of effects that are not "a new file appears": a file still there,
 * times and permissions unchanged, no temporary file.
 */
final class FileMetadataEffects {
    static final Set<PosixFilePermission> START = PosixFilePermissions.fromString("rw-r--r--");
    static final FileTime START_TIME = FileTime.fromMillis(1_500_000_000_000L);
    private static final String[] CHANGED = {"meta-times.txt", "meta-readonly.txt", "meta-writable.txt",
        "meta-readable.txt", "meta-exec.txt", "meta-delete.txt", "meta-delete-on-exit.txt", "meta-rename-src.txt"};

    private FileMetadataEffects() {}

    static void prepare(Path dir) throws IOException {
        for (String name : CHANGED) {
            Path file = Files.writeString(dir.resolve(name), "meta\n");
            Files.setPosixFilePermissions(file, START);
            Files.setLastModifiedTime(file, START_TIME);
        }
        Files.createDirectories(dir.resolve("meta-tmp"));
    }

    /** {@code happened}: the actions ran (granted, or audit mode); otherwise nothing may have changed. */
    static void assertEffects(Path dir, boolean happened) throws IOException {
        assertThat(Files.getLastModifiedTime(dir.resolve("meta-times.txt")).toMillis()).as("meta-times.txt mtime")
                .isEqualTo(happened ? FileMetadataActions.FIXED_TIME : START_TIME.toMillis());
        assertThat(permissions(dir, "meta-readonly.txt")).as("meta-readonly.txt")
                .isEqualTo(happened ? PosixFilePermissions.fromString("r--r--r--") : START);
        assertThat(permissions(dir, "meta-writable.txt")).as("meta-writable.txt")
                .isEqualTo(happened ? PosixFilePermissions.fromString("r--r--r--") : START);
        assertThat(permissions(dir, "meta-readable.txt")).as("meta-readable.txt")
                .isEqualTo(happened ? PosixFilePermissions.fromString("-w-r--r--") : START);
        assertThat(permissions(dir, "meta-exec.txt")).as("meta-exec.txt")
                .isEqualTo(happened ? PosixFilePermissions.fromString("rwxr-xr-x") : START);
        assertThat(Files.exists(dir.resolve("meta-delete.txt"))).as("meta-delete.txt still there").isEqualTo(!happened);
        assertThat(Files.exists(dir.resolve("meta-delete-on-exit.txt"))).as("meta-delete-on-exit.txt still there")
                .isEqualTo(!happened);
        assertThat(Files.exists(dir.resolve("meta-rename-src.txt"))).as("meta-rename-src.txt still there")
                .isEqualTo(!happened);
        try (Stream<Path> temp = Files.list(dir.resolve("meta-tmp"))) {
            // One from each of the two temp-file rows (generateFile, createTempFile), which make the same call.
            assertThat(temp.count()).as("temporary files in meta-tmp").isEqualTo(happened ? 2 : 0);
        }
    }

    private static Set<PosixFilePermission> permissions(Path dir, String name) throws IOException {
        return Files.getPosixFilePermissions(dir.resolve(name));
    }
}
