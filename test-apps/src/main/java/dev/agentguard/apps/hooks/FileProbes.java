package dev.agentguard.apps.hooks;

import java.io.File;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.FileReader;
import java.io.FileWriter;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * java.io cases that a granting policy must still deny, and their allowed neighbours.
 *
 * <p>Streams opened on FileDescriptor objects are judged by the descriptor, not by any policy rule: a
 * descriptor the guard never saw opened ({@code new FileDescriptor()}, which is all an application can
 * make without opening java.base to reflection) is denied whatever the policy grants; stdin/out/err and
 * the descriptor of a guarded open are allowed.
 *
 * <p>{@code forged-rename-target}: a File subclass whose {@code getPath()} names a granted file while its
 * real path (the one the rename acts on) is outside the sandbox.
 *
 * <p>Usage and output as {@link HookActions}: {@code FileProbes NAME...}.
 */
public final class FileProbes {
    /** Where {@code forged-rename-target} tries to move a file: next to the sandbox, never granted. */
    public static final String OUTSIDE = "outside-rename.txt";

    /** Probe name to action; names starting with {@code unseen-} and {@code forged-} must be denied in enforce mode. */
    public static final Map<String, HookActions.Action> PROBES = new LinkedHashMap<>();

    static {
        PROBES.put("unseen-input", s -> {
            new FileInputStream(new FileDescriptor()).close();
            return "opened";
        });
        PROBES.put("unseen-output", s -> {
            new FileOutputStream(new FileDescriptor()).close();
            return "opened";
        });
        PROBES.put("unseen-reader", s -> {
            new FileReader(new FileDescriptor()).close();
            return "opened";
        });
        PROBES.put("unseen-writer", s -> {
            new FileWriter(new FileDescriptor()).close();
            return "opened";
        });
        PROBES.put("stdout", s -> {
            // Not closed: closing it would close the JVM's own stdout.
            FileOutputStream out = new FileOutputStream(FileDescriptor.out);
            out.write("# written through FileDescriptor.out\n".getBytes());
            out.flush();
            return "wrote";
        });
        PROBES.put("stdin", s -> {
            new FileInputStream(FileDescriptor.in);
            return "opened";
        });
        PROBES.put("forged-rename-target", s -> {
            File source = s.file("probe-rename-src.txt").toFile();
            if (!source.createNewFile()) {
                throw new IOException("cannot create " + source);
            }
            File target = new PathHidingFile(s.dir().resolveSibling(OUTSIDE).toString(),
                    s.file("probe-rename-dst.txt").toString());
            return "renameTo returned " + source.renameTo(target);
        });
        PROBES.put("guarded-open", s -> {
            try (RandomAccessFile raf = new RandomAccessFile(s.file("in.txt").toFile(), "r");
                 FileInputStream in = new FileInputStream(raf.getFD())) {
                return "read " + in.readAllBytes().length + " bytes";
            }
        });
    }

    private FileProbes() {}

    /** A File that shows {@code shown} from {@code getPath()} while it names {@code real}. */
    private static final class PathHidingFile extends File {
        private static final long serialVersionUID = 1L;
        private final String shown;

        PathHidingFile(String real, String shown) {
            super(real);
            this.shown = shown;
        }

        @Override
        public String getPath() {
            return shown;
        }
    }

    public static void main(String[] args) {
        Sandbox sandbox = Sandbox.fromSystemProperties();
        for (String name : args) {
            HookActions.Action probe = PROBES.get(name);
            String outcome = probe == null ? "missing no such probe" : HookActions.outcome(probe, sandbox);
            System.out.println("ACTION " + name + " " + outcome);
        }
        System.out.flush();
    }
}
