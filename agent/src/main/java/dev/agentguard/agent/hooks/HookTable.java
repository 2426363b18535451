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

    private static final List<Hook> ROWS = new ArrayList<>();

    static {
        // ---- files: java.io ---------------------------------------------------------------------------
        row("java.io.FileInputStream", "open", "(Ljava/lang/String;)V",
                "files: read the path", DENY_THROWS, FileInputStreamOpenAdvice.class, 17, ANY);
        row("java.io.FileOutputStream", "open", "(Ljava/lang/String;Z)V",
                "files: write the path (create, truncate or append)", DENY_THROWS,
                FileOutputStreamOpenAdvice.class, 17, ANY);
        row("java.io.RandomAccessFile", "open", "(Ljava/lang/String;I)V",
                "files: read (mode r) or write (rw, rws, rwd) the path; also ZipFile/JarFile", DENY_THROWS,
                RandomAccessFileOpenAdvice.class, 17, ANY);
        row("java.io.FileInputStream", "<init>", "(Ljava/io/FileDescriptor;)V",
                "files: only a descriptor a guarded open produced (or stdin/out/err); also FileReader(FileDescriptor)",
                DENY_THROWS, dev.agentguard.agent.hooks.file.FileDescriptorStreamAdvice.class, 17, ANY);
        row("java.io.FileOutputStream", "<init>", "(Ljava/io/FileDescriptor;)V",
                "files: only a descriptor a guarded open produced (or stdin/out/err); also FileWriter(FileDescriptor)",
                DENY_THROWS, dev.agentguard.agent.hooks.file.FileDescriptorStreamAdvice.class, 17, ANY);
        row("java.lang.ProcessImpl", "newFileDescriptor", "(I)Ljava/io/FileDescriptor;",
                "none: records a started child's pipe descriptors as guarded opens, so its streams may be opened",
                "never denies (the start itself is checked by ProcessImpl.start)",
                dev.agentguard.agent.hooks.file.ProcessPipeDescriptorAdvice.class, 17, ANY);
        row("java.lang.ProcessBuilder$RedirectPipeImpl", "<init>", "()V",
                "none: records the descriptor of a pipe between pipeline stages as a guarded open",
                "never denies (each stage's start is checked)",
                dev.agentguard.agent.hooks.file.PipelineDescriptorAdvice.class, 17, ANY);
        // ---- files: java.io.File (metadata) ------------------------------------------------------------
        row("java.io.File", "canRead", "()Z", "files: read the path (the path field)",
                DENY_THROWS, dev.agentguard.agent.hooks.file.FileQueryAdvice.class, 17, ANY);
        row("java.io.File", "canWrite", "()Z", "files: read the path (the path field)",
                DENY_THROWS, dev.agentguard.agent.hooks.file.FileQueryAdvice.class, 17, ANY);
        row("java.io.File", "canExecute", "()Z", "files: read the path (the path field)",
                DENY_THROWS, dev.agentguard.agent.hooks.file.FileQueryAdvice.class, 17, ANY);
        row("java.io.File", "exists", "()Z", "files: read the path (the path field)",
                DENY_THROWS, dev.agentguard.agent.hooks.file.FileQueryAdvice.class, 17, ANY);
        row("java.io.File", "isDirectory", "()Z", "files: read the path (the path field)",
                DENY_THROWS, dev.agentguard.agent.hooks.file.FileQueryAdvice.class, 17, ANY);
        row("java.io.File", "isFile", "()Z", "files: read the path (the path field)",
                DENY_THROWS, dev.agentguard.agent.hooks.file.FileQueryAdvice.class, 17, ANY);
        row("java.io.File", "isHidden", "()Z", "files: read the path (the path field)",
                DENY_THROWS, dev.agentguard.agent.hooks.file.FileQueryAdvice.class, 17, ANY);
        row("java.io.File", "lastModified", "()J", "files: read the path (the path field)",
                DENY_THROWS, dev.agentguard.agent.hooks.file.FileQueryAdvice.class, 17, ANY);
        row("java.io.File", "length", "()J", "files: read the path (the path field)",
                DENY_THROWS, dev.agentguard.agent.hooks.file.FileQueryAdvice.class, 17, ANY);
        row("java.io.File", "getTotalSpace", "()J", "files: read the path (the path field)",
                DENY_THROWS, dev.agentguard.agent.hooks.file.FileQueryAdvice.class, 17, ANY);
        row("java.io.File", "getFreeSpace", "()J", "files: read the path (the path field)",
                DENY_THROWS, dev.agentguard.agent.hooks.file.FileQueryAdvice.class, 17, ANY);
        row("java.io.File", "getUsableSpace", "()J", "files: read the path (the path field)",
                DENY_THROWS, dev.agentguard.agent.hooks.file.FileQueryAdvice.class, 17, ANY);
        row("java.io.File", "getCanonicalPath", "()Ljava/lang/String;", "files: read getPath() (also getCanonicalFile, mkdirs)",
                DENY_THROWS, dev.agentguard.agent.hooks.file.FileCanonicalPathAdvice.class, 17, ANY);
        row("java.io.File", "normalizedList", "()[Ljava/lang/String;", "files: read the directory (list, listFiles)",
                DENY_THROWS, dev.agentguard.agent.hooks.file.FileListAdvice.class, 17, ANY);
        row("java.io.File", "createNewFile", "()Z", "files: write the path",
                DENY_THROWS, dev.agentguard.agent.hooks.file.FileWriteAdvice.class, 17, ANY);
        row("java.io.File", "mkdir", "()Z", "files: write the path (also mkdirs)",
                DENY_THROWS, dev.agentguard.agent.hooks.file.FileWriteAdvice.class, 17, ANY);
        row("java.io.File", "setLastModified", "(J)Z", "files: write the path",
                DENY_THROWS, dev.agentguard.agent.hooks.file.FileWriteAdvice.class, 17, ANY);
        row("java.io.File", "setReadOnly", "()Z", "files: write the path",
                DENY_THROWS, dev.agentguard.agent.hooks.file.FileWriteAdvice.class, 17, ANY);
        row("java.io.File", "setWritable", "(ZZ)Z", "files: write the path (also the 1-argument form)",
                DENY_THROWS, dev.agentguard.agent.hooks.file.FileWriteAdvice.class, 17, ANY);
        row("java.io.File", "setReadable", "(ZZ)Z", "files: write the path (also the 1-argument form)",
                DENY_THROWS, dev.agentguard.agent.hooks.file.FileWriteAdvice.class, 17, ANY);
        row("java.io.File", "setExecutable", "(ZZ)Z", "files: write the path (also the 1-argument form)",
                DENY_THROWS, dev.agentguard.agent.hooks.file.FileWriteAdvice.class, 17, ANY);
        row("java.io.File", "delete", "()Z", "files: write the path, not following a last link",
                DENY_THROWS, dev.agentguard.agent.hooks.file.FileDeleteAdvice.class, 17, ANY);
        row("java.io.File", "deleteOnExit", "()V", "files: write the path, not following a last link, when registered",
                DENY_THROWS + " (the file is not registered)", dev.agentguard.agent.hooks.file.FileDeleteAdvice.class, 17, ANY);
        row("java.io.File", "renameTo", "(Ljava/io/File;)Z", "files: write both paths, not following last links",
                DENY_THROWS, dev.agentguard.agent.hooks.file.FileRenameAdvice.class, 17, ANY);
        row("java.io.File$TempDirectory", "generateFile", "(Ljava/lang/String;Ljava/lang/String;Ljava/io/File;)Ljava/io/File;",
                "files: write the exact temp file createTempFile is about to create (in the tmpdir the JDK captured)",
                DENY_THROWS + " (from createTempFile, before the file is created)", dev.agentguard.agent.hooks.file.TempFileAdvice.class, 17, ANY);
        // ---- files: NIO default provider ---------------------------------------------------------------
        // ---- processes --------------------------------------------------------------------------------
        row("java.lang.ProcessImpl", "start",
                "([Ljava/lang/String;Ljava/util/Map;Ljava/lang/String;[Ljava/lang/ProcessBuilder$Redirect;Z)Ljava/lang/Process;",
                "process.exec for the argv and the program it resolves to; the child environment is filtered",
                DENY_THROWS + " (no child exists)", ProcessImplStartAdvice.class, 17, ANY);
        row("java.lang.ProcessBuilder", "startPipeline", "(Ljava/util/List;)Ljava/util/List;",
                "process.exec for every stage before the first starts", DENY_THROWS + " (no child exists)",
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
        // ---- native code ------------------------------------------------------------------------------
        row("java.lang.Runtime", "load0", "(Ljava/lang/Class;Ljava/lang/String;)V",
                "native.load for the library file", DENY_THROWS, LoadAdvice.class, 17, ANY);
        row("java.lang.Runtime", "loadLibrary0", "(Ljava/lang/Class;Ljava/lang/String;)V",
                "native.load for the library name", DENY_THROWS, LoadLibraryAdvice.class, 17, ANY);
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
