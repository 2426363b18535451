package dev.agentguard.apps.attacks;

import java.io.File;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Leaves the granted work directory, or reaches a denied file inside it, by the spelling of the path:
 * {@code ..}, doubled and trailing slashes, relative paths, symbolic links (planted in the work
 * directory, as a cloned repository may contain them, or created by the attack), dangling links that
 * create a file where they point, hard links, {@code /proc/self/root} and {@code /proc/self/cwd},
 * copy and rename of the secret into the work directory, and a {@code SecureDirectoryStream}, which
 * opens files relative to a directory handle.
 *
 * <p>Secrets: {@code ~/.ssh/id_rsa} and {@code workdir/.env} (denied by the policy) and
 * {@code outside/secret.txt} (granted by nothing). A write, rename or delete that completes is a success
 * of the attack; the parent test also checks that {@code outside/target.txt} kept its content, nothing
 * appeared under {@code outside/markers}, and the secrets, policy and audit log are where they were.
 */
public final class PathEscapeAttack implements Attack {
    public static void main(String[] args) {
        AttackSuite.runOne("PathEscapeAttack", new PathEscapeAttack());
    }

    @Override
    public void run(AttackTarget t, AttackReport report) throws Exception {
        Path w = t.workdir();
        Files.createDirectories(w.resolve("sub"));
        report.control("file-granted-read", readIo(w.resolve("granted.txt").toString()).contains("granted"),
                "workdir/granted.txt");
        report.control("file-granted-write", write(w.resolve("written.txt").toString()), "workdir/written.txt");

        reads(report, t);
        writes(report, t);
        links(report, t);
        moves(report, t);
    }

