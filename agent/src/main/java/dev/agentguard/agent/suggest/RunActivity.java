package dev.agentguard.agent.suggest;

import dev.agentguard.policy.PatternException;
import dev.agentguard.policy.net.IpAddresses;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What the audited run did, aggregated record by record into bounded sets: the paths it read and wrote,
 * the commands it started, the hosts, names, listen addresses and sockets it used, the environment
 * variables it read and the native libraries it loaded. Records of decision {@code allow} and
 * {@code would_deny} are things done; {@code deny} records were blocked and only go to {@link #notGranted}.
 * Whatever the JVM baseline granted is left out: every policy grants it.
 */
final class RunActivity {
    static final int MAX_PATHS = 200_000;
    static final int MAX_FOLDERS = 50_000;
    static final int MAX_ENTRIES = 10_000;

    /**
     * Environment variable names that look like they hold a credential (the redactor's words), except the
     * shell's current and previous directory ({@code PWD}, {@code OLDPWD}), which only look so.
     */
    private static final Pattern SECRET_NAME =
            Pattern.compile("(?i)(?!(OLD)?PWD$).*(token|key|secret|pass|pwd|auth|credential).*");

    final BoundedSet readPaths = new BoundedSet(MAX_PATHS);
    final BoundedSet writePaths = new BoundedSet(MAX_PATHS);
    /** Parents of paths that no longer fit in the path sets: granted as folders. */
    final BoundedSet readFolders = new BoundedSet(MAX_FOLDERS);
    final BoundedSet writeFolders = new BoundedSet(MAX_FOLDERS);
    final ArgvPatterns commands = new ArgvPatterns();
    final BoundedSet connect = new BoundedSet(MAX_ENTRIES);
    final BoundedSet resolve = new BoundedSet(MAX_ENTRIES);
    final BoundedSet listen = new BoundedSet(MAX_ENTRIES);
    final BoundedSet unixConnect = new BoundedSet(MAX_ENTRIES);
    final BoundedSet unixListen = new BoundedSet(MAX_ENTRIES);
    final BoundedSet reverseLookups = new BoundedSet(MAX_ENTRIES);
    final BoundedSet envNames = new BoundedSet(MAX_ENTRIES);
    /** Variables the application set for a child (process env records). */
    final BoundedSet childVariables = new BoundedSet(MAX_ENTRIES);
    /** Credential-like names that a whole-environment read would have hidden; see {@link #credentialsSeenWhole}. */
    private final BoundedSet hiddenCredentials = new BoundedSet(MAX_ENTRIES);
    /** Other names that whole-environment reads would have hidden; see {@link #listedOnly}. */
    private final BoundedSet listedOnly = new BoundedSet(MAX_ENTRIES);
    /** Credential-like names the program read by name ({@code getenv(name)}). */
    final BoundedSet credentialsReadByName = new BoundedSet(MAX_ENTRIES);
    final BoundedSet nativeLibraries = new BoundedSet(MAX_ENTRIES);
    final NotGranted notGranted = new NotGranted();
    final List<String> warnings = new ArrayList<>();

    private Map<String, String> start;
    private long runs;
    private long dropped;

    void accept(AuditEntry e) {
        if (e.category().equals("guard")) {
            if (e.op().equals("start")) {
                started(e);
            }
            return;
        }
        if (e.isDeny()) {
            notGranted.add("blocked in the run: " + e.describe());
            return;
        }
        if (!e.wasDone() || "baseline".equals(e.rule()) || e.target() == null) {
            return;
        }
        if (e.rule() != null && (e.rule().equals("protected") || e.rule().equals("undecidable")
                || e.rule().contains(".deny["))) {
            notGranted.add("a deny rule covers it: " + e.describe());
            return;
        }
        switch (e.category()) {
            case "file":
                file(e);
                break;
            case "process":
                process(e);
                break;
            case "network":
                network(e);
                break;
            case "env":
                env(e);
                break;
            case "native":
                if (e.op().equals("load")) {
                    keep(nativeLibraries, e.target());
                }
                break;
            default:
                // budget records repeat a call that has its own record; guard records are not grants
                break;
        }
    }

    /** The {@code details} of the first start record ({@code workdir}, {@code home}, {@code tmp}), or null. */
    Map<String, String> start() {
        return start;
    }

    long runs() {
        return runs;
    }

    private void started(AuditEntry e) {
        runs++;
        if (start == null) {
            start = e.start();
        } else if (!sameDirs(start, e.start())) {
            warnings.add("line " + e.line() + ": this run's workdir, home or tmp differs from the first run's;"
                    + " its paths are written with the first run's variables");
        }
    }

    private static boolean sameDirs(Map<String, String> a, Map<String, String> b) {
        for (String key : new String[] {"workdir", "home", "tmp"}) {
            if (!String.valueOf(a.get(key)).equals(String.valueOf(b.get(key)))) {
                return false;
            }
        }
        return true;
    }

    private void file(AuditEntry e) {
        // The program's own /proc entries by its pid are its /proc/self entries: the pid changes every run.
        String path = ProcPaths.isProc(e.target()) ? ProcPaths.asSelf(e.target(), e.pid()) : e.target();
        if (!path.startsWith("/")) {
            notGranted.add("not an absolute path: " + e.describe());
            return;
        }
        FileOps.Access access = FileOps.access(e);
        if (access == null) {
            notGranted.add("unknown file operation '" + e.op() + "', not granted: " + e.describe());
            return;
        }
        add(access, path);
        if (e.op().equals("mkdir")) {
            // Files.createDirectories on a folder that is already there (left by this run, on the next one)
            // reads its attributes instead of creating it: a read this run never made, granted with the write.
            add(FileOps.Access.READ, path);
        }
    }

    private void add(FileOps.Access access, String path) {
        BoundedSet paths = access == FileOps.Access.READ ? readPaths : writePaths;
        if (!paths.add(path)) {
            String parent = Generaliser.parent(path);
            if (parent == null || !(access == FileOps.Access.READ ? readFolders : writeFolders).add(parent)) {
                dropped++;
            }
        }
    }

    private void process(AuditEntry e) {
        if (e.op().equals("env")) {
            // "NAME for COMMAND": a variable the application set for a child.
            int at = e.target().indexOf(" for ");
            keep(childVariables, at > 0 ? e.target().substring(0, at) : e.target());
            return;
        }
        if (!e.op().equals("exec")) {
            return;
        }
        List<String> argv = e.argv() != null ? e.argv() : splitCommand(e.target());
        commands.add(argv);
    }

    /** An older record without {@code details.argv}, or one that held a secret: split on spaces. */
    private static List<String> splitCommand(String command) {
        List<String> argv = new ArrayList<>(Arrays.asList(command.split(" ", -1)));
        return argv;
    }

    private void network(AuditEntry e) {
        String target = e.target();
        switch (e.op()) {
            case "connect":
            case "send":
            case "reachable":
                // isReachable is decided as a connect to port 7 (the JDK's echo fallback).
                keepHost(connect, e, byName(hostAndPort(target), e.names()));
                break;
            case "resolver":
                notGranted.add("the name-resolver provider " + target + " answered lookups: grant it by hand in"
                        + " network.resolver only if you trust it to say where granted names lead: " + e.describe());
                break;
            case "resolve":
                keep(resolve, target);
                break;
            case "listen":
                keep(listen, listenEntry(hostAndPort(target)));
                break;
            case "connect-unix":
                keep(unixConnect, unixPath(target));
                break;
            case "listen-unix":
                keep(unixListen, unixPath(target));
                break;
            case "resolve-reverse":
                keep(reverseLookups, target);
                break;
            default:
                notGranted.add("unknown network operation '" + e.op() + "', not granted: " + e.describe());
        }
    }

    /**
     * {@code name:443 (1.2.3.4)} → {@code name:443}; {@code 1.2.3.4:443} and {@code [::1]:443} stay. An IPv6
     * address is written as a policy writes it: without a zone id ({@code [fe80::1%eth0]:80}, which older
     * guards recorded and no policy entry can hold) and in its short form.
     */
    static String hostAndPort(String target) {
        int space = target.indexOf(" (");
        String hostPort = space < 0 ? target : target.substring(0, space);
        int close = hostPort.indexOf(']');
        if (!hostPort.startsWith("[") || close < 0) {
            return hostPort;
        }
        String address = hostPort.substring(1, close);
        int zone = address.indexOf('%');
        try {
            byte[] bytes = IpAddresses.parse(zone < 0 ? address : address.substring(0, zone));
            String text = IpAddresses.format(bytes);
            return (bytes.length == 16 ? "[" + text + "]" : text) + hostPort.substring(close + 1);
        } catch (PatternException e) {
            return hostPort;
        }
    }

    /**
     * {@code 1.2.3.4:443} as {@code name:443} when the record says the address came from a lookup of
     * {@code name} ({@code details.names} of a denied connect): a name grant outlives the address.
     */
    static String byName(String hostPort, List<String> names) {
        if (names == null || names.isEmpty() || names.get(0).isEmpty() || names.get(0).contains("[REDACTED]")) {
            return hostPort;
        }
        int colon = hostPort.lastIndexOf(':');
        return colon < 0 ? hostPort : names.get(0) + hostPort.substring(colon);
    }

    /** Port 0 (let the system choose) is granted only by {@code *} (see ListenEntry). */
    static String listenEntry(String target) {
        return target.endsWith(":0") ? target.substring(0, target.length() - 2) + ":*" : target;
    }

    private static String unixPath(String target) {
        return target.startsWith("unix:") ? target.substring("unix:".length()) : target;
    }

    private void keepHost(BoundedSet set, AuditEntry e, String hostPort) {
        String host = hostPort.startsWith("[") ? hostPort.substring(1, Math.max(1, hostPort.indexOf(']')))
                : hostPort.substring(0, Math.max(0, hostPort.lastIndexOf(':')));
        if (isMetadataOrLinkLocal(host)) {
            notGranted.add("a link-local or cloud metadata address (grant it by hand if you mean it): "
                    + e.describe());
            return;
        }
        keep(set, hostPort);
    }

    private static boolean isMetadataOrLinkLocal(String host) {
        String h = host.toLowerCase(java.util.Locale.ROOT);
        return h.startsWith("169.254.") || h.equals("100.100.100.200") || h.startsWith("fe8") || h.startsWith("fe9")
                || h.startsWith("fea") || h.startsWith("feb") || h.equals("fd00:ec2:0:0:0:0:0:254")
                || h.equals("fd00:ec2::254");
    }

    private void env(AuditEntry e) {
        if (e.op().equals("read")) {
            keep(envNames, e.target());
            if (SECRET_NAME.matcher(e.target()).matches()) {
                keep(credentialsReadByName, e.target());
            }
        } else if (e.op().equals("read-all") && e.names() != null) {
            // A whole-environment read (System.getenv(), a child's inherited environment) names the variables
            // it passed (allow: the audited run's policy granted them) or would have hidden (would_deny). A
            // hidden one was listed, not used: a lookup of it by name, in the map too, is its own read record.
            // It is not granted; the end of the log decides whether it is named as a credential or counted.
            for (String name : e.names()) {
                if ("allow".equals(e.decision())) {
                    keep(envNames, name);
                } else if (SECRET_NAME.matcher(name).matches()) {
                    keep(hiddenCredentials, name);
                } else {
                    keep(listedOnly, name);
                }
            }
        }
    }

    private void keep(BoundedSet set, String value) {
        if (!set.add(value)) {
            dropped++;
        }
    }

    /**
     * Credential-like names that whole-environment reads would have hidden and that the program never read
     * by name: not granted, and listed. Call once the whole log is read.
     */
    List<String> credentialsSeenWhole() {
        return sortedWithout(hiddenCredentials, credentialsReadByName);
    }

    /**
     * Names that whole-environment reads would have hidden, that do not look like credentials, and that the
     * program never looked up by name: listed, not used, so not granted. Call once the whole log is read.
     */
    List<String> listedOnly() {
        return sortedWithout(listedOnly, envNames);
    }

    /** The values of {@code names} that {@code used} does not hold, sorted. */
    private static List<String> sortedWithout(BoundedSet names, BoundedSet used) {
        List<String> out = new ArrayList<>();
        for (String name : new java.util.TreeSet<>(names.values())) {
            if (!used.contains(name)) {
                out.add(name);
            }
        }
        return out;
    }

    /** Things done that did not fit in the bounded sets and are missing from the suggestion. */
    long dropped() {
        return dropped;
    }
}
