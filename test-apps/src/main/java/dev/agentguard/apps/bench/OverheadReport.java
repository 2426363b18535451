package dev.agentguard.apps.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Turns the runner's results into docs/benchmarks/overhead.csv and the generated part of overhead.md: the text
 * between {@link #BEGIN} and {@link #END}. Whatever the file holds outside the markers (the analysis of missed
 * targets) is kept, so a rerun refreshes the numbers without losing it.
 */
final class OverheadReport {
    static final String BEGIN = "<!-- results:begin (written by bench/run-overhead.sh; edits here are lost) -->";
    static final String END = "<!-- results:end -->";
    private static final double STARTUP_TARGET_MS = 250;

    record RunFacts(String command, Instant began, Instant ended, String loadAtStart, String loadAtEnd,
            Map<Integer, List<String>> startupPhases) {}

    private final OverheadRunner.Results results;
    private final List<JvmSetup> setups;
    private final List<JvmSetup.Jdk> jdks;
    private final int rounds;
    private final int starts;
    private final RunFacts facts;
    private final List<Workload> workloads;
    private final List<Workload> early;
    private final long earlyMillis;

    OverheadReport(OverheadRunner.Results results, List<JvmSetup> setups, List<JvmSetup.Jdk> jdks, int rounds,
            int starts, RunFacts facts, List<Workload> workloads, List<Workload> early, long earlyMillis) {
        this.workloads = workloads;
        this.early = early;
        this.earlyMillis = earlyMillis;
        this.results = results;
        this.setups = setups;
        this.jdks = jdks;
        this.rounds = rounds;
        this.starts = starts;
        this.facts = facts;
    }

