package dev.agentguard.apps.hooks;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousFileChannel;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessMode;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.DosFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.nio.file.attribute.UserPrincipal;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipFile;

/**
 * Actions for the hooks of the NIO default file system provider, each through the public API that reaches
 * its hook on that JDK. The files they use start with {@code nio-} and are made by the parent
 * (HookSandbox.create): reads use {@code nio-read.txt}, {@code nio-dir/}, {@code nio-link}; in-place
 * writes each have their own file (their effect is checked by NioHookEffectsTest); secure directory stream
 * actions work inside {@code nio-sds/}.
 *
 * <p>Ids starting with {@code nio:} are not hook rows: they prove that a public API ends in an existing
 * row (ZipFile, {@code Files.newInputStream} on 25).
 */
final class NioFileActions {
    private static final String UNIX = "sun.nio.fs.UnixFileSystemProvider#";
    private static final String SDS = "sun.nio.fs.UnixSecureDirectoryStream";
    /** An mtime the in-place time writes set; the parent's files start elsewhere. */
    static final FileTime EPOCH = FileTime.fromMillis(0);
    static final String XATTR = "agentguard";

    private NioFileActions() {}

    static void register(Map<String, HookActions.Spec> actions) {
        // ---- opens -------------------------------------------------------------------------------------
        actions.put(UNIX + "newByteChannel(Ljava/nio/file/Path;Ljava/util/Set;[Ljava/nio/file/attribute/FileAttribute;)",
                write("nio-nbc.txt", s -> {
                    try (SeekableByteChannel ch = Files.newByteChannel(s.file("nio-nbc.txt"),
                            StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW)) {
                        ch.write(ByteBuffer.wrap(new byte[] {'x'}));
                    }
                    return "wrote nio-nbc.txt";
                }));
        actions.put(UNIX + "newFileChannel(Ljava/nio/file/Path;Ljava/util/Set;[Ljava/nio/file/attribute/FileAttribute;)",
                write("nio-fc.txt", s -> {
                    try (FileChannel ch = FileChannel.open(s.file("nio-fc.txt"),
                            StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW)) {
                        ch.write(ByteBuffer.wrap(new byte[] {'x'}));
                    }
                    return "wrote nio-fc.txt";
                }));
        actions.put(UNIX + "newAsynchronousFileChannel(Ljava/nio/file/Path;Ljava/util/Set;Ljava/util/concurrent/ExecutorService;[Ljava/nio/file/attribute/FileAttribute;)",
                write("nio-afc.txt", s -> {
                    try (AsynchronousFileChannel ch = AsynchronousFileChannel.open(s.file("nio-afc.txt"),
                            StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW)) {
                        ch.write(ByteBuffer.wrap(new byte[] {'x'}), 0).get();
                    }
                    return "wrote nio-afc.txt";
                }));
        // ---- directories, deletes, copies, links -------------------------------------------------------
        actions.put(UNIX + "newDirectoryStream(Ljava/nio/file/Path;Ljava/nio/file/DirectoryStream$Filter;)", read(s -> {
            int n = 0;
            try (DirectoryStream<Path> dir = Files.newDirectoryStream(s.file("nio-dir"))) {
                for (Path ignored : dir) {
                    n++;
                }
            }
            return "listed " + n + " entries";
        }));
        actions.put(UNIX + "createDirectory(Ljava/nio/file/Path;[Ljava/nio/file/attribute/FileAttribute;)",
                write("nio-mkdir", s -> "created " + Files.createDirectory(s.file("nio-mkdir"))));
        actions.put(UNIX + "implDelete(Ljava/nio/file/Path;Z)", inPlace(s -> {
            Files.delete(s.file("nio-del.txt"));
            return "deleted nio-del.txt";
        }));
        actions.put(UNIX + "copy(Ljava/nio/file/Path;Ljava/nio/file/Path;[Ljava/nio/file/CopyOption;)",
                write("nio-copy.txt", s -> "copied to " + Files.copy(s.file("nio-read.txt"), s.file("nio-copy.txt"))));
        actions.put(UNIX + "move(Ljava/nio/file/Path;Ljava/nio/file/Path;[Ljava/nio/file/CopyOption;)",
                write("nio-moved.txt", s -> "moved to " + Files.move(s.file("nio-move-src.txt"), s.file("nio-moved.txt"))));
        // A relative target: the kernel resolves it from the link's directory (the sandbox), not user.dir.
        actions.put(UNIX + "createSymbolicLink(Ljava/nio/file/Path;Ljava/nio/file/Path;[Ljava/nio/file/attribute/FileAttribute;)",
                write("nio-symlink", s -> "linked " + Files.createSymbolicLink(s.file("nio-symlink"), Path.of("nio-read.txt"))));
        actions.put(UNIX + "createLink(Ljava/nio/file/Path;Ljava/nio/file/Path;)",
                write("nio-hardlink", s -> "linked " + Files.createLink(s.file("nio-hardlink"), s.file("nio-hard-src.txt"))));
        actions.put(UNIX + "readSymbolicLink(Ljava/nio/file/Path;)",
                read(s -> "points to " + Files.readSymbolicLink(s.file("nio-link"))));
        // ---- probes and attributes ---------------------------------------------------------------------
        query(actions, UNIX + "checkAccess(Ljava/nio/file/Path;[Ljava/nio/file/AccessMode;)", "checkAccess", s -> {
            Path p = s.file("nio-read.txt");
            p.getFileSystem().provider().checkAccess(p, AccessMode.READ);
            return "readable";
        });
        actions.put(UNIX + "isSameFile(Ljava/nio/file/Path;Ljava/nio/file/Path;)",
                read(s -> "same " + Files.isSameFile(s.file("nio-read.txt"), s.file("nio-link"))));
        actions.put(UNIX + "getFileStore(Ljava/nio/file/Path;)",
                read(s -> "store " + Files.getFileStore(s.file("nio-read.txt")).type()));
        // JDK 17: Files.exists/isDirectory/isRegularFile without options take these provider fast paths.
        query(actions, UNIX + "exists(Ljava/nio/file/Path;)", "exists", s -> Sandbox.present(Files.exists(s.file("nio-read.txt")), "exists"));
        query(actions, UNIX + "isDirectory(Ljava/nio/file/Path;)", "isDirectory", s -> Sandbox.present(Files.isDirectory(s.file("nio-dir")), "directory"));
        query(actions, UNIX + "isRegularFile(Ljava/nio/file/Path;)", "isRegularFile", s -> Sandbox.present(Files.isRegularFile(s.file("nio-read.txt")), "file"));
        // JDK 20+: Files.exists, Files.isDirectory and Files.isReadable/... take these.
        query(actions, UNIX + "exists(Ljava/nio/file/Path;[Ljava/nio/file/LinkOption;)", "exists",
                s -> Sandbox.present(Files.exists(s.file("nio-read.txt")), "exists"));
        query(actions, UNIX + "readAttributesIfExists(Ljava/nio/file/Path;Ljava/lang/Class;[Ljava/nio/file/LinkOption;)",
                "readAttributesIfExists", s -> Sandbox.present(Files.isDirectory(s.file("nio-dir")), "directory"));
        query(actions, UNIX + "isReadable(Ljava/nio/file/Path;)", "isReadable", s -> Sandbox.present(Files.isReadable(s.file("nio-read.txt")), "readable"));
        query(actions, UNIX + "isWritable(Ljava/nio/file/Path;)", "isWritable", s -> Sandbox.present(Files.isWritable(s.file("nio-read.txt")), "writable"));
        query(actions, UNIX + "isExecutable(Ljava/nio/file/Path;)", "isExecutable", s -> Sandbox.present(Files.isExecutable(s.file("nio-dir")), "executable"));
        query(actions, "sun.nio.fs.LinuxFileSystemProvider#readAttributes(Ljava/nio/file/Path;Ljava/lang/Class;[Ljava/nio/file/LinkOption;)",
                "readAttributes", s -> "size " + Files.readAttributes(s.file("nio-read.txt"), BasicFileAttributes.class).size());
        actions.put("sun.nio.fs.LinuxFileSystemProvider#getFileAttributeView(Ljava/nio/file/Path;Ljava/lang/Class;[Ljava/nio/file/LinkOption;)",
                read(s -> "owner " + Files.getOwner(s.file("nio-read.txt")).getName()));
        query(actions, "sun.nio.fs.AbstractFileSystemProvider#readAttributes(Ljava/nio/file/Path;Ljava/lang/String;[Ljava/nio/file/LinkOption;)",
                "readAttributes", s -> "size " + Files.readAttributes(s.file("nio-read.txt"), "size").get("size"));
        actions.put("sun.nio.fs.AbstractFileSystemProvider#setAttribute(Ljava/nio/file/Path;Ljava/lang/String;Ljava/lang/Object;[Ljava/nio/file/LinkOption;)",
                inPlace(s -> "set " + Files.setAttribute(s.file("nio-setattr.txt"), "lastModifiedTime", EPOCH)));
        query(actions, "sun.nio.fs.UnixPath#toRealPath([Ljava/nio/file/LinkOption;)", "toRealPath",
                s -> "real " + s.file("nio-link").toRealPath());
        // ---- attribute view writes ---------------------------------------------------------------------
        actions.put("sun.nio.fs.UnixFileAttributeViews$Basic#setTimes(Ljava/nio/file/attribute/FileTime;Ljava/nio/file/attribute/FileTime;Ljava/nio/file/attribute/FileTime;)",
                inPlace(s -> "set " + Files.setLastModifiedTime(s.file("nio-times.txt"), EPOCH)));
        actions.put("sun.nio.fs.UnixFileAttributeViews$Posix#setMode(I)",
                inPlace(s -> "set " + Files.setPosixFilePermissions(s.file("nio-mode.txt"), PosixFilePermissions.fromString("rw-------"))));
        actions.put("sun.nio.fs.UnixFileAttributeViews$Posix#setOwners(II)", inPlace(s -> {
            Path p = s.file("nio-owner.txt");
            UserPrincipal owner = Files.getOwner(p);
            return "set " + Files.setOwner(p, owner);
        }));
        actions.put("sun.nio.fs.UnixUserDefinedFileAttributeView#write(Ljava/lang/String;Ljava/nio/ByteBuffer;)", inPlace(s -> {
            UserDefinedFileAttributeView view = Files.getFileAttributeView(s.file("nio-xattr.txt"),
                    UserDefinedFileAttributeView.class);
            return "wrote " + view.write(XATTR, ByteBuffer.wrap(new byte[] {'x'})) + " bytes";
        }));
        actions.put("sun.nio.fs.UnixUserDefinedFileAttributeView#delete(Ljava/lang/String;)", inPlace(s -> {
            Files.getFileAttributeView(s.file("nio-xattr-del.txt"), UserDefinedFileAttributeView.class).delete(XATTR);
            return "deleted the attribute";
        }));
        actions.put("sun.nio.fs.LinuxDosFileAttributeView#updateDosAttribute(IZ)", inPlace(s -> {
            Files.getFileAttributeView(s.file("nio-dos.txt"), DosFileAttributeView.class).setHidden(true);
            return "set hidden";
        }));
        // ---- attribute view reads (each decided when the view reads) -------------------------------------
        actions.put("sun.nio.fs.UnixFileAttributeViews$Basic#readAttributes()", read(s -> "size "
                + Files.getFileAttributeView(s.file("nio-read.txt"), BasicFileAttributeView.class).readAttributes().size()));
        actions.put("sun.nio.fs.UnixFileAttributeViews$Posix#readAttributes()", read(s -> "permissions "
                + PosixFilePermissions.toString(Files.getFileAttributeView(s.file("nio-read.txt"),
                        PosixFileAttributeView.class).readAttributes().permissions())));
        actions.put("sun.nio.fs.LinuxDosFileAttributeView#readAttributes()", read(s -> "hidden "
                + Files.getFileAttributeView(s.file("nio-read.txt"), DosFileAttributeView.class).readAttributes().isHidden()));
        actions.put("sun.nio.fs.UnixUserDefinedFileAttributeView#list()", read(s -> "extended attributes "
                + Files.getFileAttributeView(s.file("nio-read.txt"), UserDefinedFileAttributeView.class).list().size()));
        actions.put("sun.nio.fs.UnixUserDefinedFileAttributeView#size(Ljava/lang/String;)", read(s -> {
            UserDefinedFileAttributeView view = Files.getFileAttributeView(s.file("nio-read.txt"),
                    UserDefinedFileAttributeView.class);
            try {
                return "extended attribute of " + view.size(XATTR) + " bytes";
            } catch (java.nio.file.FileSystemException e) {
                return "no extended attribute " + XATTR; // the read was made: the file has none
            }
        }));
        actions.put("sun.nio.fs.UnixUserDefinedFileAttributeView#read(Ljava/lang/String;Ljava/nio/ByteBuffer;)", read(s -> {
            UserDefinedFileAttributeView view = Files.getFileAttributeView(s.file("nio-read.txt"),
                    UserDefinedFileAttributeView.class);
            try {
                return "read " + view.read(XATTR, ByteBuffer.allocate(64)) + " bytes of " + XATTR;
            } catch (java.nio.file.FileSystemException e) {
                return "no extended attribute " + XATTR; // as above
            }
        }));
        // ---- secure directory streams (nio-sds/) -------------------------------------------------------
        actions.put(SDS + "#<init>(Lsun/nio/fs/UnixPath;JILjava/nio/file/DirectoryStream$Filter;)",
                write("nio-sds/init-new.txt", s -> inSecureStream(s, sds -> {
                    // Works only if the constructor recorded the directory: otherwise the guard cannot check it.
                    try (SeekableByteChannel ch = sds.newByteChannel(Path.of("init-new.txt"),
                            Set.of(StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW))) {
                        ch.write(ByteBuffer.wrap(new byte[] {'x'}));
                    }
                    return "wrote nio-sds/init-new.txt";
                })));
        actions.put(SDS + "#newByteChannel(Ljava/nio/file/Path;Ljava/util/Set;[Ljava/nio/file/attribute/FileAttribute;)",
                write("nio-sds/new.txt", s -> inSecureStream(s, sds -> {
                    try (SeekableByteChannel ch = sds.newByteChannel(Path.of("new.txt"),
                            Set.of(StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW))) {
                        ch.write(ByteBuffer.wrap(new byte[] {'x'}));
                    }
                    return "wrote nio-sds/new.txt";
                })));
        actions.put(SDS + "#newDirectoryStream(Ljava/nio/file/Path;[Ljava/nio/file/LinkOption;)",
                read(s -> inSecureStream(s, sds -> {
                    int n = 0;
                    try (SecureDirectoryStream<Path> sub = sds.newDirectoryStream(Path.of("sub"))) {
                        for (Path ignored : sub) {
                            n++;
                        }
                    }
                    return "listed " + n + " entries";
                })));
        actions.put(SDS + "#deleteFile(Ljava/nio/file/Path;)", inPlace(s -> inSecureStream(s, sds -> {
            sds.deleteFile(Path.of("del.txt"));
            return "deleted nio-sds/del.txt";
        })));
        actions.put(SDS + "#deleteDirectory(Ljava/nio/file/Path;)", inPlace(s -> inSecureStream(s, sds -> {
            sds.deleteDirectory(Path.of("deldir"));
            return "deleted nio-sds/deldir";
        })));
        actions.put(SDS + "#move(Ljava/nio/file/Path;Ljava/nio/file/SecureDirectoryStream;Ljava/nio/file/Path;)",
                write("nio-sds/moved.txt", s -> inSecureStream(s, sds -> {
                    sds.move(Path.of("move-src.txt"), sds, Path.of("moved.txt"));
                    return "moved to nio-sds/moved.txt";
                })));
        actions.put(SDS + "#getFileAttributeView(Ljava/lang/Class;)", read(s -> inSecureStream(s, sds ->
                "directory " + sds.getFileAttributeView(BasicFileAttributeView.class).readAttributes().isDirectory())));
        actions.put(SDS + "#getFileAttributeView(Ljava/nio/file/Path;Ljava/lang/Class;[Ljava/nio/file/LinkOption;)",
                read(s -> inSecureStream(s, sds -> "size " + sds.getFileAttributeView(Path.of("times.txt"),
                        BasicFileAttributeView.class).readAttributes().size())));
        actions.put(SDS + "$BasicFileAttributeViewImpl#setTimes(Ljava/nio/file/attribute/FileTime;Ljava/nio/file/attribute/FileTime;Ljava/nio/file/attribute/FileTime;)",
                inPlace(s -> inSecureStream(s, sds -> {
                    sds.getFileAttributeView(Path.of("times.txt"), BasicFileAttributeView.class).setTimes(EPOCH, null, null);
                    return "set the times of nio-sds/times.txt";
                })));
        actions.put(SDS + "$PosixFileAttributeViewImpl#setPermissions(Ljava/util/Set;)", inPlace(s -> inSecureStream(s, sds -> {
            sds.getFileAttributeView(Path.of("perm.txt"), PosixFileAttributeView.class)
                    .setPermissions(PosixFilePermissions.fromString("rw-------"));
            return "set the permissions of nio-sds/perm.txt";
        })));
        actions.put(SDS + "$PosixFileAttributeViewImpl#setOwners(II)", inPlace(s -> inSecureStream(s, sds -> {
            PosixFileAttributeView view = sds.getFileAttributeView(Path.of("own.txt"), PosixFileAttributeView.class);
            view.setOwner(view.getOwner());
            return "set the owner of nio-sds/own.txt";
        })));
        actions.put(SDS + "$BasicFileAttributeViewImpl#readAttributes()", read(s -> inSecureStream(s, sds ->
                "size " + sds.getFileAttributeView(Path.of("times.txt"), BasicFileAttributeView.class)
                        .readAttributes().size())));
        actions.put(SDS + "$PosixFileAttributeViewImpl#readAttributes()", read(s -> inSecureStream(s, sds ->
                "permissions " + PosixFilePermissions.toString(sds.getFileAttributeView(Path.of("times.txt"),
                        PosixFileAttributeView.class).readAttributes().permissions()))));
        // ---- public APIs that end in the rows above ------------------------------------------------------
        actions.put("nio:ZipFile", read(s -> {
            try (ZipFile zip = new ZipFile(s.file("nio.zip").toFile())) {
                return "entries " + zip.size();
            }
        }));
        actions.put("nio:Files.newInputStream", read(s -> {
            try (var in = Files.newInputStream(s.file("nio-read.txt"))) {
                return "read " + in.readAllBytes().length + " bytes";
            }
        }));
        actions.put("nio:Files.newOutputStream", write("nio-nos.txt", s -> {
            try (var out = Files.newOutputStream(s.file("nio-nos.txt"), StandardOpenOption.CREATE_NEW)) {
                out.write('x');
            }
            return "wrote nio-nos.txt";
        }));
    }

