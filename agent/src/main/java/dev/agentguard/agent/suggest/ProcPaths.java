package dev.agentguard.agent.suggest;

/**
 * Paths under {@code /proc}. The audit log names the audited JVM's own entries as
 * {@code /proc/self/...}, or by its pid when the program wrote the number itself; {@link RunActivity}
 * turns the latter into {@code /proc/self/...} using the record's pid, so that only
 * {@code /proc/self} names the program itself and any other number is another process.
 */
final class ProcPaths {
    private ProcPaths() {}

    static boolean isProc(String path) {
        return path.equals("/proc") || path.startsWith("/proc/");
    }

    /**
     * {@code /proc/PID/rest} of the process {@code pid} as {@code /proc/self/rest}; any other path as it is.
     */
    static String asSelf(String path, long pid) {
        if (pid <= 0) {
            return path;
        }
        String own = "/proc/" + pid;
        if (path.equals(own)) {
            return "/proc/self";
        }
        return path.startsWith(own + "/") ? "/proc/self" + path.substring(own.length()) : path;
    }

    /** The part after {@code /proc/self} ({@code ""} or {@code /status}), or null for another /proc path. */
    static String ownRest(String path) {
        if (path.equals("/proc/self")) {
            return "";
        }
        return path.startsWith("/proc/self/") ? path.substring("/proc/self".length()) : null;
    }
}
