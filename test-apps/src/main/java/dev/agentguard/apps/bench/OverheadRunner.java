package dev.agentguard.apps.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The overhead benchmark (issue 6): every workload of {@link Workloads} in a child JVM without an agent, under
 * guard.jar in enforce and in audit mode, and on JDK 17 under the Security Manager; and the start-up time of
 * {@link Hello} with and without the guard. Runs are interleaved (round by round, the setups one after another
 * in an order that rotates each round, each setup's JVM running every workload) so that the load of a shared
 * machine falls on every setup alike. Writes docs/benchmarks/overhead.md (between its result markers) and overhead.csv.
 *
 * <p>Arguments: {@code --repo DIR --jdk17 HOME --jdk25 HOME [--rounds N] [--starts N] [--command TEXT]}.
 * Run it through {@code bench/run-overhead.sh}.
 */
public final class OverheadRunner {
    /** The key, among a JVM's results, of the milliseconds until its JIT compilers were quiet ({@link JitSettle}). */
    static final String JIT_QUIET = "jit-quiet";
    /** The prefix, among a JVM's results, of a workload's thread CPU time per operation. */
    static final String CPU = "cpu:";

    private OverheadRunner() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        Path repo = Path.of(options.getOrDefault("--repo", ".")).toAbsolutePath().normalize();
        int rounds = Integer.parseInt(options.getOrDefault("--rounds", "3"));
        int starts = Integer.parseInt(options.getOrDefault("--starts", "10"));
        String command = options.getOrDefault("--command", "bench/run-overhead.sh");
        // --only a,b: measure these workloads only, with and without the guard in enforce mode (no audit, no Security
        // Manager, no start-up), print the results; write them to docs/benchmarks/<--doc>.md and .csv when given
        List<Workload> workloads = selected(options.get("--only"), Workload.all());
        List<Workload> early = selected(options.get("--only"), Workload.early());
        boolean partial = options.containsKey("--only");
        long earlyMillis = Long.parseLong(options.getOrDefault("--early-ms", "1000"));
        JvmSetup.Jdk jdk17 = jdk(17, options.get("--jdk17"));
        JvmSetup.Jdk jdk25 = jdk(25, options.get("--jdk25"));

        Path guardJar = require(repo.resolve("agent/target/guard.jar"));
        Path appJar = require(repo.resolve("test-apps/target/sample-agent.jar"));
        Path policy = require(repo.resolve("bench/policy.yaml"));
        Path javaPolicy = require(repo.resolve("bench/equivalent.policy"));
        Path workDir = Files.createTempDirectory("agentguard-overhead-").toRealPath();
        makeData(workDir);

        Instant began = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String loadAtStart = Machine.loadAverage();
        List<JvmSetup> setups = partial ? List.of(JvmSetup.none(jdk17),
                JvmSetup.guard(jdk17, "enforce", guardJar, policy, workDir), JvmSetup.none(jdk25),
                JvmSetup.guard(jdk25, "enforce", guardJar, policy, workDir)) : List.of(
                JvmSetup.none(jdk17), JvmSetup.guard(jdk17, "enforce", guardJar, policy, workDir),
                JvmSetup.guard(jdk17, "audit", guardJar, policy, workDir),
                JvmSetup.securityManager(jdk17, javaPolicy, workDir),
                // Audit mode runs on JDK 17 only: a guarded JVM takes seconds to start on this machine, and
                // the whole run must stay under 10 minutes.
                JvmSetup.none(jdk25), JvmSetup.guard(jdk25, "enforce", guardJar, policy, workDir));

        Results results = new Results();
        for (int round = 0; round < (workloads.isEmpty() ? 0 : rounds); round++) {
            for (int i = 0; i < setups.size(); i++) {
                JvmSetup setup = setups.get((i + round * 2) % setups.size());
                for (Map.Entry<String, Long> result : runWorkloads(setup, appJar, workDir, workloads).entrySet()) {
                    if (result.getKey().equals(JIT_QUIET)) {
                        results.jitQuiet(setup.key(), result.getValue());
                        continue;
                    }
                    if (result.getKey().startsWith(CPU)) {
                        results.cpu(result.getKey().substring(CPU.length()), setup.key(), result.getValue());
                        continue;
                    }
                    results.workload(result.getKey(), setup.key(), result.getValue());
                    System.err.printf("round %d/%d  %-28s %-9s %,12d ns/op%n", round + 1, rounds, setup.key(),
                            result.getKey(), result.getValue());
                }
            }
        }

        List<JvmSetup> startSetups = List.of(JvmSetup.none(jdk17),
                JvmSetup.guard(jdk17, "enforce", guardJar, policy, workDir), JvmSetup.none(jdk25),
                JvmSetup.guard(jdk25, "enforce", guardJar, policy, workDir));
        // Early life: one fresh JVM per workload and setup, interleaved like the rounds above.
        for (int round = 0; round < rounds; round++) {
            for (Workload workload : early) {
                for (int i = 0; i < startSetups.size(); i++) {
                    JvmSetup setup = startSetups.get((i + round) % startSetups.size());
                    ChildJvm.Outcome outcome = ChildJvm.run(setup, appJar, workDir, List.of(), Workloads.class.getName(),
                            Workloads.EARLY, workload.name(), Long.toString(earlyMillis));
                    ChildJvm.requireClean(setup, outcome, "early " + workload.name());
                    String[] fields = result(outcome, workload.name(), setup);
                    long nsPerOp = Long.parseLong(fields[2]);
                    results.early(workload.name(), setup.key(), nsPerOp);
                    results.earlyCpu(workload.name(), setup.key(), Long.parseLong(fields[3]));
                    System.err.printf("early %d/%d  %-28s %-16s %,12d ns/op%n", round + 1, rounds, setup.key(),
                            workload.name(), nsPerOp);
                }
            }
        }
        if (partial && List.of(options.get("--only").split(",")).contains(STARTUP_ONLY)) {
            // --only startup: the hello-world start-up figure alone, interleaved as in the full run, printed.
            for (int start = 0; start < starts; start++) {
                for (int i = 0; i < startSetups.size(); i++) {
                    JvmSetup setup = startSetups.get((i + start) % startSetups.size());
                    ChildJvm.Outcome outcome = ChildJvm.run(setup, appJar, workDir, List.of(), Hello.class.getName());
                    ChildJvm.requireClean(setup, outcome, "hello-world start");
                    results.startup(setup.key(), outcome.elapsedNanos());
                }
            }
            System.out.printf("start-up, hello world, median of %d starts (load %s -> %s)%n", starts, loadAtStart,
                    Machine.loadAverage());
            for (int i = 0; i < startSetups.size(); i += 2) {
                double none = Results.median(results.startups.get(startSetups.get(i).key())) / 1e6;
                double guard = Results.median(results.startups.get(startSetups.get(i + 1).key())) / 1e6;
                System.out.printf("JDK %d: no agent %.0f ms, guard %.0f ms, added %+.0f ms%n",
                        startSetups.get(i).jdk().feature(), none, guard, guard - none);
            }
            deleteTree(workDir);
            return;
        }
        if (partial) {
            OverheadReport report = new OverheadReport(results, setups, List.of(jdk17, jdk25), rounds, 0,
                    new OverheadReport.RunFacts(command, began, Instant.now().truncatedTo(ChronoUnit.SECONDS),
                            loadAtStart, Machine.loadAverage(), Map.of()), workloads, early, earlyMillis);
            String doc = options.get("--doc");
            if (doc != null) {
                Path out = repo.resolve("docs/benchmarks");
                report.writeMarkdown(out.resolve(doc + ".md"));
                report.writeCsv(out.resolve(doc + ".csv"));
            }
            System.out.print(report.resultsMarkdown());
            deleteTree(workDir);
            return;
        }
        for (int start = 0; start < starts; start++) {
            for (int i = 0; i < startSetups.size(); i++) {
                JvmSetup setup = startSetups.get((i + start) % startSetups.size());
                ChildJvm.Outcome outcome = ChildJvm.run(setup, appJar, workDir, List.of(), Hello.class.getName());
                ChildJvm.requireClean(setup, outcome, "hello-world start");
                results.startup(setup.key(), outcome.elapsedNanos());
            }
        }
        System.err.println("start-up runs done");

        Map<Integer, List<String>> phases = new LinkedHashMap<>();
        for (JvmSetup setup : List.of(startSetups.get(1), startSetups.get(3))) {
            ChildJvm.Outcome outcome = ChildJvm.run(setup, appJar, workDir, List.of("-Dagentguard.timing=true"),
                    Hello.class.getName());
            ChildJvm.requireClean(setup, outcome, "hello-world start with -Dagentguard.timing=true");
            phases.put(setup.jdk().feature(), outcome.stderr().lines()
                    .filter(line -> line.startsWith("agentguard: timing")).toList());
        }

        String loadAtEnd = Machine.loadAverage();
        Instant ended = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        OverheadReport report = new OverheadReport(results, setups, List.of(jdk17, jdk25), rounds, starts,
                new OverheadReport.RunFacts(command, began, ended, loadAtStart, loadAtEnd, phases), workloads, early,
                earlyMillis);
        Path out = repo.resolve("docs/benchmarks");
        report.writeMarkdown(out.resolve("overhead.md"));
        report.writeCsv(out.resolve("overhead.csv"));
        System.out.print(report.resultsMarkdown());
        deleteTree(workDir);
    }

    /** All workloads, one after the other, in one JVM: a guarded JVM takes seconds to start on this machine. */
    private static Map<String, Long> runWorkloads(JvmSetup setup, Path appJar, Path workDir, List<Workload> workloads)
            throws IOException, InterruptedException {
        List<String> args = new ArrayList<>();
        for (Workload workload : workloads) {
            args.add(workload.name());
            args.add(Integer.toString(workload.iterations()));
        }
        ChildJvm.Outcome outcome = ChildJvm.run(setup, appJar, workDir, List.of(), Workloads.class.getName(),
                args.toArray(String[]::new));
        ChildJvm.requireClean(setup, outcome, "workloads");
        Map<String, Long> nsPerOp = new LinkedHashMap<>();
        outcome.stdout().lines().filter(line -> line.startsWith("RESULT ")).map(line -> line.split(" "))
                .forEach(fields -> {
                    nsPerOp.put(fields[1], Long.parseLong(fields[2]));
                    nsPerOp.put(CPU + fields[1], Long.parseLong(fields[3]));
                });
        outcome.stdout().lines().filter(line -> line.startsWith("SETTLED ")).map(line -> line.split(" "))
                .forEach(fields -> nsPerOp.put(JIT_QUIET, Long.parseLong(fields[1])));
        for (Workload workload : workloads) {
            if (!nsPerOp.containsKey(workload.name())) {
                throw new IOException(setup.key() + ": no RESULT for " + workload.name() + " in\n" + outcome.stdout()
                        + outcome.stderr());
            }
        }
        return nsPerOp;
    }

    /**
     * data/small.txt (4 KiB), its copy ten folders deeper, data/dir with 32 files of 100 bytes and
     * data/hundred with 100 files: what {@link Workloads} reads.
     */
    private static void makeData(Path workDir) throws IOException {
        Path data = Files.createDirectories(workDir.resolve("data"));
        byte[] small = new byte[4096];
        for (int i = 0; i < small.length; i++) {
            small[i] = (byte) ('a' + i % 26);
        }
        Files.write(data.resolve("small.txt"), small);
        Files.write(Files.createDirectories(data.resolve(Workloads.OUT)).resolve("attr.txt"), small);
        Path deep = Files.createDirectories(data.resolve(Workloads.DEEP));
        Files.write(deep.resolve(Workloads.SMALL), small);
        Path hundred = Files.createDirectories(data.resolve(Workloads.HUNDRED));
        for (int i = 0; i < 100; i++) {
            Files.writeString(hundred.resolve("name-" + i + ".txt"), "x", StandardCharsets.US_ASCII);
        }
        Path dir = Files.createDirectories(data.resolve("dir"));
        for (int i = 0; i < 32; i++) {
            Files.writeString(dir.resolve("entry-" + i + ".txt"), "x".repeat(100), StandardCharsets.US_ASCII);
        }
    }

    /** The RESULT of one early-life JVM. */
    private static String[] result(ChildJvm.Outcome outcome, String workload, JvmSetup setup) throws IOException {
        return outcome.stdout().lines().filter(line -> line.startsWith("RESULT " + workload + " "))
                .map(line -> line.split(" ")).findFirst()
                .orElseThrow(() -> new IOException(setup.key() + ": no RESULT for early " + workload + " in\n"
                        + outcome.stdout() + outcome.stderr()));
    }

    /** {@code --only startup}: the start-up figure alone (no workloads). */
    private static final String STARTUP_ONLY = "startup";

    /** The workloads named in {@code only} (comma-separated), in their usual order; all when it is null. */
    private static List<Workload> selected(String only, List<Workload> all) {
        if (only == null) {
            return all;
        }
        List<String> names = List.of(only.split(","));
        return all.stream().filter(w -> names.contains(w.name())).toList();
    }

    private static JvmSetup.Jdk jdk(int feature, String home) throws IOException {
        if (home == null) {
            throw new IllegalArgumentException("--jdk" + feature + " HOME is required");
        }
        Path path = require(Path.of(home));
        return new JvmSetup.Jdk(feature, path, Machine.jdkVersion(path));
    }

    private static Path require(Path path) throws IOException {
        if (!Files.exists(path)) {
            throw new IOException(path + " does not exist (build first: mvn -B -q install -DskipTests)");
        }
        return path.toAbsolutePath();
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 == args.length) {
                throw new IllegalArgumentException("expected --name value pairs, got " + List.of(args));
            }
            options.put(args[i], args[++i]);
        }
        return options;
    }

    private static void deleteTree(Path root) throws IOException {
        List<Path> paths = new ArrayList<>();
        try (var walk = Files.walk(root)) {
            walk.forEach(paths::add);
        }
        for (int i = paths.size() - 1; i >= 0; i--) {
            Files.delete(paths.get(i));
        }
    }

    /** Every measured value, by workload and setup key, in the order measured. */
    static final class Results {
        final Map<String, Map<String, List<Long>>> workloads = new LinkedHashMap<>();
        final Map<String, List<Long>> startups = new LinkedHashMap<>();
        final Map<String, List<Long>> jitQuiet = new LinkedHashMap<>();
        final Map<String, Map<String, List<Long>>> early = new LinkedHashMap<>();
        final Map<String, Map<String, List<Long>>> earlyCpu = new LinkedHashMap<>();
        final Map<String, Map<String, List<Long>>> cpu = new LinkedHashMap<>();

        void earlyCpu(String workload, String setupKey, long nsPerOp) {
            earlyCpu.computeIfAbsent(workload, w -> new LinkedHashMap<>())
                    .computeIfAbsent(setupKey, s -> new ArrayList<>()).add(nsPerOp);
        }

        void cpu(String workload, String setupKey, long nsPerOp) {
            cpu.computeIfAbsent(workload, w -> new LinkedHashMap<>())
                    .computeIfAbsent(setupKey, s -> new ArrayList<>()).add(nsPerOp);
        }

        void early(String workload, String setupKey, long nsPerOp) {
            early.computeIfAbsent(workload, w -> new LinkedHashMap<>())
                    .computeIfAbsent(setupKey, s -> new ArrayList<>()).add(nsPerOp);
        }

        void jitQuiet(String setupKey, long millis) {
            jitQuiet.computeIfAbsent(setupKey, s -> new ArrayList<>()).add(millis);
        }

        void workload(String workload, String setupKey, long nsPerOp) {
            workloads.computeIfAbsent(workload, w -> new LinkedHashMap<>())
                    .computeIfAbsent(setupKey, s -> new ArrayList<>()).add(nsPerOp);
        }

        void startup(String setupKey, long nanos) {
            startups.computeIfAbsent(setupKey, s -> new ArrayList<>()).add(nanos);
        }

        static double median(List<Long> values) {
            List<Long> sorted = new ArrayList<>(values);
            sorted.sort(null);
            int n = sorted.size();
            return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
        }
    }
}
