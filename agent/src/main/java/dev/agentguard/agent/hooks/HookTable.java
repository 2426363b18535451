package dev.agentguard.agent.hooks;

import dev.agentguard.agent.hooks.env.EnvironmentCopyAdvice;
import dev.agentguard.agent.hooks.env.GetenvAllAdvice;
import dev.agentguard.agent.hooks.env.GetenvNameAdvice;
import dev.agentguard.agent.hooks.file.FileInputStreamOpenAdvice;
import dev.agentguard.agent.hooks.file.FileOutputStreamOpenAdvice;
import dev.agentguard.agent.hooks.file.RandomAccessFileOpenAdvice;
import dev.agentguard.agent.hooks.nativecode.LoadAdvice;
import dev.agentguard.agent.hooks.nativecode.LoadLibraryAdvice;
import dev.agentguard.agent.hooks.net.NetConnectAdvice;
import dev.agentguard.agent.hooks.net.ResolveAdvice;
import dev.agentguard.agent.hooks.process.ProcessImplStartAdvice;
import dev.agentguard.agent.hooks.process.StartPipelineAdvice;
import java.util.ArrayList;
import java.util.List;

/**
 * Every JDK method the guard hooks, and the check it maps to: the one table to read (and the one that
 * {@code HookCoverageTest} walks, failing when a row lacks its allowed and denied child-JVM tests).
 *
 * <p>Why these methods: each is the choke point that the public APIs of its resource funnel through on
 * JDK 17 and 25 (see docs/design/choke-points.md). The installer refuses to start the JVM if a row that
 * applies to the running JDK names a method that is not there, or if its advice could not be applied.
 */
public final class HookTable {
    static final int ANY = Integer.MAX_VALUE;
    private static final String DENY_THROWS = "throws GuardDeniedException (a SecurityException) before any effect";
    /** A denied query answers as for a missing file; see docs/policy-reference.md, "A denied query". */
    private static final String ABSENT_FALSE = "returns false, as for a missing file (throws GuardDeniedException"
            + " where writing the path is granted)";
    private static final String ABSENT_THROWS = "throws NoSuchFileException, as for a missing file (GuardDeniedException"
            + " where writing the path is granted, or for a ZipFile/JarFile open)";

    /** A read open decided on its descriptor after the open (docs/design/kernel-objects.md). */
    private static final String OPENED_READ = "files: read: the name before the open (no system call), then the opened"
            + " file, where /proc/self/fd/N says it is";
    private static final String OPENED_DENY = "throws GuardDeniedException (a SecurityException) before any byte is"
            + " read: a name denied as given is never opened, an opened file denied is closed first";
    /** A write open decided on its real form and pinned there (docs/design/kernel-objects.md). */
    private static final String PINNED_WRITE = " decided on the real form; the JDK opens it through the decided folder"
            + " (/proc/self/fd/D), never following a link swapped in at the leaf; the opened file is checked again";

    private static final String NIO_OPEN = OPENED_READ + "; write when an option creates, changes or removes it:"
            + PINNED_WRITE.replace("never following", "with NOFOLLOW_LINKS added, never following");

    private static final List<Hook> ROWS = new ArrayList<>();

