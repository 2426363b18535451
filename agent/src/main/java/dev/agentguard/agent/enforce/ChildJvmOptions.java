package dev.agentguard.agent.enforce;

import java.util.Set;

/**
 * The options of a guarded child JVM that would act outside its guard, which the parent refuses: the guard in
 * the child sees the child's Java code, from its {@code premain} on, and nothing else. So it refuses options
 * that
 * <ul>
 *   <li>load code before or beside the guard: native and other Java agents, the boot class path,
 *       {@code --patch-module}, a system class loader or (JDK 17) a security manager class, both made
 *       before any {@code premain}; option files read after the check;</li>
 *   <li>make HotSpot run a command itself ({@code -XX:OnError}, {@code -XX:OnOutOfMemoryError}, through
 *       {@code /bin/sh}, never through {@code ProcessImpl});</li>
 *   <li>make HotSpot read or write a file itself (unified logging to a file, heap dumps, error and log
 *       files, class-data and AOT archives, flight recordings): native I/O that no hook sees. Every
 *       {@code -XX} option whose name ends in {@code File}, {@code Path} or {@code Dir} is one;</li>
 *   <li>open the JDK's own classes to the application ({@code --add-opens} and {@code --add-exports} of
 *       {@code java.base}), which lets it reach the JDK's internals below the hooked methods (the
 *       {@code ProcessImpl} constructor, a file's native open);</li>
 *   <li>turn off bytecode verification, which lets crafted classes break the type safety the guard relies on;</li>
 *   <li>move the directories the child's policy is read with: {@code user.home} ({@code ${home}}),
 *       {@code java.io.tmpdir} ({@code ${tmp}}) and {@code user.dir}, against which the child's guard resolves
 *       relative names while {@code java.io} opens them in the real working directory.</li>
 * </ul>
 */
final class ChildJvmOptions {
    private ChildJvmOptions() {}

    private static final String[] CODE_PREFIXES = {
        "-agentpath:", "-agentlib:", "-Xrun", "-javaagent:", "-Xbootclasspath", "--patch-module",
    };

    /** {@code -XX} names (after {@code +}/{@code -}, before {@code =} or {@code :}) refused whatever their value. */
    private static final Set<String> XX_NAMES = Set.of(
            // code or options read after the check
            "Flags", "VMOptionsFile", "EnableDynamicAgentLoading", "BytecodeVerificationRemote",
            "BytecodeVerificationLocal",
            // commands run by HotSpot
            "OnError", "OnOutOfMemoryError",
            // files HotSpot writes
            "HeapDumpOnOutOfMemoryError", "HeapDumpBeforeFullGC", "HeapDumpAfterFullGC", "ArchiveClassesAtExit",
            "AutoCreateSharedArchive", "DumpLoadedClassList", "DumpSharedSpaces", "StartFlightRecording",
            "FlightRecorderOptions", "PerfDataSaveToFile", "LogVMOutput", "LogCompilation", "AOTCache",
            "AOTCacheOutput", "AOTConfiguration");

    private static final String[] XX_FILE_SUFFIXES = {"File", "Path", "Dir", "Directory"};

    /** Launcher options whose value names a module's packages to open or export. */
    static boolean opensPackages(String option) {
        return option.equals("--add-opens") || option.equals("--add-exports");
    }

    /**
     * Why the child JVM option {@code option} acts outside the child's guard, or null when it does not.
     * {@code value} is the next argument for an option that takes one ({@code --add-opens X}), else null.
     */
    static String refusal(String option, String value) {
        for (String refused : CODE_PREFIXES) {
            if (option.startsWith(refused)) {
                return "the option " + refused + " would load code in the child JVM before or beside the guard";
            }
        }
        if (option.startsWith("-XX:")) {
            return xx(option);
        }
        if (option.startsWith("-D")) {
            return systemProperty(option);
        }
        if (option.startsWith("-Xlog:") && logsToFile(option.substring(6)) || option.startsWith("-Xloggc:")) {
            return "the option " + option.substring(0, option.indexOf(':')) + " with a file makes the child JVM write"
                    + " that file itself, where no check of the guard sees it";
        }
        if (option.equals("-Xshare:dump") || option.startsWith("-Xverify:none")) {
            return "the option " + option + " writes a class-data archive or turns off bytecode verification";
        }
        String opened = opensPackages(option) ? value
                : option.startsWith("--add-opens=") || option.startsWith("--add-exports=")
                ? option.substring(option.indexOf('=') + 1) : null;
        if (opened != null && opened.startsWith("java.base/")) {
            return "the option " + (opensPackages(option) ? option : option.substring(0, option.indexOf('=')))
                    + " opens the JDK's own classes (java.base) to the application, below the guard's checks";
        }
        return null;
    }

    private static String xx(String option) {
        int start = 4;
        if (option.length() > start && (option.charAt(start) == '+' || option.charAt(start) == '-')) {
            start++;
        }
        int end = start;
        while (end < option.length() && option.charAt(end) != '=' && option.charAt(end) != ':') {
            end++;
        }
        String name = option.substring(start, end);
        boolean file = false;
        for (String suffix : XX_FILE_SUFFIXES) {
            file |= name.endsWith(suffix);
        }
        if (!file && !XX_NAMES.contains(name)) {
            return null;
        }
        return "the option -XX:" + name + " makes the child JVM run a command, load code or read or write a file"
                + " itself, where no check of the guard sees it";
    }

    private static String systemProperty(String option) {
        int eq = option.indexOf('=');
        String name = option.substring(2, eq < 0 ? option.length() : eq);
        String value = eq < 0 ? "" : option.substring(eq + 1);
        boolean refused = name.equals("java.system.class.loader") || name.equals("jdk.attach.allowAttachSelf")
                || name.equals("java.security.manager") && !(value.isEmpty() || value.equals("allow")
                        || value.equals("disallow") || value.equals("default"));
        if (refused) {
            return "the option -D" + name + " would load code in the child JVM before or beside the guard";
        }
        if (name.equals("user.dir") || name.equals("user.home") || name.equals("java.io.tmpdir")) {
            return "the option -D" + name + " moves a directory the child's policy is read with (${workdir}, ${home},"
                    + " ${tmp}, relative paths), so the child's grants would not be this policy's";
        }
        return null;
    }

    /** {@code -Xlog:WHAT:OUTPUT:...}: whether OUTPUT is anything but the console. */
    private static boolean logsToFile(String spec) {
        String[] fields = spec.split(":", -1);
        if (fields.length < 2) {
            return false;
        }
        String output = fields[1];
        return !(output.isEmpty() || output.equals("stdout") || output.equals("stderr"));
    }
}
