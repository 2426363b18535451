package dev.agentguard.agent.enforce;

/**
 * A granted program that is a JVM runs under the same guard: the guard puts its own {@code -javaagent} first
 * on the child's command line, with the same policy file, mode and audit log, its {@code ${workdir}} and its
 * pid as the parent ({@code workdir=}, {@code parent=}).
 *
 * <p>A program is a JVM when its real path is {@code HOME/bin/NAME} of a Java runtime image, that is when
 * {@code HOME/lib/modules} exists: {@code java} takes {@code -javaagent:...}, the JDK's other launchers
 * ({@code jshell}, {@code javac}, {@code jar}, ...) take {@code -J-javaagent:...}. A JVM run through a script
 * ({@code mvn}, {@code sh -c "java ..."}) is not recognised: its own start is not a {@code java} start.
 *
 * <p>The guard must be the first code to run in the child and see everything it does, so options that act
 * outside it are refused ({@link ChildJvmOptions}), and so is an {@code @argfile}, which the launcher reads
 * after the check. A rule with {@code guard: false} starts the child as written, unguarded.
 */
final class ChildJvms {
    private ChildJvms() {}

    /**
     * Why this JVM command cannot be started under the guard (an option that would run code the guard
     * does not see first), or null when it can.
     */
    static String refusal(String launcher, String[] argv) {
        boolean java = launcher.equals("java");
        for (int i = 1; i < argv.length; i++) {
            String arg = argv[i];
            if (arg == null || !java && !arg.startsWith("-J")) {
                continue;
            }
            String option = java ? arg : arg.substring(2);
            boolean valued = java ? takesValue(option) : ChildJvmOptions.opensPackages(option);
            String value = valued && i + 1 < argv.length && argv[i + 1] != null
                    ? (java ? argv[i + 1] : argv[i + 1].substring(argv[i + 1].startsWith("-J") ? 2 : 0)) : null;
            String why = ChildJvmOptions.refusal(option, value);
            if (why != null) {
                return why;
            }
            if (java && option.startsWith("@")) {
                return "the argument file " + option + " is read by the launcher after the check, so what it holds"
                        + " cannot be decided";
            }
            if (java && endsOptions(option)) {
                return null;
            }
            if (java && valued) {
                i++;
            }
        }
        return null;
    }

    /** The command with the guard's agent first. {@code agentArgs} is the text after {@code guard.jar=}. */
    static String[] guarded(String launcher, String[] argv, String guardJar, String agentArgs) {
        String[] out = new String[argv.length + 1];
        out[0] = argv[0];
        out[1] = (launcher.equals("java") ? "" : "-J") + "-javaagent:" + guardJar + "=" + agentArgs;
        System.arraycopy(argv, 1, out, 2, argv.length - 1);
        return out;
    }

    /** The main class, {@code -jar}, {@code -m} or a source file: what follows is the program's own. */
    private static boolean endsOptions(String arg) {
        return !arg.startsWith("-") || arg.equals("-jar") || arg.equals("-m") || arg.equals("--module")
                || arg.startsWith("--module=");
    }

    private static boolean takesValue(String arg) {
        switch (arg) {
            case "-cp":
            case "-classpath":
            case "--class-path":
            case "-p":
            case "--module-path":
            case "--upgrade-module-path":
            case "--add-modules":
            case "--limit-modules":
            case "--add-reads":
            case "--add-exports":
            case "--add-opens":
            case "--enable-native-access":
            case "--source":
            case "-d":
            case "--describe-module":
                return true;
            default:
                return false;
        }
    }
}
