package dev.agentguard.apps.attacks;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Issue 13, remembered missing names (docs/design/kernel-objects.md, "Remembered objects"): a query of a name found
 * missing is remembered with the identity of its folder, and answered "absent" from one {@code stat} of that folder
 * while it is unchanged, without a look at the name. Each case asks about a missing name until it is remembered,
 * then makes something appear at that name without changing what the guard reads of the folder, or by changing it,
 * and asks again by NIO ({@code Files.exists}, {@code Files.size}) and java.io ({@code File.exists},
 * {@code File.length}); the answer must be what the kernel says:
 *
 * <ul>
 *   <li>{@code create}: the file is made in the folder (the folder's ctime changes);</li>
 *   <li>{@code dangling}: the name is a link to a file that is not there yet (stat says "missing", yet the folder
 *       holds an entry): the target is made in another folder, which leaves the link's folder unchanged;</li>
 *   <li>{@code swap}: the folder is reached through a link {@code work/sw}, pointed from a folder without the name to
 *       one with it (neither folder changes);</li>
 *   <li>{@code io}: as {@code create}, asked through java.io only.</li>
 * </ul>
 *
 * <p>Prints {@code CASE how <nio|io> <exists|absent> <size>} after the change and {@code CASE how before absent}
 * (or {@code present}) for the queries before it, then {@code REACH ...}: the bridge's own looks called by the
 * application on a file outside the grant ({@code work/../outside/secret.txt}) must refuse. The test makes the folders ({@link #setUp}) outside the guard;
 * the program waits until their ctimes are settled (the guard remembers only a folder whose ctime is more than
 * two seconds old). Usage: {@code KnownMissingAttack <work dir>}; the test grants reading and writing
 * {@code work/**}.
 */
public final class KnownMissingAttack {
    private static final byte[] CONTENT = "eleven byte".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        Thread.sleep(3000); // ctimes settle: only then does the guard remember a folder

        Path created = work.resolve("create/name");
        before("create", created);
        Files.write(created, CONTENT);
        after("create", created);

        Path dangling = work.resolve("dangling/name");
        before("dangling", dangling);
        Files.write(work.resolve("targets/t"), CONTENT); // the link's folder is unchanged
        after("dangling", dangling);

        Path swapped = work.resolve("sw/name");
        before("swap", swapped);
        Path sw = work.resolve("sw");
        Files.delete(sw);
        Files.createSymbolicLink(sw, work.resolve("full"));
        after("swap", swapped);

        File io = work.resolve("io/name").toFile();
        for (int i = 0; i < 50; i++) {
            System.out.println("CASE io before " + (io.exists() ? "present" : "absent"));
        }
        Files.write(io.toPath(), CONTENT);
        System.out.println("CASE io io " + (io.exists() ? "exists" : "absent") + " " + io.length());
        reachAround(work.getParent().resolve("outside/secret.txt"));
        System.out.println("DONE");
    }

    /**
     * The bridge's looks at the file system are public classes on the boot class path: called by the application
     * itself (not inside a check) they must tell nothing. Prints {@code REACH look <what>} and
     * {@code REACH folder <true|false>} for a file outside the grant.
     */
    private static void reachAround(Path outside) throws Exception {
        Class<?> ids = Class.forName("dev.agentguard.bootstrap.ObjectId");
        Object look = ids.getMethod("look", Object.class, boolean.class, boolean.class).invoke(null, outside, true, true);
        Object cannot = ids.getField("CANNOT_LOOK").get(null);
        System.out.println("REACH look " + (look == cannot ? "refused" : "answered " + look));
        Object holder = ids.getConstructor().newInstance();
        String folder = outside.getParent().toString();
        boolean stat = (boolean) ids.getMethod("ofFolder", String.class, int.class).invoke(holder, outside.toString(),
                folder.length());
        boolean without = (boolean) ids.getMethod("ofFolderWithout", String.class, String.class).invoke(holder, folder,
                "nothing-here");
        System.out.println("REACH folder " + stat + " " + without);
    }

    private static void before(String how, Path name) {
        for (int i = 0; i < 50; i++) {
            boolean nio = Files.exists(name);
            boolean io = name.toFile().exists();
            System.out.println("CASE " + how + " before " + (nio || io ? "present" : "absent"));
        }
    }

    private static void after(String how, Path name) {
        long size;
        try {
            size = Files.size(name);
        } catch (java.io.IOException e) {
            size = -1;
        }
        System.out.println("CASE " + how + " nio " + (Files.exists(name) ? "exists" : "absent") + " " + size);
        File file = name.toFile();
        System.out.println("CASE " + how + " io " + (file.exists() ? "exists" : "absent") + " " + file.length());
    }

    /** The folders, made by the test outside the guard. */
    public static void setUp(Path work) throws java.io.IOException {
        Files.write(Files.createDirectories(work.resolveSibling("outside")).resolve("secret.txt"), CONTENT);
        Files.createDirectories(work.resolve("create"));
        Files.createDirectories(work.resolve("dangling"));
        Files.createDirectories(work.resolve("targets"));
        Files.createSymbolicLink(work.resolve("dangling/name"), work.resolve("targets/t"));
        Files.createDirectories(work.resolve("empty"));
        Files.write(Files.createDirectories(work.resolve("full")).resolve("name"), CONTENT);
        Files.createSymbolicLink(work.resolve("sw"), work.resolve("empty"));
        Files.createDirectories(work.resolve("io"));
    }

    private KnownMissingAttack() {}
}