    static {
        // ---- files: java.io ---------------------------------------------------------------------------
        row("java.io.FileInputStream", "open", "(Ljava/lang/String;)V",
                OPENED_READ, OPENED_DENY, FileInputStreamOpenAdvice.class, 17, ANY);
        row("java.io.FileOutputStream", "open", "(Ljava/lang/String;Z)V",
                "files: write the path (create, truncate or append):" + PINNED_WRITE, DENY_THROWS,
                FileOutputStreamOpenAdvice.class, 17, ANY);
        row("java.io.RandomAccessFile", "open", "(Ljava/lang/String;I)V",
                "files: mode r: read, the name before the open, then the opened file (/proc/self/fd/N);"
                        + " rw, rws, rwd: read and write as one open," + PINNED_WRITE + "; also ZipFile/JarFile", OPENED_DENY + "; a write before any effect",
                RandomAccessFileOpenAdvice.class, 17, ANY);
        row("java.io.FileInputStream", "<init>", "(Ljava/io/FileDescriptor;)V",
                "files: only a descriptor a guarded open produced (or stdin/out/err); also FileReader(FileDescriptor)",
                DENY_THROWS, dev.agentguard.agent.hooks.file.FileDescriptorStreamAdvice.class, 17, ANY);
        row("java.io.FileOutputStream", "<init>", "(Ljava/io/FileDescriptor;)V",
                "files: only a valid descriptor, which only the JDK opens (checked opens, its sockets and pipes, stdin/out/err); also FileWriter(FileDescriptor)",
                DENY_THROWS, dev.agentguard.agent.hooks.file.FileDescriptorStreamAdvice.class, 17, ANY);
        // ---- files: java.io.File (metadata) ------------------------------------------------------------
        row("java.io.File", "canRead", "()Z", "files: read the path (the path field)",
                ABSENT_FALSE, dev.agentguard.agent.hooks.file.FileProbeAdvice.class, 17, ANY);
        row("java.io.File", "canWrite", "()Z", "files: read the path (the path field)",
                ABSENT_FALSE, dev.agentguard.agent.hooks.file.FileProbeAdvice.class, 17, ANY);
        row("java.io.File", "canExecute", "()Z", "files: read the path (the path field)",
                ABSENT_FALSE, dev.agentguard.agent.hooks.file.FileProbeAdvice.class, 17, ANY);
        row("java.io.File", "exists", "()Z", "files: read the path (the path field); answered from the guard's own stat",
                ABSENT_FALSE, dev.agentguard.agent.hooks.file.FileLookAdvice.class, 17, ANY);
        row("java.io.File", "isDirectory", "()Z", "files: read the path (the path field); answered from the guard's own stat",
                ABSENT_FALSE, dev.agentguard.agent.hooks.file.FileLookAdvice.class, 17, ANY);
        row("java.io.File", "isFile", "()Z", "files: read the path (the path field); answered from the guard's own stat",
                ABSENT_FALSE, dev.agentguard.agent.hooks.file.FileLookAdvice.class, 17, ANY);
        row("java.io.File", "isHidden", "()Z", "files: read the path (the path field)",
                DENY_THROWS, dev.agentguard.agent.hooks.file.FileQueryAdvice.class, 17, ANY);
        row("java.io.File", "lastModified", "()J", "files: read the path (the path field)",
                DENY_THROWS, dev.agentguard.agent.hooks.file.FileQueryAdvice.class, 17, ANY);
        row("java.io.File", "length", "()J", "files: read the path (the path field); answered from the guard's own stat",
                DENY_THROWS, dev.agentguard.agent.hooks.file.FileLengthAdvice.class, 17, ANY);
        row("java.io.File", "getTotalSpace", "()J", "files: read the path (the path field)",
                DENY_THROWS, dev.agentguard.agent.hooks.file.FileQueryAdvice.class, 17, ANY);
        row("java.io.File", "getFreeSpace", "()J", "files: read the path (the path field)",
                DENY_THROWS, dev.agentguard.agent.hooks.file.FileQueryAdvice.class, 17, ANY);
        row("java.io.File", "getUsableSpace", "()J", "files: read the path (the path field)",
                DENY_THROWS, dev.agentguard.agent.hooks.file.FileQueryAdvice.class, 17, ANY);
        row("java.io.File", "getCanonicalPath", "()Ljava/lang/String;", "files: read getPath(), taken once (a subclass of File: the body is skipped and the text decided is canonicalized as a plain File) (also getCanonicalFile, mkdirs)",
                DENY_THROWS, dev.agentguard.agent.hooks.file.FileCanonicalPathAdvice.class, 17, ANY);
        row("java.io.File", "normalizedList", "()[Ljava/lang/String;", "files: read the directory (list, listFiles); listed by the guard on the folder decided (an O_PATH descriptor D, /proc/self/fd/D listed), the body skipped",
                DENY_THROWS, dev.agentguard.agent.hooks.file.FileListAdvice.class, 17, ANY);
        row("java.io.File", "createNewFile", "()Z", "files: write the path, not following a last link (pinned: done by the guard on /proc/self/fd/D/leaf, D the decided folder held open)",
                DENY_THROWS, dev.agentguard.agent.hooks.file.FileWriteAdvice.class, 17, ANY);
        row("java.io.File", "mkdir", "()Z", "files: write the path, not following a last link (also mkdirs) (pinned: done by the guard on /proc/self/fd/D/leaf, D the decided folder held open)",
                DENY_THROWS, dev.agentguard.agent.hooks.file.FileWriteAdvice.class, 17, ANY);
        row("java.io.File", "setLastModified", "(J)Z", "files: write the path (pinned: done by the guard on /proc/self/fd/D/leaf, D the decided folder held open)",
                DENY_THROWS, dev.agentguard.agent.hooks.file.FileWriteAdvice.class, 17, ANY);
        row("java.io.File", "setReadOnly", "()Z", "files: write the path (pinned: done by the guard on /proc/self/fd/D/leaf, D the decided folder held open; the mode is changed on /proc/self/fd/L, L the object the leaf leads to, decided)",
                DENY_THROWS, dev.agentguard.agent.hooks.file.FileWriteAdvice.class, 17, ANY);
        row("java.io.File", "setWritable", "(ZZ)Z", "files: write the path (also the 1-argument form) (pinned: done by the guard on /proc/self/fd/D/leaf, D the decided folder held open; the mode is changed on /proc/self/fd/L, L the object the leaf leads to, decided)",
                DENY_THROWS, dev.agentguard.agent.hooks.file.FileWriteAdvice.class, 17, ANY);
        row("java.io.File", "setReadable", "(ZZ)Z", "files: write the path (also the 1-argument form) (pinned: done by the guard on /proc/self/fd/D/leaf, D the decided folder held open; the mode is changed on /proc/self/fd/L, L the object the leaf leads to, decided)",
                DENY_THROWS, dev.agentguard.agent.hooks.file.FileWriteAdvice.class, 17, ANY);
        row("java.io.File", "setExecutable", "(ZZ)Z", "files: write the path (also the 1-argument form) (pinned: done by the guard on /proc/self/fd/D/leaf, D the decided folder held open; the mode is changed on /proc/self/fd/L, L the object the leaf leads to, decided)",
                DENY_THROWS, dev.agentguard.agent.hooks.file.FileWriteAdvice.class, 17, ANY);
        row("java.io.File", "delete", "()Z", "files: write the path, not following a last link; done by the guard through the decided folder (/proc/self/fd/D/leaf)",
                DENY_THROWS, dev.agentguard.agent.hooks.file.FileDeleteNowAdvice.class, 17, ANY);
        row("java.io.File", "deleteOnExit", "()V", "files: write the path, not following a last link, when registered",
                DENY_THROWS + " (the file is not registered)", dev.agentguard.agent.hooks.file.FileDeleteAdvice.class, 17, ANY);
        row("java.io.File", "renameTo", "(Ljava/io/File;)Z", "files: write both paths, not following last links; done by the guard through the decided folders (/proc/self/fd/D/leaf)",
                DENY_THROWS, dev.agentguard.agent.hooks.file.FileRenameAdvice.class, 17, ANY);
        row("java.io.File$TempDirectory", "generateFile", "(Ljava/lang/String;Ljava/lang/String;Ljava/io/File;)Ljava/io/File;",
                "files: write the exact temp file createTempFile is about to create (in the tmpdir the JDK captured), not following a last link; the JDK is handed /proc/self/fd/D/leaf to create",
                DENY_THROWS + " (from createTempFile, before the file is created)", dev.agentguard.agent.hooks.file.TempFileAdvice.class, 17, ANY);
        row("java.io.File", "createTempFile", "(Ljava/lang/String;Ljava/lang/String;Ljava/io/File;)Ljava/io/File;",
                "none: the JDK created the name generateFile pinned (/proc/self/fd/D/leaf); returns it named in the caller's folder and closes the folder",
                "nothing to deny (generateFile decided the name)", dev.agentguard.agent.hooks.file.TempFileDoneAdvice.class, 17, ANY);
        // ---- files: NIO default provider ---------------------------------------------------------------
        // Only JDK 17 and 25 are verified (docs/design/choke-points.md section 2). Ranges for the versions in
        // between err towards hooking: a method that is missing refuses the JVM, a double hook only checks twice.
        // On 25 newByteChannel only delegates to newFileChannel, so it is hooked on 17 (to 24) only.
        row("sun.nio.fs.UnixFileSystemProvider", "newByteChannel",
                "(Ljava/nio/file/Path;Ljava/util/Set;[Ljava/nio/file/attribute/FileAttribute;)Ljava/nio/channels/SeekableByteChannel;",
                NIO_OPEN, OPENED_DENY + "; a write before any effect",
                dev.agentguard.agent.hooks.nio.OpenChannelAdvice.class, 17, 24);
        row("sun.nio.fs.UnixFileSystemProvider", "newFileChannel",
                "(Ljava/nio/file/Path;Ljava/util/Set;[Ljava/nio/file/attribute/FileAttribute;)Ljava/nio/channels/FileChannel;",
                NIO_OPEN, OPENED_DENY + "; a write before any effect",
                dev.agentguard.agent.hooks.nio.OpenChannelAdvice.class, 17, ANY);
        row("sun.nio.fs.UnixFileSystemProvider", "newAsynchronousFileChannel",
                "(Ljava/nio/file/Path;Ljava/util/Set;Ljava/util/concurrent/ExecutorService;[Ljava/nio/file/attribute/FileAttribute;)Ljava/nio/channels/AsynchronousFileChannel;",
                NIO_OPEN, OPENED_DENY + "; a write before any effect",
                dev.agentguard.agent.hooks.nio.OpenChannelAdvice.class, 17, ANY);
        row("sun.nio.fs.UnixFileSystemProvider", "newDirectoryStream",
                "(Ljava/nio/file/Path;Ljava/nio/file/DirectoryStream$Filter;)Ljava/nio/file/DirectoryStream;",
                "files: read (list) the directory; the opened folder is decided again by the stream's constructor", DENY_THROWS, dev.agentguard.agent.hooks.nio.PathReadAdvice.class, 17, ANY);
        row("sun.nio.fs.UnixFileSystemProvider", "createDirectory", "(Ljava/nio/file/Path;[Ljava/nio/file/attribute/FileAttribute;)V",
                "files: write the directory (pinned: the JDK is handed /proc/self/fd/D/leaf, D the decided folder held open)", DENY_THROWS, dev.agentguard.agent.hooks.nio.CreateDirectoryAdvice.class, 17, ANY);
        row("sun.nio.fs.UnixFileSystemProvider", "implDelete", "(Ljava/nio/file/Path;Z)Z",
                "files: write (delete) the entry, not following a link (pinned: the JDK is handed /proc/self/fd/D/leaf, D the decided folder held open)", DENY_THROWS, dev.agentguard.agent.hooks.nio.DeleteAdvice.class, 17, ANY);
        row("sun.nio.fs.UnixFileSystemProvider", "copy", "(Ljava/nio/file/Path;Ljava/nio/file/Path;[Ljava/nio/file/CopyOption;)V",
                "files: read the source, write the target; both pinned (/proc/self/fd/D/leaf; NOFOLLOW_LINKS added for a pinned source)", DENY_THROWS, dev.agentguard.agent.hooks.nio.CopyAdvice.class, 17, ANY);
        row("sun.nio.fs.UnixFileSystemProvider", "move", "(Ljava/nio/file/Path;Ljava/nio/file/Path;[Ljava/nio/file/CopyOption;)V",
                "files: write both the source and the target, not following links; both pinned (/proc/self/fd/D/leaf)", DENY_THROWS,
                dev.agentguard.agent.hooks.nio.MoveAdvice.class, 17, ANY);
        row("sun.nio.fs.UnixFileSystemProvider", "createSymbolicLink",
                "(Ljava/nio/file/Path;Ljava/nio/file/Path;[Ljava/nio/file/attribute/FileAttribute;)V",
                "files: write the link, not following a last link (pinned: the JDK is handed /proc/self/fd/D/leaf); read what it points to (a relative target from the link's directory)",
                DENY_THROWS, dev.agentguard.agent.hooks.nio.CreateSymbolicLinkAdvice.class, 17, ANY);
        row("sun.nio.fs.UnixFileSystemProvider", "createLink", "(Ljava/nio/file/Path;Ljava/nio/file/Path;)V",
                "files: write the new link and the existing file, neither followed; both pinned (/proc/self/fd/D/leaf)", DENY_THROWS, dev.agentguard.agent.hooks.nio.CreateLinkAdvice.class, 17, ANY);
        row("sun.nio.fs.UnixFileSystemProvider", "readSymbolicLink", "(Ljava/nio/file/Path;)Ljava/nio/file/Path;",
                "files: read the link itself", DENY_THROWS, dev.agentguard.agent.hooks.nio.ReadSymbolicLinkAdvice.class, 17, ANY);
        row("sun.nio.fs.UnixFileSystemProvider", "checkAccess", "(Ljava/nio/file/Path;[Ljava/nio/file/AccessMode;)V",
                "files: read (existence and access probe)", ABSENT_THROWS, dev.agentguard.agent.hooks.nio.CheckAccessAdvice.class, 17, ANY);
        row("sun.nio.fs.UnixFileSystemProvider", "isSameFile", "(Ljava/nio/file/Path;Ljava/nio/file/Path;)Z",
                "files: read both paths", DENY_THROWS, dev.agentguard.agent.hooks.nio.IsSameFileAdvice.class, 17, ANY);
        row("sun.nio.fs.UnixFileSystemProvider", "getFileStore", "(Ljava/nio/file/Path;)Ljava/nio/file/FileStore;",
                "files: read the path", DENY_THROWS, dev.agentguard.agent.hooks.nio.PathReadAdvice.class, 17, ANY);
        // JDK 17 fast paths of Files.exists/isDirectory/isRegularFile without LinkOptions (gone in 20).
        row("sun.nio.fs.UnixFileSystemProvider", "exists", "(Ljava/nio/file/Path;)Z",
                "files: read (existence; answered from the guard's own stat)", ABSENT_FALSE, dev.agentguard.agent.hooks.nio.PathLookAdvice.class, 17, 19);
        row("sun.nio.fs.UnixFileSystemProvider", "isDirectory", "(Ljava/nio/file/Path;)Z",
                "files: read (file type; answered from the guard's own stat)", ABSENT_FALSE, dev.agentguard.agent.hooks.nio.PathLookAdvice.class, 17, 19);
        row("sun.nio.fs.UnixFileSystemProvider", "isRegularFile", "(Ljava/nio/file/Path;)Z",
                "files: read (file type; answered from the guard's own stat)", ABSENT_FALSE, dev.agentguard.agent.hooks.nio.PathLookAdvice.class, 17, 19);
        // JDK 20+ fast paths: Files.exists, isDirectory/isRegularFile, isReadable/isWritable/isExecutable.
        row("sun.nio.fs.UnixFileSystemProvider", "exists", "(Ljava/nio/file/Path;[Ljava/nio/file/LinkOption;)Z",
                "files: read (existence)", ABSENT_FALSE, dev.agentguard.agent.hooks.nio.ExistsAdvice.class, 20, ANY);
        row("sun.nio.fs.UnixFileSystemProvider", "readAttributesIfExists",
                "(Ljava/nio/file/Path;Ljava/lang/Class;[Ljava/nio/file/LinkOption;)Ljava/nio/file/attribute/BasicFileAttributes;",
                "files: read the attributes",
                "returns null, as for a missing file (throws GuardDeniedException where writing the path is granted)",
                dev.agentguard.agent.hooks.nio.ReadAttributesAdvice.class, 20, ANY);
        row("sun.nio.fs.UnixFileSystemProvider", "isReadable", "(Ljava/nio/file/Path;)Z",
                "files: read (access probe)", ABSENT_FALSE, dev.agentguard.agent.hooks.nio.PathProbeAdvice.class, 20, ANY);
        row("sun.nio.fs.UnixFileSystemProvider", "isWritable", "(Ljava/nio/file/Path;)Z",
                "files: read (access probe; it changes nothing)", ABSENT_FALSE, dev.agentguard.agent.hooks.nio.PathProbeAdvice.class, 20, ANY);
        row("sun.nio.fs.UnixFileSystemProvider", "isExecutable", "(Ljava/nio/file/Path;)Z",
                "files: read (access probe)", ABSENT_FALSE, dev.agentguard.agent.hooks.nio.PathProbeAdvice.class, 20, ANY);
        row("sun.nio.fs.LinuxFileSystemProvider", "readAttributes",
                "(Ljava/nio/file/Path;Ljava/lang/Class;[Ljava/nio/file/LinkOption;)Ljava/nio/file/attribute/BasicFileAttributes;",
                "files: read the attributes; also every ZipFile/JarFile open", ABSENT_THROWS,
                dev.agentguard.agent.hooks.nio.ReadAttributesAdvice.class, 17, ANY);
        row("sun.nio.fs.LinuxFileSystemProvider", "getFileAttributeView",
                "(Ljava/nio/file/Path;Ljava/lang/Class;[Ljava/nio/file/LinkOption;)Ljava/nio/file/attribute/FileAttributeView;",
                "files: read the attributes (the view's writes are checked in the view)", DENY_THROWS,
                dev.agentguard.agent.hooks.nio.AttributeReadAdvice.class, 17, ANY);
        row("sun.nio.fs.AbstractFileSystemProvider", "readAttributes", "(Ljava/nio/file/Path;Ljava/lang/String;[Ljava/nio/file/LinkOption;)Ljava/util/Map;",
                "files: read the attributes", ABSENT_THROWS, dev.agentguard.agent.hooks.nio.AttributeMapAdvice.class, 17, ANY);
        row("sun.nio.fs.AbstractFileSystemProvider", "setAttribute", "(Ljava/nio/file/Path;Ljava/lang/String;Ljava/lang/Object;[Ljava/nio/file/LinkOption;)V",
                "files: write the attributes", DENY_THROWS, dev.agentguard.agent.hooks.nio.SetAttributeAdvice.class, 17, ANY);
        row("sun.nio.fs.UnixPath", "toRealPath", "([Ljava/nio/file/LinkOption;)Ljava/nio/file/Path;",
                "files: read (existence, where links lead)", ABSENT_THROWS, dev.agentguard.agent.hooks.nio.ToRealPathAdvice.class, 17, ANY);
        // Attribute writes happen in the view objects (path: their `file` field).
        row("sun.nio.fs.UnixFileAttributeViews$Basic", "setTimes",
                "(Ljava/nio/file/attribute/FileTime;Ljava/nio/file/attribute/FileTime;Ljava/nio/file/attribute/FileTime;)V",
                "files: write (times) (pinned: the guard makes the call on a fresh view of /proc/self/fd/D/leaf)", DENY_THROWS, dev.agentguard.agent.hooks.nio.ViewWriteAdvice.class, 17, ANY);
        row("sun.nio.fs.UnixFileAttributeViews$Posix", "setMode", "(I)V",
                "files: write (permissions) (pinned: the guard makes the call on a fresh view of /proc/self/fd/D/leaf; following links, of /proc/self/fd/L, L the object the leaf leads to, decided)", DENY_THROWS, dev.agentguard.agent.hooks.nio.ViewWriteAdvice.class, 17, ANY);
        row("sun.nio.fs.UnixFileAttributeViews$Posix", "setOwners", "(II)V",
                "files: write (owner, group) (pinned: the guard makes the call on a fresh view of /proc/self/fd/D/leaf)", DENY_THROWS, dev.agentguard.agent.hooks.nio.ViewWriteAdvice.class, 17, ANY);
        row("sun.nio.fs.UnixUserDefinedFileAttributeView", "write", "(Ljava/lang/String;Ljava/nio/ByteBuffer;)I",
                "files: write (an extended attribute) (pinned: the guard makes the call on a fresh view of /proc/self/fd/D/leaf)", DENY_THROWS, dev.agentguard.agent.hooks.nio.ViewWriteReturningAdvice.class, 17, ANY);
        row("sun.nio.fs.UnixUserDefinedFileAttributeView", "delete", "(Ljava/lang/String;)V",
                "files: write (remove an extended attribute) (pinned: the guard makes the call on a fresh view of /proc/self/fd/D/leaf)", DENY_THROWS, dev.agentguard.agent.hooks.nio.ViewWriteAdvice.class, 17, ANY);
        row("sun.nio.fs.LinuxDosFileAttributeView", "updateDosAttribute", "(IZ)V",
                "files: write (DOS attributes, kept in an extended attribute) (pinned: the guard makes the call on a fresh view of /proc/self/fd/D/leaf)", DENY_THROWS,
                dev.agentguard.agent.hooks.nio.ViewWriteAdvice.class, 17, ANY);
        // The views' reads: a view can be kept and read after its name was swapped (HeldObjectTest).
        row("sun.nio.fs.UnixFileAttributeViews$Basic", "readAttributes", "()Ljava/nio/file/attribute/BasicFileAttributes;",
                "files: read, decided when the view reads, not only when it was made (a kept view's name can name another object by then) (pinned: the guard makes the call on a fresh view of /proc/self/fd/D/leaf)", DENY_THROWS, dev.agentguard.agent.hooks.nio.ViewReadAdvice.class, 17, ANY);
        row("sun.nio.fs.UnixFileAttributeViews$Posix", "readAttributes", "()Lsun/nio/fs/UnixFileAttributes;",
                "files: read, decided when the view reads, not only when it was made (a kept view's name can name another object by then) (pinned: the guard makes the call on a fresh view of /proc/self/fd/D/leaf)", DENY_THROWS, dev.agentguard.agent.hooks.nio.ViewReadAdvice.class, 17, ANY);
        row("sun.nio.fs.LinuxDosFileAttributeView", "readAttributes", "()Ljava/nio/file/attribute/DosFileAttributes;",
                "files: read, decided when the view reads, not only when it was made (a kept view's name can name another object by then) (pinned: the guard makes the call on a fresh view of /proc/self/fd/D/leaf)", DENY_THROWS, dev.agentguard.agent.hooks.nio.ViewReadAdvice.class, 17, ANY);
        row("sun.nio.fs.UnixUserDefinedFileAttributeView", "list", "()Ljava/util/List;",
                "files: read, decided when the view reads, not only when it was made (a kept view's name can name another object by then) (pinned: the guard makes the call on a fresh view of /proc/self/fd/D/leaf)", DENY_THROWS, dev.agentguard.agent.hooks.nio.ViewReadAdvice.class, 17, ANY);
        row("sun.nio.fs.UnixUserDefinedFileAttributeView", "size", "(Ljava/lang/String;)I",
                "files: read, decided when the view reads, not only when it was made (a kept view's name can name another object by then) (pinned: the guard makes the call on a fresh view of /proc/self/fd/D/leaf)", DENY_THROWS, dev.agentguard.agent.hooks.nio.ViewReadIntAdvice.class, 17, ANY);
        row("sun.nio.fs.UnixUserDefinedFileAttributeView", "read", "(Ljava/lang/String;Ljava/nio/ByteBuffer;)I",
                "files: read, decided when the view reads, not only when it was made (a kept view's name can name another object by then) (pinned: the guard makes the call on a fresh view of /proc/self/fd/D/leaf)", DENY_THROWS, dev.agentguard.agent.hooks.nio.ViewReadIntAdvice.class, 17, ANY);
        // SecureDirectoryStream (what Files.newDirectoryStream returns on Linux) acts relative to a directory
        // descriptor and never calls the provider; its constructor records the directory for the checks below.
        row("sun.nio.fs.UnixSecureDirectoryStream", "<init>", "(Lsun/nio/fs/UnixPath;JILjava/nio/file/DirectoryStream$Filter;)V",
                "files: read (list) the folder the stream's descriptor is (/proc/self/fd/dfd); remembers that descriptor, and its methods are checked where that folder is at each call",
                "a denial closes the stream and throws", dev.agentguard.agent.hooks.nio.SecureStreamOpenedAdvice.class,
                17, ANY);
        row("sun.nio.fs.UnixSecureDirectoryStream", "newByteChannel",
                "(Ljava/nio/file/Path;Ljava/util/Set;[Ljava/nio/file/attribute/FileAttribute;)Ljava/nio/channels/SeekableByteChannel;",
                "files: the entry in the stream's directory, as the provider's opens: a read on the name before and the opened descriptor after; a write pinned (/proc/self/fd/D/leaf, NOFOLLOW_LINKS added)", OPENED_DENY + "; a write before any effect",
                dev.agentguard.agent.hooks.nio.SecureStreamOpenAdvice.class, 17, ANY);
        row("sun.nio.fs.UnixSecureDirectoryStream", "newDirectoryStream", "(Ljava/nio/file/Path;[Ljava/nio/file/LinkOption;)Ljava/nio/file/SecureDirectoryStream;",
                "files: read (list) the entry in the stream's directory", DENY_THROWS,
                dev.agentguard.agent.hooks.nio.SecureStreamListAdvice.class, 17, ANY);
        row("sun.nio.fs.UnixSecureDirectoryStream", "deleteFile", "(Ljava/nio/file/Path;)V",
                "files: write (delete) the entry in the stream's directory (pinned: the JDK is handed /proc/self/fd/D/leaf, D the decided folder held open)", DENY_THROWS,
                dev.agentguard.agent.hooks.nio.SecureStreamDeleteAdvice.class, 17, ANY);
        row("sun.nio.fs.UnixSecureDirectoryStream", "deleteDirectory", "(Ljava/nio/file/Path;)V",
                "files: write (delete) the entry in the stream's directory (pinned: the JDK is handed /proc/self/fd/D/leaf, D the decided folder held open)", DENY_THROWS,
                dev.agentguard.agent.hooks.nio.SecureStreamDeleteAdvice.class, 17, ANY);
        row("sun.nio.fs.UnixSecureDirectoryStream", "move", "(Ljava/nio/file/Path;Ljava/nio/file/SecureDirectoryStream;Ljava/nio/file/Path;)V",
                "files: write both entries, neither followed; both pinned (renameat is handed /proc/self/fd/D/leaf)", DENY_THROWS, dev.agentguard.agent.hooks.nio.SecureStreamMoveAdvice.class, 17, ANY);
        row("sun.nio.fs.UnixSecureDirectoryStream", "getFileAttributeView", "(Ljava/lang/Class;)Ljava/nio/file/attribute/FileAttributeView;",
                "files: read the stream's directory's attributes", DENY_THROWS, dev.agentguard.agent.hooks.nio.SecureStreamViewAdvice.class,
                17, ANY);
        row("sun.nio.fs.UnixSecureDirectoryStream", "getFileAttributeView",
                "(Ljava/nio/file/Path;Ljava/lang/Class;[Ljava/nio/file/LinkOption;)Ljava/nio/file/attribute/FileAttributeView;",
                "files: read the entry's attributes", DENY_THROWS, dev.agentguard.agent.hooks.nio.SecureStreamAttributeViewAdvice.class, 17, ANY);
        row("sun.nio.fs.UnixSecureDirectoryStream$BasicFileAttributeViewImpl", "setTimes",
                "(Ljava/nio/file/attribute/FileTime;Ljava/nio/file/attribute/FileTime;Ljava/nio/file/attribute/FileTime;)V",
                "files: write (times) the entry (pinned: the guard makes the call on a fresh view of the stream for /proc/self/fd/D/leaf)", DENY_THROWS, dev.agentguard.agent.hooks.nio.SecureViewWriteAdvice.class, 17, ANY);
        row("sun.nio.fs.UnixSecureDirectoryStream$PosixFileAttributeViewImpl", "setPermissions", "(Ljava/util/Set;)V",
                "files: write (permissions) the entry (pinned: the guard makes the call on a fresh view of the stream for /proc/self/fd/D/leaf)", DENY_THROWS, dev.agentguard.agent.hooks.nio.SecureViewWriteAdvice.class, 17, ANY);
        row("sun.nio.fs.UnixSecureDirectoryStream$PosixFileAttributeViewImpl", "setOwners", "(II)V",
                "files: write (owner, group) the entry (pinned: the guard makes the call on a fresh view of the stream for /proc/self/fd/D/leaf)", DENY_THROWS, dev.agentguard.agent.hooks.nio.SecureViewWriteAdvice.class, 17, ANY);
        row("sun.nio.fs.UnixSecureDirectoryStream$BasicFileAttributeViewImpl", "readAttributes", "()Ljava/nio/file/attribute/BasicFileAttributes;",
                "files: read the entry, decided when the view reads, where the stream's folder is then (pinned: the guard makes the call on a fresh view of the stream for /proc/self/fd/D/leaf)", DENY_THROWS, dev.agentguard.agent.hooks.nio.SecureViewReadAdvice.class, 17, ANY);
        row("sun.nio.fs.UnixSecureDirectoryStream$PosixFileAttributeViewImpl", "readAttributes", "()Ljava/nio/file/attribute/PosixFileAttributes;",
                "files: read the entry, decided when the view reads, where the stream's folder is then (pinned: the guard makes the call on a fresh view of the stream for /proc/self/fd/D/leaf)", DENY_THROWS, dev.agentguard.agent.hooks.nio.SecureViewReadAdvice.class, 17, ANY);
        // ---- processes --------------------------------------------------------------------------------
        row("java.lang.ProcessImpl", "start",
                "([Ljava/lang/String;Ljava/util/Map;Ljava/lang/String;[Ljava/lang/ProcessBuilder$Redirect;Z)Ljava/lang/Process;",
                "process.exec for the argv and the program it resolves to, which the JDK then executes by that resolved path; the JDK gets the guard's copy of the child's environment (inherited: env.read; set by the application: process.env.pass or the rule's env); a JVM child gets the guard on its command line; on return the child is watched (time limit, killswitch, JVM exit)",
                DENY_THROWS + " (no child exists)", ProcessImplStartAdvice.class, 17, ANY);
        row("java.lang.ProcessBuilder", "startPipeline", "(Ljava/util/List;)Ljava/util/List;",
                "process.exec for every stage before the first starts, one rate token per stage taken at once",
                DENY_THROWS + " (no child exists)",
                StartPipelineAdvice.class, 17, ANY);
        // ---- environment ------------------------------------------------------------------------------
        row("java.lang.ProcessEnvironment", "getenv", "(Ljava/lang/String;)Ljava/lang/String;",
                "env.read for the name", "returns null (the variable looks absent); recorded as a denial",
                GetenvNameAdvice.class, 17, ANY);
        row("java.lang.ProcessEnvironment", "getenv", "()Ljava/util/Map;",
                "env.read for every variable", "returns a map without the variables not granted",
                GetenvAllAdvice.class, 17, ANY);
        row("java.lang.ProcessEnvironment", "environment", "()Ljava/util/Map;",
                "env.read for every variable (ProcessBuilder.environment())",
                "the map holds only granted variables", EnvironmentCopyAdvice.class, 17, ANY);
        // ---- network ----------------------------------------------------------------------------------
        row("sun.nio.ch.Net", "connect",
                "(Ljava/net/ProtocolFamily;Ljava/io/FileDescriptor;Ljava/net/InetAddress;I)I",
                "network.connect for the address and port (and the name it was resolved from)", DENY_THROWS,
                NetConnectAdvice.class, 17, ANY);
        row("java.net.InetAddress", "getAllByName0",
                "(Ljava/lang/String;Ljava/net/InetAddress;ZZ)[Ljava/net/InetAddress;",
                "network: may the name be resolved", "throws UnknownHostException (the name looks unknown)",
                ResolveAdvice.class, 17, 17);
        row("java.net.InetAddress", "getAllByName0", "(Ljava/lang/String;Z)[Ljava/net/InetAddress;",
                "network: may the name be resolved", "throws UnknownHostException (the name looks unknown)",
                ResolveAdvice.class, 18, ANY);
        // Listens: the explicit server and receive binds, not Net.bind (every UDP client binds wildcard:0).
        row("sun.nio.ch.NioSocketImpl", "listen", "(I)V",
                "network.listen for the address and port the ServerSocket bound", DENY_THROWS + " (nothing listens)",
                dev.agentguard.agent.hooks.net.ServerSocketListenAdvice.class, 17, ANY);
        row("sun.nio.ch.ServerSocketChannelImpl", "netBind", "(Ljava/net/SocketAddress;I)Ljava/net/SocketAddress;",
                "network.listen for the address and port (null: the wildcard, port 0)",
                DENY_THROWS + " (not bound, nothing listens)", dev.agentguard.agent.hooks.net.ServerBindAdvice.class, 17, ANY);
        row("sun.nio.ch.AsynchronousServerSocketChannelImpl", "bind",
                "(Ljava/net/SocketAddress;I)Ljava/nio/channels/AsynchronousServerSocketChannel;",
                "network.listen for the address and port (null: the wildcard, port 0)",
                DENY_THROWS + " (not bound, nothing listens)", dev.agentguard.agent.hooks.net.ServerBindAdvice.class, 17, ANY);
        row("sun.nio.ch.DatagramChannelImpl", "bind", "(Ljava/net/SocketAddress;)Ljava/nio/channels/DatagramChannel;",
                "network.listen for a non-zero port (a bind for receiving); port 0 or null is a client's bind",
                DENY_THROWS + " (not bound)", dev.agentguard.agent.hooks.net.DatagramBindAdvice.class, 17, ANY);
        // Unix domain sockets, which never reach Net.connect.
        row("sun.nio.ch.UnixDomainSockets", "connect", "(Ljava/io/FileDescriptor;Ljava/nio/file/Path;)I",
                "network.connect unix: entry for the socket path and for the socket file it reaches (pinned: the JDK is handed /proc/self/fd/S, S an O_PATH descriptor of that socket file)", DENY_THROWS, dev.agentguard.agent.hooks.net.UnixConnectAdvice.class, 17, ANY);
        row("sun.nio.ch.UnixDomainSockets", "bind", "(Ljava/io/FileDescriptor;Ljava/nio/file/Path;)V",
                "network.listen unix: entry for the socket path and for where its folder is when pinned (the JDK binds /proc/self/fd/D/leaf, D an O_PATH descriptor of the decided folder; denied when that text does not fit sun_path)",
                DENY_THROWS + " (no socket file is created)",
                dev.agentguard.agent.hooks.net.UnixBindAdvice.class, 17, ANY);
        row("sun.nio.ch.UnixDomainSockets", "localAddress", "(Ljava/io/FileDescriptor;)Ljava/net/UnixDomainSocketAddress;",
                "none: a socket the guard bound through /proc/self/fd/D/leaf reports the name the application bound (its own and its accepted channels' local address)",
                "nothing to deny (the bind decided the name)", dev.agentguard.agent.hooks.net.UnixLocalAddressAdvice.class, 17, ANY);
        // Unconnected UDP sends, which never reach Net.connect.
        row("sun.nio.ch.DatagramChannelImpl", "send",
                "(Ljava/io/FileDescriptor;Ljava/nio/ByteBuffer;Ljava/net/InetSocketAddress;)I",
                "network.connect for the datagram's target address and port", DENY_THROWS + " (nothing is sent)",
                dev.agentguard.agent.hooks.net.DatagramSendAdvice.class, 17, ANY);
        // Reverse lookups: a PTR query the application chooses is a DNS exfiltration channel.
        row("java.net.InetAddress", "getHostFromNameService", "(Ljava/net/InetAddress;Z)Ljava/lang/String;",
                "network: a reverse lookup, only of an address a network.connect IP/CIDR entry grants",
                "skips the lookup and returns the address literal (as the JDK does when it fails); recorded as a denial",
                dev.agentguard.agent.hooks.net.ReverseLookupAdvice.class, 17, 17);
        row("java.net.InetAddress", "getHostFromNameService", "(Ljava/net/InetAddress;)Ljava/lang/String;",
                "network: a reverse lookup, only of an address a network.connect IP/CIDR entry grants",
                "skips the lookup and returns the address literal (as the JDK does when it fails); recorded as a denial",
                dev.agentguard.agent.hooks.net.ReverseLookupAdvice.class, 18, ANY);
        // ---- outbound bytes (budgets) -----------------------------------------------------------------
        // POLICY.md section 11: bytes written to TCP and UDP sockets (after TLS), charged whole before any leaves.
        // One hook per path, each byte counted once on 17 and 25 (docs/design/choke-points.md section 5c): the
        // public channel writes, not 25's private implWrite behind them; the datagram's public send, not the
        // private send it retries. Unix domain sockets are not network hosts and are not counted.
        String budgetDeny = "throws GuardDeniedException (a SecurityException) before any byte is sent; in audit mode"
                + " the write goes on uncharged";
        row("sun.nio.ch.NioSocketImpl", "write", "([BII)V",
                "outbound bytes: the length, to the connected peer (Socket output streams, SSLSocket records)",
                budgetDeny, dev.agentguard.agent.hooks.net.SocketStreamWriteAdvice.class, 17, ANY);
        row("sun.nio.ch.NioSocketImpl", "sendUrgentData", "(I)V", "outbound bytes: 1, to the connected peer",
                budgetDeny, dev.agentguard.agent.hooks.net.UrgentDataAdvice.class, 17, ANY);
        row("sun.nio.ch.SocketChannelImpl", "write", "(Ljava/nio/ByteBuffer;)I",
                "outbound bytes: the buffer's remaining, to remoteAddress; the part not sent is handed back",
                budgetDeny, dev.agentguard.agent.hooks.net.ChannelWriteAdvice.class, 17, ANY);
        row("sun.nio.ch.SocketChannelImpl", "write", "([Ljava/nio/ByteBuffer;II)J",
                "outbound bytes: the buffers' remaining, to remoteAddress; the part not sent is handed back",
                budgetDeny, dev.agentguard.agent.hooks.net.GatheringWriteAdvice.class, 17, ANY);
        row("sun.nio.ch.SocketChannelImpl", "blockingWriteFully", "([BII)V",
                "outbound bytes: the length, to remoteAddress (the stream of SocketChannel.socket())",
                budgetDeny, dev.agentguard.agent.hooks.net.ChannelStreamWriteAdvice.class, 17, ANY);
        row("sun.nio.ch.SocketChannelImpl", "sendOutOfBandData", "(B)I", "outbound bytes: 1, to remoteAddress",
                budgetDeny, dev.agentguard.agent.hooks.net.OutOfBandAdvice.class, 17, ANY);
        row("sun.nio.ch.DatagramChannelImpl", "send", "(Ljava/nio/ByteBuffer;Ljava/net/SocketAddress;)I",
                "outbound bytes: the datagram, to its target (also DatagramSocket.send); handed back if not sent",
                budgetDeny, dev.agentguard.agent.hooks.net.DatagramBytesAdvice.class, 17, ANY);
        row("sun.nio.ch.DatagramChannelImpl", "write", "(Ljava/nio/ByteBuffer;)I",
                "outbound bytes: the datagram, to the connected remoteAddress; handed back if not sent",
                budgetDeny, dev.agentguard.agent.hooks.net.ChannelWriteAdvice.class, 17, ANY);
        row("sun.nio.ch.DatagramChannelImpl", "write", "([Ljava/nio/ByteBuffer;II)J",
                "outbound bytes: the datagram's buffers, to the connected remoteAddress; handed back if not sent",
                budgetDeny, dev.agentguard.agent.hooks.net.GatheringWriteAdvice.class, 17, ANY);
        row("sun.nio.ch.AsynchronousSocketChannelImpl", "write",
                "(ZLjava/nio/ByteBuffer;[Ljava/nio/ByteBuffer;JLjava/util/concurrent/TimeUnit;Ljava/lang/Object;"
                        + "Ljava/nio/channels/CompletionHandler;)Ljava/util/concurrent/Future;",
                "outbound bytes: the buffers' remaining, to remoteAddress, before implWrite may finish it on a pool thread",
                budgetDeny + " (the channel stays usable)", dev.agentguard.agent.hooks.net.AsyncWriteAdvice.class, 17, ANY);
        // sendfile: FileChannel.transferTo's direct path writes to the socket's descriptor without any write hook.
        // Only 17 and 25 are verified; the private method was renamed in between (a missing one refuses the JVM).
        row("sun.nio.ch.FileChannelImpl", "transferToDirectlyInternal",
                "(JILjava/nio/channels/WritableByteChannel;Ljava/io/FileDescriptor;)J",
                "outbound bytes: the count sent straight from the file to a socket or datagram channel's peer",
                budgetDeny, dev.agentguard.agent.hooks.net.SendfileAdvice.class, 17, 20);
        row("sun.nio.ch.FileChannelImpl", "transferToDirectInternal", "(JILjava/nio/channels/WritableByteChannel;)J",
                "outbound bytes: the count sent straight from the file to a socket channel's peer",
                budgetDeny, dev.agentguard.agent.hooks.net.SendfileAdvice.class, 21, ANY);
        // ---- the guard itself ---------------------------------------------------------------------------
        row("java.lang.reflect.AccessibleObject", "checkCanSetAccessible",
                "(Ljava/lang/Class;Ljava/lang/Class;Z)Z",
                "protected: setAccessible on a class of the guard", DENY_THROWS,
                dev.agentguard.agent.hooks.guard.SetAccessibleAdvice.class, 17, ANY);
        row("java.lang.invoke.MethodHandles", "privateLookupIn",
                "(Ljava/lang/Class;Ljava/lang/invoke/MethodHandles$Lookup;)Ljava/lang/invoke/MethodHandles$Lookup;",
                "protected: a private lookup into a class of the guard", DENY_THROWS,
                dev.agentguard.agent.hooks.guard.PrivateLookupAdvice.class, 17, ANY);
        row("sun.misc.Unsafe", "objectFieldOffset", "(Ljava/lang/reflect/Field;)J",
                "protected: Unsafe offsets of the guard's fields and the JDK state it protects", DENY_THROWS,
                dev.agentguard.agent.hooks.guard.UnsafeFieldAdvice.class, 17, ANY);
        row("sun.misc.Unsafe", "staticFieldOffset", "(Ljava/lang/reflect/Field;)J",
                "protected: Unsafe offsets of the guard's fields and the JDK state it protects", DENY_THROWS,
                dev.agentguard.agent.hooks.guard.UnsafeFieldAdvice.class, 17, ANY);
        row("sun.misc.Unsafe", "staticFieldBase", "(Ljava/lang/reflect/Field;)Ljava/lang/Object;",
                "protected: Unsafe bases of the guard's fields and the JDK state it protects", DENY_THROWS,
                dev.agentguard.agent.hooks.guard.UnsafeFieldAdvice.class, 17, ANY);
        // ---- native code ------------------------------------------------------------------------------
        row("java.lang.Runtime", "load0", "(Ljava/lang/Class;Ljava/lang/String;)V",
                "native.load for the library file", DENY_THROWS, LoadAdvice.class, 17, ANY);
        row("java.lang.Runtime", "loadLibrary0", "(Ljava/lang/Class;Ljava/lang/String;)V",
                "native.load for the library name", DENY_THROWS, LoadLibraryAdvice.class, 17, ANY);
        row("jdk.internal.reflect.Reflection", "ensureNativeAccess",
                "(Ljava/lang/Class;Ljava/lang/Class;Ljava/lang/String;Z)V",
                "native: a restricted method of the foreign-function API (no grant exists)", DENY_THROWS,
                dev.agentguard.agent.hooks.nativecode.ForeignAccessAdvice.class, 22, ANY);
        // ---- the guard's own threads --------------------------------------------------------------------
        // The killswitch watcher is an ordinary Thread that Thread.getAllStackTraces() hands to anyone.
        // stop works until 19 (20 throws UnsupportedOperationException), suspend until 18 (19 throws).
        String threadCheck = "protected: only on a thread of the guard (the killswitch watcher)";
        String threadDeny = DENY_THROWS + "; in both modes";
        Class<?> threadAdvice = dev.agentguard.agent.hooks.guard.GuardThreadAdvice.class;
        row("java.lang.Thread", "interrupt", "()V", threadCheck, threadDeny, threadAdvice, 17, ANY);
        row("java.lang.Thread", "stop", "()V", threadCheck, threadDeny, threadAdvice, 17, 19);
        row("java.lang.Thread", "suspend", "()V", threadCheck, threadDeny, threadAdvice, 17, 18);
        row("java.lang.Thread", "setPriority", "(I)V", threadCheck, threadDeny, threadAdvice, 17, ANY);
        row("java.lang.Thread", "setName", "(Ljava/lang/String;)V", threadCheck, threadDeny, threadAdvice, 17, ANY);
        row("java.lang.Thread", "setUncaughtExceptionHandler", "(Ljava/lang/Thread$UncaughtExceptionHandler;)V",
                threadCheck, threadDeny, threadAdvice, 17, ANY);
        // ---- other processes of the same user (ProcessHandle) ------------------------------------------
        // info before the signal row: in audit mode the denied signal action really ends the test's victim.
        row("java.lang.ProcessHandleImpl", "info", "()Ljava/lang/ProcessHandle$Info;",
                "process: the command line, arguments and user only of this JVM or its own descendants",
                "returns an Info with every field absent; recorded as a denial",
                dev.agentguard.agent.hooks.process.ProcessInfoAdvice.class, 17, ANY);
        row("java.lang.ProcessHandleImpl", "destroyProcess", "(Z)Z",
                "process: a signal (destroy, destroyForcibly; also Process.destroy) only to this JVM's own"
                        + " descendants, or to a process that has ended",
                DENY_THROWS + " (no signal is sent)", dev.agentguard.agent.hooks.process.ProcessSignalAdvice.class, 17, ANY);
        // ---- isReachable: ICMP echo, or a native TCP connect to port 7 ---------------------------------
        row("java.net.InetAddress", "isReachable", "(Ljava/net/NetworkInterface;II)Z",
                "network.connect for the address, port 7 (also isReachable(int))", DENY_THROWS + " (nothing is sent)",
                dev.agentguard.agent.hooks.net.ReachableAdvice.class, 17, ANY);
        // ---- WatchService: names created in a watched directory ----------------------------------------
        row("sun.nio.fs.UnixPath", "register",
                "(Ljava/nio/file/WatchService;[Ljava/nio/file/WatchEvent$Kind;[Ljava/nio/file/WatchEvent$Modifier;)Ljava/nio/file/WatchKey;",
                "files: read (list) the directory (every Path.register on the default file system)",
                DENY_THROWS + " (no watch key)", dev.agentguard.agent.hooks.nio.WatchRegisterAdvice.class, 17, ANY);
        // ---- name-resolver providers (the InetAddressResolver SPI, JDK 18+) ------------------------------
        row("java.net.InetAddress", "loadResolver", "()Ljava/net/spi/InetAddressResolver;",
                "network.resolver for the first InetAddressResolverProvider on the class path (loaded once per JVM)",
                "every lookup fails with UnknownHostException naming the refused provider (the JDK's built-in"
                        + " resolver when no decision could be made)",
                dev.agentguard.agent.hooks.net.ResolverLoadAdvice.class, 18, ANY);
        // ---- the JVM's own machinery (docs/design/jvm-machinery.md) ------------------------------------
        row("com.sun.management.internal.DiagnosticCommandImpl$Wrapper", "execute", "([Ljava/lang/String;)Ljava/lang/String;",
                "jvm.diagnostics: the in-process diagnostic command line (read-only commands only, and JVMTI.agent_load of"
                        + " a jvm.agents file; others denied in both modes)",
                DENY_THROWS, dev.agentguard.agent.hooks.jvm.DiagnosticCommandAdvice.class, 17, ANY);
        row("com.sun.management.internal.HotSpotDiagnostic", "dumpHeap", "(Ljava/lang/String;Z)V",
                "jvm.heap_dump, then files.write, for the dump path", DENY_THROWS,
                dev.agentguard.agent.hooks.jvm.HeapDumpAdvice.class, 17, ANY);
        row("com.sun.management.internal.HotSpotDiagnostic", "setVMOption", "(Ljava/lang/String;Ljava/lang/String;)V",
                "jvm: the heap-dump flags are never set (in both modes)", DENY_THROWS,
                dev.agentguard.agent.hooks.jvm.SetVMOptionAdvice.class, 17, ANY);
        row("jdk.jfr.internal.PlatformRecorder", "start", "(Ljdk/jfr/internal/PlatformRecording;)J",
                "jvm.jfr: a Flight Recorder recording starts", DENY_THROWS,
                dev.agentguard.agent.hooks.jvm.JfrStartAdvice.class, 17, ANY);
        row("jdk.jfr.internal.MetadataRepository", "setSettings", "(Ljava/util/List;Z)V",
                "jvm: the environment and process events are switched off in every recording's settings",
                "never denies: the settings are replaced by copies with those events off",
                dev.agentguard.agent.hooks.jvm.JfrSettingsAdvice.class, 17, ANY);
        row("sun.instrument.InstrumentationImpl", "loadClassAndCallAgentmain", "(Ljava/lang/String;Ljava/lang/String;)V",
                "protected: a Java agent loaded after start-up (attach, JVMTI.agent_load); only the Agent-Class of"
                        + " a jvm.agents jar whose JVMTI.agent_load was just allowed on this thread runs",
                DENY_THROWS + " (in both modes; agentmain never runs)",
                dev.agentguard.agent.hooks.jvm.LateAgentAdvice.class, 17, ANY);
        row("sun.instrument.InstrumentationImpl", "loadAgent", "(Ljava/lang/String;)V",
                "protected: a Launcher-Agent-Class in the application jar",
                DENY_THROWS + " (in both modes; the launcher stops before main)",
                dev.agentguard.agent.hooks.jvm.LauncherAgentAdvice.class, 17, ANY);
        row("sun.launcher.LauncherHelper", "addExportsOrOpens", "(Ljava/lang/String;Z)V",
                "protected: a java -jar manifest's Add-Opens or Add-Exports (applied after the guard started)",
                DENY_THROWS + " (in both modes; the launcher stops before main)",
                dev.agentguard.agent.hooks.jvm.JarOpensAdvice.class, 17, ANY);
    }

    private HookTable() {}

    private static void row(String className, String method, String descriptor, String check, String onDeny,
                            Class<?> advice, int fromJdk, int toJdk) {
        String simple = descriptor.substring(0, descriptor.indexOf(')') + 1);
        ROWS.add(new Hook(className + "#" + method + simple, className, method, descriptor, check, onDeny, advice,
                fromJdk, toJdk));
    }

    /** Every row, in table order. */
    public static List<Hook> rows() {
        return List.copyOf(ROWS);
    }

    /** The rows that apply to a JDK feature version. */
    public static List<Hook> rowsFor(int jdk) {
        List<Hook> out = new ArrayList<>();
        for (Hook hook : ROWS) {
            if (hook.appliesTo(jdk)) {
                out.add(hook);
            }
        }
        return out;
    }
}
