package dev.agentguard.apps.attacks;

import java.io.FileInputStream;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Reads the environment as a file: {@code /proc/self/environ} and its other spellings (by pid, through
 * thread-self and the task folder, through {@code /proc/self/root}, through a link planted in the work
 * directory), with each file API (FileInputStream, Files.readAllBytes, RandomAccessFile, FileChannel.open).
 */
public final class ProcEnvironAttack implements Attack {
    public static void main(String[] args) {
        AttackSuite.runOne("ProcEnvironAttack", new ProcEnvironAttack());
    }

    @Override
    public void run(AttackTarget t, AttackReport report) {
        long pid = ProcessHandle.current().pid();
        List<String[]> paths = List.of(
                new String[] {"self", "/proc/self/environ"},
                new String[] {"pid", "/proc/" + pid + "/environ"},
                new String[] {"thread-self", "/proc/thread-self/environ"},
                new String[] {"task", "/proc/" + pid + "/task/" + pid + "/environ"},
                new String[] {"root", "/proc/self/root/proc/self/environ"},
                new String[] {"dotdot", "/proc/self/../self/environ"},
                new String[] {"planted-link", t.workdir().resolve("planted/environ-link").toString()});
        for (String[] p : paths) {
            String name = "proc-environ-" + p[0];
            String path = p[1];
            report.grab(name + "-fileinputstream", () -> {
                try (FileInputStream in = new FileInputStream(path)) {
                    return in.readAllBytes();
                }
            });
            report.grab(name + "-files-readallbytes", () -> Files.readAllBytes(Path.of(path)));
            report.grab(name + "-randomaccessfile", () -> {
                try (RandomAccessFile raf = new RandomAccessFile(path, "r")) {
                    byte[] buf = new byte[1 << 16];
                    int n = raf.read(buf);
                    return new String(buf, 0, Math.max(n, 0), java.nio.charset.StandardCharsets.ISO_8859_1);
                }
            });
            report.grab(name + "-filechannel", () -> {
                try (FileChannel ch = FileChannel.open(Path.of(path), StandardOpenOption.READ)) {
                    ByteBuffer buf = ByteBuffer.allocate(1 << 16);
                    ch.read(buf);
                    return new String(buf.array(), 0, buf.position(), java.nio.charset.StandardCharsets.ISO_8859_1);
                }
            });
        }
    }
}