    void writeMarkdown(Path file) throws IOException {
        String generated = BEGIN + "\n" + resultsMarkdown() + END;
        String text;
        if (Files.exists(file)) {
            String old = Files.readString(file, StandardCharsets.UTF_8);
            int begin = old.indexOf(BEGIN);
            int end = old.indexOf(END);
            if (begin < 0 || end < begin) {
                throw new IOException(file + " has no result markers; add the lines\n" + BEGIN + "\n" + END);
            }
            text = old.substring(0, begin) + generated + old.substring(end + END.length());
        } else {
            text = "# Overhead benchmark\n\n" + generated + "\n";
        }
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    String resultsMarkdown() {
        StringBuilder md = new StringBuilder();
        md.append("## Results of the last run\n\n");
        md.append("- Date: ").append(facts.began()).append(" to ").append(facts.ended()).append(" (UTC)\n");
        md.append("- Command: `").append(facts.command()).append("`\n");
        md.append("- Machine: ").append(Machine.processors()).append(" processors (nproc), CPU `")
                .append(cpuModel()).append("`\n");
        md.append("- Load average (1, 5, 15 min): ").append(facts.loadAtStart()).append(" at the start, ")
                .append(facts.loadAtEnd()).append(" at the end\n");
        for (JvmSetup.Jdk jdk : jdks) {
            md.append("- JDK ").append(jdk.feature()).append(": ").append(jdk.version()).append(" (`")
                    .append(jdk.home()).append("`)\n");
        }
        md.append("- ").append(rounds).append(" rounds; each value is the median over the rounds of each JVM's median"
                + " ns/op over ").append(Workloads.BATCHES).append(" batches, after ")
                .append(Workloads.WARMUP_NANOS / 1_000_000_000L).append(" s of warm-up batches (at least ")
                .append(Workloads.WARMUP_BATCHES).append("), so that the JIT compilers have optimized the workload's"
                        + " code. Ratios are to the run without an agent on the same JDK.\n");
        md.append("- Before its first workload each JVM waits until its JIT compilers' total compilation time (in whole"
                + " milliseconds) has not grown for 3 × 100 ms (at most 15 s)"
                + " (the start-up code they still compile would otherwise take a core from the first workloads);"
                + " the wait, from JVM start, is in the last table.\n\n");

        md.append("| workload | batch size | what |\n| --- | ---: | --- |\n");
        for (Workload w : workloads) {
            md.append("| ").append(w.name()).append(" | ").append(w.iterations()).append(" | ")
                    .append(w.description()).append(" |\n");
        }
        md.append('\n');

        for (JvmSetup.Jdk jdk : jdks) {
            List<JvmSetup> onJdk = setups.stream().filter(s -> s.jdk().equals(jdk)).toList();
            md.append("### Workloads on JDK ").append(jdk.feature()).append(" (ns per operation)\n\n| workload");
            for (JvmSetup s : onJdk) {
                md.append(" | ").append(s.label());
            }
            md.append(" | target (enforce) | met |\n| ---");
            md.append(" | ---:".repeat(onJdk.size())).append(" | --- | --- |\n");
            for (Workload w : workloads) {
                double none = median(w.name(), JvmSetup.none(jdk).key());
                md.append("| ").append(w.name());
                for (JvmSetup s : onJdk) {
                    double value = median(w.name(), s.key());
                    md.append(" | ").append(format(value));
                    if (!s.label().equals(JvmSetup.NONE)) {
                        md.append(" (").append(ratio(value / none)).append(')');
                    }
                }
                md.append(" | ").append(w.target().text()).append(" | ").append(verdict(jdk, w, onJdk)).append(" |\n");
            }
            md.append('\n');
        }

        cpuMarkdown(md);
        if (!early.isEmpty()) {
            earlyMarkdown(md);
        }
        if (starts == 0) {
            return md.toString();
        }
        md.append("### JVM start-up, hello-world main (ms, median of ").append(starts).append(" starts)\n\n");
        md.append("| JDK | no agent | guard enforce | added | target | met |\n| --- | ---: | ---: | ---: | --- | --- |\n");
        for (JvmSetup.Jdk jdk : jdks) {
            double none = startupMs(JvmSetup.NONE, jdk);
            double guard = startupMs(JvmSetup.ENFORCE, jdk);
            md.append("| ").append(jdk.feature()).append(" | ").append(String.format(Locale.ROOT, "%.0f", none))
                    .append(" | ").append(String.format(Locale.ROOT, "%.0f", guard)).append(" | ")
                    .append(String.format(Locale.ROOT, "%+.0f", guard - none)).append(" | < ")
                    .append((long) STARTUP_TARGET_MS).append(" ms added | ")
                    .append(guard - none < STARTUP_TARGET_MS ? "yes" : "**no**").append(" |\n");
        }
        md.append('\n');

        md.append("### JIT compilers quiet, from JVM start (ms, median over the rounds)\n\n| setup | ms |\n| --- | ---: |\n");
        for (JvmSetup s : setups) {
            md.append("| ").append(s.key()).append(" | ")
                    .append(String.format(Locale.ROOT, "%.0f", OverheadRunner.Results.median(results.jitQuiet.get(s.key()))))
                    .append(" |\n");
        }
        md.append('\n');
        for (Map.Entry<Integer, List<String>> phase : facts.startupPhases().entrySet()) {
            md.append("Start-up phases of the guard on JDK ").append(phase.getKey())
                    .append(" (one hello-world run with `-Dagentguard.timing=true`):\n\n```\n");
            phase.getValue().forEach(line -> md.append(line).append('\n'));
            md.append("```\n\n");
        }
        return md.toString();
    }

    /** Early life: the mean ns/op of a workload's first {@code earlyMillis} ms in a fresh JVM, per JDK. */
    private void earlyMarkdown(StringBuilder md) {
        md.append("### Early life: the first ").append(earlyMillis).append(" ms of `main` (mean ns per operation, a fresh"
                + " JVM per workload, no warm-up; median of ").append(rounds).append(" rounds)\n\n");
        md.append("Wall clock and, less disturbed by other processes, the thread's CPU time.\n\n");
        md.append("| workload | JDK | no agent | guard enforce | CPU no agent | CPU guard enforce | target | met (wall; CPU) |\n"
                + "| --- | --- | ---: | ---: | ---: | ---: | --- | --- |\n");
        for (Workload w : early) {
            for (JvmSetup.Jdk jdk : jdks) {
                md.append("| ").append(w.name()).append(" | ").append(jdk.feature());
                String wall = pair(md, results.early.get(w.name()), jdk, w);
                String cpu = pair(md, results.earlyCpu.get(w.name()), jdk, w);
                md.append(" | ").append(w.target().text()).append(" | ").append(wall).append("; ").append(cpu).append(" |\n");
            }
        }
        md.append('\n');
    }

    /** Steady state in thread CPU time: the same runs as the wall-clock tables, per JDK. */
    private void cpuMarkdown(StringBuilder md) {
        md.append("### Steady state in thread CPU time (ns per operation, median over the rounds)\n\n");
        md.append("The workload thread's user and system time per operation, measured over the same batches as the"
                + " tables above. It leaves out the time the thread waited for a core, which on a machine shared with"
                + " other busy processes is most of the noise; it also leaves out work done on other threads (the"
                + " servers of tcp and http), so it is given for the file workloads and exec only (exec's child is"
                + " not in it, the starting thread's work is, and that is where the guard's check runs).\n\n");
        md.append("| workload | JDK | no agent | guard enforce | target | met |\n| --- | --- | ---: | ---: | --- | --- |\n");
        for (Workload w : workloads) {
            if (!w.fileCheck() && !w.name().equals("exec")) {
                continue;
            }
            for (JvmSetup.Jdk jdk : jdks) {
                md.append("| ").append(w.name()).append(" | ").append(jdk.feature());
                String met = pair(md, results.cpu.get(w.name()), jdk, w);
                md.append(" | ").append(w.target().text()).append(" | ").append(met).append(" |\n");
            }
        }
        md.append('\n');
    }

    /** Appends the no-agent and enforce medians of {@code bySetup} on {@code jdk} as two cells; returns the verdict. */
    private String pair(StringBuilder md, Map<String, List<Long>> bySetup, JvmSetup.Jdk jdk, Workload w) {
        double none = OverheadRunner.Results.median(bySetup.get(key(jdk, JvmSetup.NONE)));
        double guard = OverheadRunner.Results.median(bySetup.get(key(jdk, JvmSetup.ENFORCE)));
        md.append(" | ").append(format(none)).append(" | ").append(format(guard)).append(" (").append(ratio(guard / none))
                .append(')');
        return w.target().met(none, guard) ? "yes" : "**no**";
    }

    /** The enforce target, and being faster than the Security Manager (JDK 17, enforce and audit) where it ran. */
    private String verdict(JvmSetup.Jdk jdk, Workload w, List<JvmSetup> onJdk) {
        double none = median(w.name(), JvmSetup.none(jdk).key());
        double enforce = median(w.name(), key(jdk, JvmSetup.ENFORCE));
        StringBuilder verdict = new StringBuilder();
        if (w.target().hasOne()) {
            verdict.append(w.target().met(none, enforce) ? "yes" : "**no**");
            if (!Double.isNaN(w.target().maxAddedNs())) {
                verdict.append(" (").append(String.format(Locale.ROOT, "%+.0f ns", enforce - none)).append(')');
            }
        }
        boolean hasSecurityManager = onJdk.stream().anyMatch(s -> s.label().equals(JvmSetup.SECURITY_MANAGER));
        if (hasSecurityManager) {
            double sm = median(w.name(), key(jdk, JvmSetup.SECURITY_MANAGER));
            double audit = median(w.name(), key(jdk, JvmSetup.AUDIT));
            if (verdict.length() > 0) {
                verdict.append("; ");
            }
            verdict.append(enforce < sm ? "faster than SM" : "**not faster than SM**");
            if (audit >= sm) {
                verdict.append(" (audit: **not faster**)");
            }
        }
        return verdict.toString();
    }

    void writeCsv(Path file) throws IOException {
        StringBuilder csv = new StringBuilder(
                "kind,jdk,setup,workload,median,unit,ratio_to_no_agent,added_to_no_agent,values\n");
        for (JvmSetup s : setups) {
            for (Workload w : workloads) {
                List<Long> values = results.workloads.get(w.name()).get(s.key());
                double value = OverheadRunner.Results.median(values);
                double none = median(w.name(), JvmSetup.none(s.jdk()).key());
                csv.append("workload,").append(s.jdk().feature()).append(',').append(s.label()).append(',')
                        .append(w.name()).append(',').append(format(value)).append(",ns/op,")
                        .append(String.format(Locale.ROOT, "%.4f", value / none)).append(',')
                        .append(format(value - none)).append(',').append(join(values, 1)).append('\n');
            }
        }
        for (Workload w : workloads) {
            csvRows(csv, "cpu", w, results.cpu.get(w.name()));
        }
        for (Workload w : early) {
            csvRows(csv, "early", w, results.early.get(w.name()));
            csvRows(csv, "early-cpu", w, results.earlyCpu.get(w.name()));
        }
        for (JvmSetup s : setups) {
            List<Long> values = results.jitQuiet.get(s.key());
            csv.append("jit-quiet,").append(s.jdk().feature()).append(',').append(s.label()).append(",all,")
                    .append(format(OverheadRunner.Results.median(values))).append(",ms,,,").append(join(values, 1))
                    .append('\n');
        }
        for (JvmSetup.Jdk jdk : starts == 0 ? List.<JvmSetup.Jdk>of() : jdks) {
            for (String label : List.of(JvmSetup.NONE, JvmSetup.ENFORCE)) {
                List<Long> values = results.startups.get(key(jdk, label));
                double value = startupMs(label, jdk);
                double none = startupMs(JvmSetup.NONE, jdk);
                csv.append("startup,").append(jdk.feature()).append(',').append(label).append(",hello,")
                        .append(String.format(Locale.ROOT, "%.1f", value)).append(",ms,")
                        .append(String.format(Locale.ROOT, "%.4f", value / none)).append(',')
                        .append(String.format(Locale.ROOT, "%.1f", value - none)).append(',')
                        .append(join(values, 1_000_000)).append('\n');
            }
        }
        Files.writeString(file, csv.toString(), StandardCharsets.UTF_8);
    }

    /** One CSV row per setup of {@code bySetup} (keyed "JDK n label"), ns/op, with the ratio to that JDK's no agent. */
    private static void csvRows(StringBuilder csv, String kind, Workload w, Map<String, List<Long>> bySetup) {
        for (Map.Entry<String, List<Long>> entry : bySetup.entrySet()) {
            String jdk = entry.getKey().split(" ")[1];
            String prefix = "JDK " + jdk + " ";
            double none = OverheadRunner.Results.median(bySetup.get(prefix + JvmSetup.NONE));
            double value = OverheadRunner.Results.median(entry.getValue());
            csv.append(kind).append(',').append(jdk).append(',').append(entry.getKey().substring(prefix.length()))
                    .append(',').append(w.name()).append(',').append(format(value)).append(",ns/op,")
                    .append(String.format(Locale.ROOT, "%.4f", value / none)).append(',')
                    .append(format(value - none)).append(',').append(join(entry.getValue(), 1)).append('\n');
        }
    }

    private double median(String workload, String setupKey) {
        return OverheadRunner.Results.median(results.workloads.get(workload).get(setupKey));
    }

    private double startupMs(String label, JvmSetup.Jdk jdk) {
        return OverheadRunner.Results.median(results.startups.get(key(jdk, label))) / 1e6;
    }

    private static String key(JvmSetup.Jdk jdk, String label) {
        return "JDK " + jdk.feature() + " " + label;
    }

    private static String join(List<Long> values, long divisor) {
        return values.stream().map(v -> divisor == 1 ? Long.toString(v)
                : String.format(Locale.ROOT, "%.1f", v / (double) divisor)).collect(Collectors.joining(";"));
    }

    private static String format(double ns) {
        return String.format(Locale.ROOT, "%.0f", ns);
    }

    private static String ratio(double ratio) {
        return String.format(Locale.ROOT, "%.2f×", ratio);
    }

    private static String cpuModel() {
        try {
            return Machine.cpuModel();
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }
}
