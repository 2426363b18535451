package dev.agentguard.apps.attacks;

import java.io.FileInputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Issue-13 attack on the remembered objects: a rename of an ancestor folder does not change a file's ctime. Reads
 * the granted {@code work/pub/d/f} (remembered once its ctime is settled), moves the folder {@code pub/d} to
 * {@code sec/d} (not granted for reading) and renames the prepared link {@code pub/lk -> ../sec/d} onto
 * {@code pub/d}: the same path now reaches the same, unchanged file in a folder not granted. Then writes new
 * bytes into that file (the write grant covers {@code sec}) and reads it through the same path again: a
 * changed file is never answered from memory. Prints {@code CASE <step> ok|denied}.
 *
 * <p>Usage: {@code KnownAncestorAttack <work dir>}.
 */
public final class KnownAncestorAttack {
    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        Thread.sleep(2500); // the file's ctime must be settled to be remembered
        Path f = work.resolve("pub/d/f");
        read("before", f);
        read("before2", f);
        Files.move(work.resolve("pub/d"), work.resolve("sec/d"));
        Files.move(work.resolve("pub/lk"), work.resolve("pub/d"));
        read("direct", work.resolve("sec/d/f"));
        read("after", f);
        try {
            System.out.println("CASE after-size ok " + Files.size(f));
        } catch (SecurityException | java.io.IOException e) {
            System.out.println("CASE after-size denied");
        }
        Files.writeString(work.resolve("sec/d/f"), "changed-in-denied-folder\n");
        read("after-write", f);
        try {
            System.out.println("CASE after-write-size ok " + Files.size(f));
        } catch (SecurityException | java.io.IOException e) {
            System.out.println("CASE after-write-size denied");
        }
        System.out.println("DONE");
    }

    private static void read(String step, Path p) {
        try (FileInputStream in = new FileInputStream(p.toFile())) {
            System.out.println("CASE " + step + " ok " + new String(in.readAllBytes()).trim());
        } catch (SecurityException | java.io.IOException e) {
            System.out.println("CASE " + step + " denied");
        }
    }
}
