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

    OverheadReport(OverheadRunner.Results results, List<JvmSetup> setups, List<JvmSetup.Jdk> jdks, int rounds,
            int starts, RunFacts facts) {
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
        for (Workload w : Workload.all()) {
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
            for (Workload w : Workload.all()) {
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
            for (Workload w : Workload.all()) {
                List<Long> values = results.workloads.get(w.name()).get(s.key());
                double value = OverheadRunner.Results.median(values);
                double none = median(w.name(), JvmSetup.none(s.jdk()).key());
                csv.append("workload,").append(s.jdk().feature()).append(',').append(s.label()).append(',')
                        .append(w.name()).append(',').append(format(value)).append(",ns/op,")
                        .append(String.format(Locale.ROOT, "%.4f", value / none)).append(',')
                        .append(format(value - none)).append(',').append(join(values, 1)).append('\n');
            }
        }
        for (JvmSetup s : setups) {
            List<Long> values = results.jitQuiet.get(s.key());
            csv.append("jit-quiet,").append(s.jdk().feature()).append(',').append(s.label()).append(",all,")
                    .append(format(OverheadRunner.Results.median(values))).append(",ms,,,").append(join(values, 1))
                    .append('\n');
        }
        for (JvmSetup.Jdk jdk : jdks) {
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
