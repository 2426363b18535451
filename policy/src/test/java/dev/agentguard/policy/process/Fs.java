package dev.agentguard.policy.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Small helpers to lay out fake programs in a temp dir. */
final class Fs {
    private Fs() {
    }

    static Path exe(Path dir, String name) {
        return file(dir, name, "rwxr-xr-x");
    }

    static Path file(Path dir, String name, String perms) {
        try {
            Path p = dir.resolve(name);
            Files.createDirectories(p.getParent());
            Files.writeString(p, "#!/bin/sh\nexit 0\n");
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(perms));
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path dir(Path parent, String name) {
        try {
            return Files.createDirectories(parent.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path link(Path link, Path target) {
        try {
            Files.createDirectories(link.getParent());
            return Files.createSymbolicLink(link, target);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String real(Path p) {
        try {
            return p.toRealPath().toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
