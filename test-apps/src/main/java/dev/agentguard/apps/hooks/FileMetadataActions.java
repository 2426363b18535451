package dev.agentguard.apps.hooks;

import java.io.File;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.util.List;
import java.util.Map;

/**
 * Actions for the hooks of java.io.File metadata (exists, list, delete, rename, mkdir, ...) and of streams
 * opened on a FileDescriptor. Reads use {@code in.txt} and the sandbox folder; changes act on the
 * {@code meta-*} files that the parent creates beforehand (a denying policy lets the action create
 * nothing). Effects that are not "a new file appears" (a file still there, times and permissions
 * unchanged) are checked by {@code FileMetadataEffectsTest}, with the values named here.
 */
public final class FileMetadataActions {
    /** The time {@code setLastModified} sets on {@code meta-times.txt}. */
    public static final long FIXED_TIME = 1_000_000_000_000L;

    private static final String FILE = "java.io.File#";

    private FileMetadataActions() {}

    static void register(Map<String, HookActions.Spec> actions) {
        probe(actions, "canRead()", false, File::canRead);
        probe(actions, "canWrite()", false, File::canWrite);
        probe(actions, "canExecute()", true, File::canExecute);
        probe(actions, "exists()", false, File::exists);
        probe(actions, "isDirectory()", true, File::isDirectory);
        probe(actions, "isFile()", false, File::isFile);
        query(actions, "isHidden()", f -> f.isHidden());
        query(actions, "lastModified()", f -> f.lastModified());
        query(actions, "length()", f -> f.length());
        query(actions, "getCanonicalPath()", f -> f.getCanonicalPath());
        space(actions, "getTotalSpace()", d -> d.getTotalSpace());
        space(actions, "getFreeSpace()", d -> d.getFreeSpace());
        space(actions, "getUsableSpace()", d -> d.getUsableSpace());
        space(actions, "normalizedList()", d -> d.listFiles().length + " entries");

        change(actions, "createNewFile()", "meta-new.txt", "meta-new.txt", File::createNewFile);
        change(actions, "mkdir()", "meta-dir", "meta-dir", File::mkdir);
        change(actions, "setLastModified(J)", "meta-times.txt", null, f -> f.setLastModified(FIXED_TIME));
        change(actions, "setReadOnly()", "meta-readonly.txt", null, File::setReadOnly);
        change(actions, "setWritable(ZZ)", "meta-writable.txt", null, f -> f.setWritable(false, true));
        change(actions, "setReadable(ZZ)", "meta-readable.txt", null, f -> f.setReadable(false, true));
        change(actions, "setExecutable(ZZ)", "meta-exec.txt", null, f -> f.setExecutable(true, false));
        change(actions, "delete()", "meta-delete.txt", null, File::delete);
        // Deleted when the child exits; FileMetadataEffectsTest checks that it is still there when denied.
        actions.put(FILE + "deleteOnExit()", new HookActions.Spec("file", null, s -> {
            s.file("meta-delete-on-exit.txt").toFile().deleteOnExit();
            return "registered meta-delete-on-exit.txt";
        }));
        actions.put(FILE + "renameTo(Ljava/io/File;)", new HookActions.Spec("file", "meta-rename-dst.txt", s -> {
            if (!s.file("meta-rename-src.txt").toFile().renameTo(s.file("meta-rename-dst.txt").toFile())) {
                throw new IOException("renameTo returned false");
            }
            return "renamed meta-rename-src.txt";
        }));
        // The file's name is random; FileMetadataEffectsTest checks that meta-tmp/ stays empty when denied.
        actions.put("java.io.File$TempDirectory#generateFile(Ljava/lang/String;Ljava/lang/String;Ljava/io/File;)",
                new HookActions.Spec("file", null, s -> {
                    File created = File.createTempFile("meta", ".tmp", s.file("meta-tmp").toFile());
                    return "created " + created.getName();
                }));
        // The same call: createTempFile's own hook gives back the caller's name for the pinned one.
        actions.put(FILE + "createTempFile(Ljava/lang/String;Ljava/lang/String;Ljava/io/File;)",
                new HookActions.Spec("file", null, s -> {
                    File dir = s.file("meta-tmp").toFile();
                    File created = File.createTempFile("meta", ".tmp", dir);
                    if (!created.getParentFile().equals(dir) || !created.isFile()) {
                        throw new IOException("createTempFile returned " + created + ", not a file in " + dir);
                    }
                    return "created " + created.getName();
                }));

        // A stream on the descriptor of a guarded open (the granted case). FileProbes covers
        // descriptors the guard never saw, which no policy grants.
        actions.put("java.io.FileInputStream#<init>(Ljava/io/FileDescriptor;)", new HookActions.Spec("file", null, s -> {
            try (RandomAccessFile raf = new RandomAccessFile(s.file("in.txt").toFile(), "r");
                 FileInputStream in = new FileInputStream(raf.getFD())) {
                return "read " + in.readAllBytes().length + " bytes through the descriptor";
            }
        }));
        actions.put("java.io.FileOutputStream#<init>(Ljava/io/FileDescriptor;)", new HookActions.Spec("file", "meta-fd-out.txt", s -> {
            try (RandomAccessFile raf = new RandomAccessFile(s.file("meta-fd-out.txt").toFile(), "rw");
                 FileOutputStream out = new FileOutputStream(raf.getFD())) {
                out.write('x');
            }
            return "wrote meta-fd-out.txt through the descriptor";
        }));
    }

    private interface FileCall {
        Object call(File f) throws IOException;
    }

    private interface FileChange {
        boolean change(File f) throws IOException;
    }

    private interface FileProbe {
        boolean probe(File f);
    }

    /**
     * A probe whose true answer is "yes" ({@code in.txt}, or the sandbox folder for {@code inFolder}); a
     * denial answers "no", as for a missing file, which the action reports as absent.
     */
    private static void probe(Map<String, HookActions.Spec> actions, String method, boolean inFolder, FileProbe probe) {
        actions.put(FILE + method, new HookActions.Spec("file", null, s -> Sandbox.present(
                probe.probe(inFolder ? s.dir().toFile() : s.file("in.txt").toFile()), method)));
        HookActions.QUERIES.put(FILE + method, method.substring(0, method.indexOf('(')));
    }

    /** A read-only query on {@code in.txt}. */
    private static void query(Map<String, HookActions.Spec> actions, String method, FileCall call) {
        actions.put(FILE + method, new HookActions.Spec("file", null,
                s -> method + " = " + call.call(s.file("in.txt").toFile())));
    }

    /** A read-only query on the sandbox folder. */
    private static void space(Map<String, HookActions.Spec> actions, String method, FileCall call) {
        actions.put(FILE + method, new HookActions.Spec("file", null,
                s -> method + " = " + call.call(s.dir().toFile())));
    }

    /** A change to a file of the sandbox; a false return (nothing changed) is an error, not an outcome. */
    private static void change(Map<String, HookActions.Spec> actions, String method, String name, String effect,
                               FileChange change) {
        actions.put(FILE + method, new HookActions.Spec("file", effect, s -> {
            if (!change.change(s.file(name).toFile())) {
                throw new IOException(method + " on " + name + " returned false");
            }
            return method + " on " + name;
        }));
    }
}
