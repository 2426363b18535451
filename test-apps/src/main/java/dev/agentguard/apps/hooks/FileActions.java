package dev.agentguard.apps.hooks;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.RandomAccessFile;
import java.util.Map;

/** Actions for the file hooks. Reads use {@code in.txt}, which the parent creates; writes create new files. */
final class FileActions {
    private FileActions() {}

    static void register(Map<String, HookActions.Spec> actions) {
        actions.put("java.io.FileInputStream#open(Ljava/lang/String;)", new HookActions.Spec("file", null, s -> {
            try (FileInputStream in = new FileInputStream(s.file("in.txt").toFile())) {
                return "read " + in.readAllBytes().length + " bytes";
            }
        }));
        actions.put("java.io.FileOutputStream#open(Ljava/lang/String;Z)", new HookActions.Spec("file", "out-fos.txt", s -> {
            try (FileOutputStream out = new FileOutputStream(s.file("out-fos.txt").toFile())) {
                out.write('x');
            }
            return "wrote out-fos.txt";
        }));
        actions.put("java.io.RandomAccessFile#open(Ljava/lang/String;I)", new HookActions.Spec("file", "out-raf.txt", s -> {
            try (RandomAccessFile raf = new RandomAccessFile(s.file("out-raf.txt").toFile(), "rw")) {
                raf.write('x');
            }
            return "wrote out-raf.txt";
        }));
    }
}
