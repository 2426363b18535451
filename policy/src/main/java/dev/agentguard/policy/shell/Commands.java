package dev.agentguard.policy.shell;

import java.util.Set;

/** What the shell does with a command name before it looks for a program: builtins, and programs that run programs. */
final class Commands {
    /**
     * Builtins a decomposed script may use. They run inside the shell and start nothing; their only
     * effects are output (through redirections, which are decided), the exit status, and for {@code cd}
     * the directory (which is followed).
     */
    static final Set<String> DECIDED_BUILTINS = Set.of("cd", ":", "true", "false", "echo", "printf", "pwd", "test",
            "[", "exit");

    /**
     * Builtins of sh, dash and bash that are refused: they run code ({@code eval}, {@code .},
     * {@code source}, {@code exec}, {@code command}, {@code builtin}, {@code trap}, {@code alias}), change the
     * shell's variables or options, read input, or act on other processes.
     */
    static final Set<String> REFUSED_BUILTINS = Set.of("alias", "bg", "bind", "break", "builtin", "caller",
            "command", "compgen", "complete", "compopt", "continue", "declare", "dirs", "disown", "enable", "eval",
            "exec", "export", "fc", "fg", "getopts", "hash", "help", "history", "jobs", "kill", "let", "local",
            "logout", "mapfile", "popd", "pushd", "read", "readarray", "readonly", "return", "set", "shift",
            "shopt", "source", "suspend", "times", "trap", "type", "typeset", "ulimit", "umask", "unalias",
            "unset", "wait", ".", "chdir");

    /**
     * Programs whose purpose is to run another program, named in their arguments or read from input.
     * Inside a decomposed script they are refused: grant the program directly instead.
     */
    static final Set<String> WRAPPERS = Set.of("env", "xargs", "nohup", "nice", "timeout", "time", "stdbuf",
            "setsid", "sudo", "doas", "su", "runuser", "chroot", "ionice", "chrt", "taskset", "flock", "watch",
            "strace", "ltrace", "script", "unbuffer", "parallel", "setpriv", "unshare", "nsenter", "fakeroot",
            "busybox", "catchsegv", "valgrind", "gdb", "expect", "ssh-agent", "dbus-launch", "systemd-run",
            "start-stop-daemon", "daemonize", "cgexec", "firejail", "bwrap", "proot", "torsocks", "proxychains",
            "proxychains4", "faketime", "eatmydata", "numactl", "prlimit", "caffeinate", "pkexec");

    /** {@code find} actions that run a program per file found. */
    private static final Set<String> FIND_RUNS = Set.of("-exec", "-execdir", "-ok", "-okdir");

    private Commands() {
    }

    /** The file name of a path: {@code /usr/bin/env} → {@code env}. */
    static String fileName(String path) {
        return path == null ? null : path.substring(path.lastIndexOf('/') + 1);
    }

    /** Why this command runs another program, or null when it does not (as far as the guard knows). */
    static String runsAnother(String[] argv, String resolved) {
        String written = fileName(argv[0]);
        String real = fileName(resolved);
        if (WRAPPERS.contains(written) || (real != null && WRAPPERS.contains(real))) {
            return "'" + written + "' runs another program";
        }
        if ("find".equals(written) || "find".equals(real)) {
            for (int k = 1; k < argv.length; k++) {
                if (FIND_RUNS.contains(argv[k])) {
                    return "'find " + argv[k] + "' runs another program";
                }
            }
        }
        return null;
    }
}