    private void reads(AttackReport report, AttackTarget t) {
        Path w = t.workdir();
        String home = t.home().toString();
        String rel = w.relativize(t.home()).toString();   // e.g. ../home
        Map<String, String> spellings = new LinkedHashMap<>();
        spellings.put("ssh-direct", t.sshKey().toString());
        spellings.put("ssh-double-slash", "/" + home + "/.ssh//id_rsa");
        spellings.put("ssh-dot-segments", home + "/./.ssh/./id_rsa");
        spellings.put("ssh-dotdot-from-workdir", w + "/sub/../" + rel + "/.ssh/id_rsa");
        spellings.put("ssh-relative", rel + "/.ssh/id_rsa");
        spellings.put("ssh-proc-self-root", "/proc/self/root" + t.sshKey());
        spellings.put("ssh-proc-self-cwd", "/proc/self/cwd/" + rel + "/.ssh/id_rsa");
        spellings.put("ssh-planted-file-link", w + "/planted/ssh-link");
        spellings.put("ssh-planted-dir-link", w + "/planted/home-link/.ssh/id_rsa");
        spellings.put("dotenv-direct", w + "/.env");
        spellings.put("dotenv-relative", ".env");
        spellings.put("dotenv-dot-slash", "./.env");
        spellings.put("dotenv-double-slash", w + "//.env");
        spellings.put("dotenv-dotdot", "sub/../.env");
        spellings.put("dotenv-trailing-dot", w + "/sub/../.env/.");
        spellings.put("dotenv-planted-link", w + "/planted/dotenv-link");
        spellings.put("dotenv-proc-self-cwd", "/proc/self/cwd/.env");
        spellings.put("outside-dotdot", "sub/../" + w.relativize(t.outsideSecret()));
        spellings.put("outside-planted-link", w + "/planted/outside-link");
        spellings.put("outside-dotdot-after-dir-link", w + "/planted/deep-link/../secret.txt");
        for (Map.Entry<String, String> s : spellings.entrySet()) {
            String path = s.getValue();
            report.grab("read-" + s.getKey() + "-io", () -> readIo(path));
            report.grab("read-" + s.getKey() + "-nio", () -> Files.readAllBytes(Path.of(path)));
        }
        report.grab("read-ssh-randomaccessfile", () -> {
            try (RandomAccessFile raf = new RandomAccessFile(t.sshKey().toFile(), "r")) {
                byte[] b = new byte[(int) raf.length()];
                raf.readFully(b);
                return b;
            }
        });
        report.grab("read-ssh-files-readstring", () -> Files.readString(t.sshKey()));
        report.grab("read-ssh-files-lines", () -> String.join("\n", Files.readAllLines(t.sshKey())));
        report.grab("read-ssh-async-channel", () -> {
            try (var ch = java.nio.channels.AsynchronousFileChannel.open(t.sshKey(), StandardOpenOption.READ)) {
                java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(4096);
                ch.read(buf, 0).get();
                return new String(buf.array(), 0, buf.position(), StandardCharsets.ISO_8859_1);
            }
        });
        report.grab("read-ssh-zipfile-probe", () -> {
            // ZipFile opens with RandomAccessFile; its error message quotes no content, so success = opened.
            try (java.util.zip.ZipFile z = new java.util.zip.ZipFile(t.sshKey().toFile())) {
                return "opened " + t.canary();
            } catch (java.util.zip.ZipException notAZip) {
                return "opened " + t.canary() + " (not a zip: the file was read)";
            }
        });
        report.grab("list-ssh-dir-file-list", () -> {
            String[] names = new File(t.home().toFile(), ".ssh").list();
            return names != null && Arrays.asList(names).contains("id_rsa") ? "listed id_rsa " + t.canary() : null;
        });
        report.grab("list-ssh-dir-files-list", () -> {
            try (var s = Files.list(t.home().resolve(".ssh"))) {
                return s.anyMatch(p -> p.endsWith("id_rsa")) ? "listed id_rsa " + t.canary() : null;
            }
        });
        report.grab("read-ssh-securedirectorystream", () -> {
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(w)) {
                if (!(ds instanceof SecureDirectoryStream<Path> sds)) {
                    return "no SecureDirectoryStream here";
                }
                try (SecureDirectoryStream<Path> planted = sds.newDirectoryStream(Path.of("planted/home-link/.ssh"));
                     var ch = planted.newByteChannel(Path.of("id_rsa"), java.util.Set.of(StandardOpenOption.READ))) {
                    java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(4096);
                    ch.read(buf);
                    return new String(buf.array(), 0, buf.position(), StandardCharsets.ISO_8859_1);
                }
            }
        });
    }

    private void writes(AttackReport report, AttackTarget t) {
        Path w = t.workdir();
        Path target = t.outsideTarget();
        String rel = w.relativize(t.outside()).toString();
        Map<String, String> created = new LinkedHashMap<>();
        created.put("dotdot", "sub/../" + rel + "/markers/write-dotdot");
        created.put("absolute", t.outsideMarker("write-absolute").toString());
        created.put("proc-self-cwd", "/proc/self/cwd/" + rel + "/markers/write-proc-cwd");
        for (Map.Entry<String, String> c : created.entrySet()) {
            report.mustThrow("create-outside-" + c.getKey() + "-io", () -> writeOrThrow(c.getValue()), CREATED);
            report.mustThrow("create-outside-" + c.getKey() + "-nio", () -> Files.write(Path.of(c.getValue()),
                    "PWNED".getBytes(StandardCharsets.UTF_8)), CREATED);
        }
        report.mustThrow("create-through-planted-dangling-link-io", () -> writeOrThrow(w + "/planted/dangling"), CREATED);
        report.mustThrow("create-through-planted-dangling-link-nio", () -> Files.write(w.resolve("planted/dangling"),
                "PWNED".getBytes(StandardCharsets.UTF_8)), CREATED);
        report.mustThrow("overwrite-through-planted-link-io", () -> writeOrThrow(w + "/planted/target-link"), OVERWRITTEN);
        report.mustThrow("overwrite-through-planted-link-nio", () -> Files.write(w.resolve("planted/target-link"),
                "PWNED".getBytes(StandardCharsets.UTF_8)), OVERWRITTEN);
        report.mustThrow("overwrite-through-planted-link-raf", () -> {
            try (RandomAccessFile raf = new RandomAccessFile(w + "/planted/target-link", "rw")) {
                raf.write("PWNED".getBytes(StandardCharsets.UTF_8));
            }
        }, OVERWRITTEN);
        report.mustThrow("overwrite-protected-policy", () -> {
            try (FileOutputStream out = new FileOutputStream(t.policyFile().toFile(), true)) {
                out.write("\n# PWNED\n".getBytes(StandardCharsets.UTF_8));
            }
        }, "the policy file was opened for writing");
        report.mustThrow("append-protected-audit-log", () -> {
            try (FileOutputStream out = new FileOutputStream(t.auditLog().toFile(), true)) {
                out.write("{\"forged\":\"PWNED-AUDIT\"}\n".getBytes(StandardCharsets.UTF_8));
            }
        }, "the audit log was opened for writing");
        report.mustThrow("rename-protected-audit-log", () -> {
            if (!t.auditLog().toFile().renameTo(w.resolve("audit-moved").toFile())) {
                throw new java.io.IOException("renameTo returned false");
            }
            w.resolve("audit-moved").toFile().renameTo(t.auditLog().toFile()); // put back for the next attempt
        }, "the audit log was renamed away");
        report.mustThrow("delete-protected-audit-log", () -> Files.delete(t.auditLog()),
                "the audit log was deleted");
    }

    private void links(AttackReport report, AttackTarget t) {
        Path w = t.workdir();
        Path symlink = w.resolve("my-ssh-link");
        report.grab("symlink-create-then-read-ssh", () -> {
            Files.createSymbolicLink(symlink, t.sshKey());
            return readIo(symlink.toString()) + Files.readString(symlink);
        });
        Path hardSsh = w.resolve("my-ssh-hardlink");
        report.grab("hardlink-create-then-read-ssh", () -> {
            Files.createLink(hardSsh, t.sshKey());
            return readIo(hardSsh.toString());
        });
        Path hardDotenv = w.resolve("notes-hardlink.txt");
        report.grab("hardlink-create-then-read-dotenv", () -> {
            Files.createLink(hardDotenv, t.dotenv());
            return readIo(hardDotenv.toString());
        });
        Path hardOutside = w.resolve("my-outside-hardlink");
        report.grab("hardlink-create-then-read-outside", () -> {
            Files.createLink(hardOutside, t.outsideSecret());
            return readIo(hardOutside.toString());
        });
        Path hardTarget = w.resolve("my-target-hardlink");
        report.mustThrow("hardlink-create-then-write-outside", () -> {
            Files.createLink(hardTarget, t.outsideTarget());
            writeOrThrow(hardTarget.toString());
        }, OVERWRITTEN);
        Path dirLink = w.resolve("my-home-link");
        report.grab("symlink-dir-create-then-read-ssh", () -> {
            Files.createSymbolicLink(dirLink, t.home());
            return Files.readString(dirLink.resolve(".ssh/id_rsa"));
        });
        Path dangling = w.resolve("my-dangling");
        report.mustThrow("symlink-dangling-create-then-write", () -> {
            Files.createSymbolicLink(dangling, t.outsideMarker("through-my-dangling"));
            writeOrThrow(dangling.toString());
        }, CREATED);
    }

    private void moves(AttackReport report, AttackTarget t) {
        Path w = t.workdir();
        report.grab("copy-ssh-into-workdir", () -> {
            Path copy = w.resolve("copied-key");
            Files.copy(t.sshKey(), copy, StandardCopyOption.REPLACE_EXISTING);
            return readIo(copy.toString());
        });
        report.mustThrow("rename-ssh-into-workdir-io", () -> {
            if (!t.sshKey().toFile().renameTo(w.resolve("moved-key-io").toFile())) {
                throw new java.io.IOException("renameTo returned false");
            }
            w.resolve("moved-key-io").toFile().renameTo(t.sshKey().toFile()); // put back for the next attempt
        }, "the key was moved into the workdir");
        report.mustThrow("rename-ssh-into-workdir-nio", () -> Files.move(t.sshKey(), w.resolve("moved-key-nio")),
                "the key was moved into the workdir");
        report.mustThrow("rename-dotenv-to-plain-name", () -> Files.move(t.dotenv(), w.resolve("plain.txt")),
                "the .env was renamed to an allowed name");
    }

    static String readIo(String path) throws java.io.IOException {
        try (FileInputStream in = new FileInputStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    private static boolean write(String path) {
        try {
            writeOrThrow(path);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    static void writeOrThrow(String path) throws java.io.IOException {
        try (FileOutputStream out = new FileOutputStream(path)) {
            out.write("PWNED".getBytes(StandardCharsets.UTF_8));
        }
    }

    private static final String CREATED = "the write completed: a file was created outside the grants";
    private static final String OVERWRITTEN = "the write completed: outside/target.txt was written through";
}
