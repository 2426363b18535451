package dev.agentguard.apps.attacks;

import java.io.File;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserDefinedFileAttributeView;

/**
 * Issue-13 attack pass: objects that the guard decided once and the application keeps. Each probe prints
 * {@code RESULT <name> <what happened>}; the test checks the effects from outside.
 *
 * <p>Usage: {@code HeldObjectAttack <work> <probe>...}. The work folder holds {@code out/} (writable), a
 * planted link {@code out/ssh-link} to the denied key, {@code out/dir-link} to an outside folder holding
 * {@code target.txt}, and {@code out/target-link} to that outside {@code target.txt}.
 *
 * <ul>
 *   <li>{@code view-swap}: attribute views got for a granted file, which is then replaced by the link to the
 *       key; the views' reads run after.
 *   <li>{@code delete-on-exit}: {@code out/d/target.txt} registered for deletion at exit, then {@code out/d}
 *       replaced by the link to the outside folder.
 *   <li>{@code redirect}: {@code echo} started with its output sent to the outside file, directly and
 *       through the planted link.
 *   <li>{@code copy-replace}: {@code Files.copy} with REPLACE_EXISTING onto the planted link.
 * </ul>
 */
public final class HeldObjectAttack {
    private HeldObjectAttack() {}

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        Path out = work.resolve("out");
        for (int i = 1; i < args.length; i++) {
            String probe = args[i];
            try {
                System.out.println("RESULT " + probe + " " + run(probe, work, out));
            } catch (SecurityException e) {
                System.out.println("RESULT " + probe + " denied " + e.getMessage());
            } catch (Exception e) {
                System.out.println("RESULT " + probe + " failed " + e);
            }
        }
    }

    private static String run(String probe, Path work, Path out) throws Exception {
        switch (probe) {
            case "view-swap": {
                Path file = out.resolve("plain.txt");
                Files.writeString(file, "plain");
                BasicFileAttributeView basic = Files.getFileAttributeView(file, BasicFileAttributeView.class);
                PosixFileAttributeView posix = Files.getFileAttributeView(file, PosixFileAttributeView.class);
                UserDefinedFileAttributeView user = Files.getFileAttributeView(file, UserDefinedFileAttributeView.class);
                // Two allowed moves put the planted link where the decided file was.
                Files.move(file, out.resolve("plain.old"));
                Files.move(out.resolve("ssh-link"), file);
                StringBuilder seen = new StringBuilder();
                try {
                    long size = basic.readAttributes().size();
                    seen.append("size=").append(size);
                } catch (SecurityException e) {
                    seen.append("basic-denied");
                }
                try {
                    Object permissions = posix.readAttributes().permissions();
                    seen.append(" perms=").append(permissions);
                } catch (SecurityException e) {
                    seen.append(" posix-denied");
                }
                try {
                    ByteBuffer buffer = ByteBuffer.allocate(256);
                    user.read("user.canary", buffer);
                    buffer.flip();
                    String value = StandardCharsets.UTF_8.decode(buffer).toString();
                    Files.writeString(out.resolve("xattr-leak.txt"), value);
                    seen.append(" xattr=").append(value);
                } catch (SecurityException e) {
                    seen.append(" xattr-denied");
                }
                return seen.toString();
            }
            case "stream-view-swap": {
                Path file = out.resolve("plain2.txt");
                Files.writeString(file, "plain");
                StringBuilder seen = new StringBuilder();
                try (java.nio.file.DirectoryStream<Path> stream = Files.newDirectoryStream(out)) {
                    java.nio.file.SecureDirectoryStream<Path> sds = (java.nio.file.SecureDirectoryStream<Path>) stream;
                    BasicFileAttributeView basic = sds.getFileAttributeView(Path.of("plain2.txt"),
                            BasicFileAttributeView.class);
                    PosixFileAttributeView posix = sds.getFileAttributeView(Path.of("plain2.txt"),
                            PosixFileAttributeView.class);
                    Files.move(file, out.resolve("plain2.old"));
                    Files.move(out.resolve("ssh-link2"), file);
                    try {
                        long size = basic.readAttributes().size();
                        Files.writeString(out.resolve("stream-size-leak.txt"), "size=" + size);
                        seen.append("size=").append(size);
                    } catch (SecurityException e) {
                        seen.append("basic-denied");
                    }
                    try {
                        Object permissions = posix.readAttributes().permissions();
                    seen.append(" perms=").append(permissions);
                    } catch (SecurityException e) {
                        seen.append(" posix-denied");
                    }
                }
                return seen.toString();
            }
            case "delete-on-exit": {
                Path d = Files.createDirectories(out.resolve("d"));
                Files.writeString(d.resolve("target.txt"), "mine");
                new File(d.resolve("target.txt").toString()).deleteOnExit();
                Files.move(d, out.resolve("d.old"));
                Files.move(out.resolve("dir-link"), d);
                return "registered";
            }
            case "redirect": {
                Path outside = Path.of(System.getProperty("ag.outside"));
                StringBuilder seen = new StringBuilder();
                for (ProcessBuilder.Redirect redirect : new ProcessBuilder.Redirect[] {
                        ProcessBuilder.Redirect.to(outside.resolve("target.txt").toFile()),
                        ProcessBuilder.Redirect.appendTo(outside.resolve("target.txt").toFile()),
                        ProcessBuilder.Redirect.to(out.resolve("target-link").toFile()),
                        ProcessBuilder.Redirect.appendTo(out.resolve("target-link").toFile())}) {
                    try {
                        Process p = new ProcessBuilder("echo", "pwned").redirectOutput(redirect).start();
                        seen.append(" started:").append(p.waitFor());
                    } catch (SecurityException e) {
                        seen.append(" denied");
                    } catch (java.io.IOException e) {
                        seen.append(" failed");
                    }
                }
                return seen.toString().trim();
            }
            case "copy-replace": {
                StringBuilder seen = new StringBuilder();
                try {
                    Files.copy(work.resolve("granted.txt"), out.resolve("target-link"), StandardCopyOption.REPLACE_EXISTING);
                    seen.append("copied");
                } catch (SecurityException e) {
                    seen.append("denied");
                }
                try (InputStream in = new java.io.ByteArrayInputStream("pwned".getBytes(StandardCharsets.UTF_8))) {
                    Files.copy(in, out.resolve("target-link2"), StandardCopyOption.REPLACE_EXISTING);
                    seen.append(" stream-copied");
                } catch (SecurityException e) {
                    seen.append(" stream-denied");
                }
                return seen.toString();
            }
            default:
                return "unknown";
        }
    }
}
