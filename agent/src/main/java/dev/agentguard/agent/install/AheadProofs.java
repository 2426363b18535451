package dev.agentguard.agent.install;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Remembers, per guard.jar and JDK image, that the rows of the hooked classes a JVM had not loaded at start
 * were woven into their class files and proven, so that the next start on the same pair need not weave them
 * ahead again (on a cold JVM that weaving, interpreted, costs some 100 ms of CPU on the hooks' critical path;
 * docs/design/startup.md, "Lazy hooks").
 *
 * <p>Nothing depends on this memory for safety: such a class is still woven, for real, when the JVM first
 * defines it, and a definition that cannot be woven is refused and stops the JVM. A forged or stale proof
 * can only move a weaving failure from the start to that first definition; a missing or unreadable one
 * means the proof is made again. The key is the guard jar (path, size, modification time) and the JDK
 * image ({@code java.home}, runtime version, size and modification time of {@code lib/modules}); the file
 * names each proven row, and a class is skipped only when every one of its rows is named.
 *
 * <p>Kept in {@code ${user.home}/.cache/agentguard/hook-proofs}; {@code -Dagentguard.hookProofs=false} turns
 * the memory off (every start proves its rows).
 */
final class AheadProofs {
    private static final String HEADER = "agentguard hook proofs 1";
    private final Path file;

    private AheadProofs(Path file) {
        this.file = file;
    }

    /** The memory for this guard jar and this JDK, or null when it is off or cannot be placed. */
    static AheadProofs forThisJvm(String guardJar) {
        if ("false".equals(System.getProperty("agentguard.hookProofs")) || guardJar == null) {
            return null;
        }
        try {
            String home = System.getProperty("user.home");
            String javaHome = System.getProperty("java.home");
            if (home == null || home.isEmpty() || javaHome == null) {
                return null;
            }
            BasicFileAttributes jar = Files.readAttributes(Path.of(guardJar), BasicFileAttributes.class);
            BasicFileAttributes image = Files.readAttributes(Path.of(javaHome, "lib", "modules"),
                    BasicFileAttributes.class);
            String key = guardJar + '\n' + jar.size() + '\n' + jar.lastModifiedTime().toMillis() + '\n' + javaHome
                    + '\n' + System.getProperty("java.runtime.version") + '\n' + image.size() + '\n'
                    + image.lastModifiedTime().toMillis();
            return new AheadProofs(Path.of(home, ".cache", "agentguard", "hook-proofs", hex(fnv64(key)) + ".txt"));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The rows (ids) proven on this pair by earlier starts; empty when there is no readable proof. */
    Set<String> proven() {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            if (lines.isEmpty() || !lines.get(0).equals(HEADER)) {
                return Set.of();
            }
            return new HashSet<>(lines.subList(1, lines.size()));
        } catch (IOException | RuntimeException e) {
            return Set.of();
        }
    }

    /**
     * Records {@code known} and {@code added} as proven; best effort (a proof that cannot be written is made
     * again next time). Another start may write at the same time: the file is replaced whole, never torn.
     */
    void remember(Set<String> known, List<String> added) {
        List<String> lines = new ArrayList<>(known.size() + added.size() + 1);
        lines.add(HEADER);
        lines.addAll(known);
        lines.addAll(added);
        try {
            Files.createDirectories(file.getParent());
            // Named by process and time, not by Files.createTempFile, whose random names initialize SecureRandom
            // and the security providers at start; CREATE_NEW refuses a file already there.
            Path temporary = file.resolveSibling(file.getFileName() + "." + ProcessHandle.current().pid() + "."
                    + System.nanoTime() + ".tmp");
            try {
                Files.write(temporary, lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE);
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException | RuntimeException e) {
            // Proven again at the next start.
        }
    }

    Path file() {
        return file;
    }

    /** FNV-1a, 64 bits: a file name for the key, not a protection (see the class comment). */
    private static long fnv64(String text) {
        long hash = 0xcbf29ce484222325L;
        for (int i = 0; i < text.length(); i++) {
            hash ^= text.charAt(i);
            hash *= 0x100000001b3L;
        }
        return hash;
    }

    private static String hex(long value) {
        String digits = Long.toHexString(value);
        return "0000000000000000".substring(digits.length()) + digits;
    }
}