    /** A metadata query: a denial answers it as for a missing file (see {@link HookActions#QUERIES}). */
    private static void query(Map<String, HookActions.Spec> actions, String id, String op, HookActions.Action action) {
        actions.put(id, read(action));
        HookActions.QUERIES.put(id, op);
    }

    private static HookActions.Spec read(HookActions.Action action) {
        return new HookActions.Spec("file", null, action);
    }

    private static HookActions.Spec write(String effectFile, HookActions.Action action) {
        return new HookActions.Spec("file", effectFile, action);
    }

    /** A write that changes an existing file: its effect is checked by NioHookEffectsTest, not by a new file. */
    private static HookActions.Spec inPlace(HookActions.Action action) {
        return new HookActions.Spec("file", null, action);
    }

    private interface StreamAction {
        String run(SecureDirectoryStream<Path> sds) throws IOException;
    }

    private static String inSecureStream(Sandbox s, StreamAction action) throws IOException {
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(s.file("nio-sds"))) {
            if (!(dir instanceof SecureDirectoryStream)) {
                throw new IllegalStateException("not a SecureDirectoryStream: " + dir.getClass().getName());
            }
            @SuppressWarnings("unchecked")
            SecureDirectoryStream<Path> sds = (SecureDirectoryStream<Path>) dir;
            return action.run(sds);
        }
    }
}
