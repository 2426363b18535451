package dev.agentguard.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A loop of process starts under {@code process.exec: 5/min} starts exactly 5 children, in both JDKs. */
class RateBudgetTest {
    /** {@code touch} granted, and at most 5 process starts a minute. */
    private static final String[] TOUCH_AT_FIVE_PER_MINUTE = {
        "process:", "  exec: [[\"touch\", \"**\"]]", "budgets:", "  rate:", "    process.exec: 5/min"};

    @TempDir
    Path dir;

    /** A policy granting reads and writes under {@code granted}, auditing to {@code dir/audit.jsonl}, plus {@code rest}. */
    private Path policy(Path granted, String... rest) throws java.io.IOException {
        StringBuilder yaml = new StringBuilder(String.join("\n",
                "version: 1",
                "audit: {file: " + dir.resolve("audit.jsonl") + "}",
                "files: {read: [\"" + granted + "/**\"], write: [\"" + granted + "/**\"]}",
                ""));
        for (String line : rest) {
            yaml.append(line).append('\n');
        }
        return Files.writeString(dir.resolve("p.yaml"), yaml.toString());
    }

    @ParameterizedTest(name = "JDK {0}")
    @ValueSource(ints = {17, 25})
    void fivePerMinuteStartsExactlyFiveChildren(int jdk) throws Exception {
        Path audit = dir.resolve("audit.jsonl");
        Path policy = policy(dir, TOUCH_AT_FIVE_PER_MINUTE);
        ChildJvm.Result r = ChildJvm.on(jdk).agent(policy.toString()).workdir(dir)
                .run("dev.agentguard.apps.budget.ExecLoop", "12", dir.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).as(r.toString()).contains("EXEC started=5 denied=7");
        assertThat(r.stdout()).contains("LAST-DENIAL agentguard: denied process exec touch")
                .contains("rule budgets.rate.process.exec").contains("5/min");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.filter(p -> p.getFileName().toString().startsWith("child-")).count()).isEqualTo(5);
        }
        AuditLogFile log = AuditLogFile.read(audit);
        assertThat(log.where("deny", "budget")).hasSize(7);
        assertThat(log.where("deny", "budget").get(0).path("rule").asText()).isEqualTo("budgets.rate.process.exec");
        com.fasterxml.jackson.databind.JsonNode summary = log.records().get(log.records().size() - 1);
        assertThat(summary.path("op").asText()).isEqualTo("summary");
        assertThat(summary.path("details").path("budgets").path("rate").path("process.exec").path("refused").asLong())
                .isEqualTo(7);
        assertThat(summary.path("details").path("budgets").path("rate").path("process.exec").path("limit").asText())
                .isEqualTo("5/min");
    }

    /**
     * A pipeline takes one {@code process.exec} token per stage, all at once before its first stage starts:
     * under 5/min two 2-stage pipelines start, the third (2 tokens, 1 left) starts no stage, and the token it
     * did not take is still there for a single start.
     */
    @ParameterizedTest(name = "JDK {0}")
    @ValueSource(ints = {17, 25})
    void aPipelineTakesOneTokenPerStageAllOrNone(int jdk) throws Exception {
        Path work = Files.createDirectories(dir.resolve("work"));
        ChildJvm.Result r = pipelines(jdk, work, "three");
        assertThat(r.stdout()).as(r.toString()).contains("PIPELINE 0 started").contains("PIPELINE 1 started")
                .contains("PIPELINE 2 denied: agentguard: denied process exec touch " + work + "/pipe-2-a | touch ")
                .contains("rule budgets.rate.process.exec").contains("SINGLE started");
        assertThat(markers(work)).containsExactly("pipe-0-a", "pipe-0-b", "pipe-1-a", "pipe-1-b", "single");
        assertThat(AuditLogFile.read(dir.resolve("audit.jsonl")).where("deny", "budget")).hasSize(1);
    }

    /**
     * A pipeline started from inside another one (by the outer builder list, between the outer stages) takes
     * its own tokens, and the outer pipeline's second stage still uses the token the outer check took: under
     * 5/min, outer (2) and inner (2) all start, one single start gets the last token, the next is refused.
     */
    @ParameterizedTest(name = "JDK {0}")
    @ValueSource(ints = {17, 25})
    void aNestedPipelineDoesNotSpendTheOuterPipelinesTokens(int jdk) throws Exception {
        Path work = Files.createDirectories(dir.resolve("work"));
        ChildJvm.Result r = pipelines(jdk, work, "nested");
        assertThat(r.stdout()).as(r.toString()).contains("INNER started").contains("OUTER started")
                .contains("SINGLE-1 started").contains("SINGLE-2 denied: ");
        assertThat(markers(work)).containsExactly("inner-a", "inner-b", "outer-a", "outer-b", "single-1");
    }

    /**
     * When the JDK refuses a pipeline's second stage after the first started, the token taken for that stage
     * is not left for a later start with the same argv: under 5/min, of four later starts three get tokens.
     */
    @ParameterizedTest(name = "JDK {0}")
    @ValueSource(ints = {17, 25})
    void aStageTheJdkRefusedLeavesNoTokenBehind(int jdk) throws Exception {
        Path work = Files.createDirectories(dir.resolve("work"));
        ChildJvm.Result r = pipelines(jdk, work, "failed");
        assertThat(r.stdout()).as(r.toString()).contains("FAILED failed: java.lang.IllegalArgumentException")
                .contains("AGAIN-1 started").contains("AGAIN-2 started").contains("AGAIN-3 started")
                .contains("AGAIN-4 denied: ");
        // When it refuses the second stage, the JDK destroys the first: its marker may or may not be there.
        assertThat(markers(work)).contains("again").isSubsetOf("again", "first");
    }

    private ChildJvm.Result pipelines(int jdk, Path work, String mode) throws Exception {
        Path policy = policy(work, TOUCH_AT_FIVE_PER_MINUTE);
        ChildJvm.Result r = ChildJvm.on(jdk).agent(policy.toString()).workdir(work)
                .run("dev.agentguard.apps.budget.PipelineLoop", mode, work.toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        return r;
    }

    private static java.util.List<String> markers(Path work) throws java.io.IOException {
        try (Stream<Path> files = Files.list(work)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /**
     * A {@code RandomAccessFile} "rw" open is checked for read and for write (write does not imply read), but
     * it is one open: it takes one {@code file.open} token, so as many rw opens fit a budget as r opens.
     */
    @ParameterizedTest(name = "JDK {0}")
    @ValueSource(ints = {17, 25})
    void anRwOpenTakesOneFileOpenToken(int jdk) throws Exception {
        Path data = Files.writeString(dir.resolve("data.bin"), "x");
        Path policy = policy(dir, "budgets:", "  rate:", "    file.open: 60/min");
        int[] opened = new int[2];
        String[] modes = {"r", "rw"};
        for (int i = 0; i < 2; i++) {
            ChildJvm.Result r = ChildJvm.on(jdk).agent(policy.toString()).workdir(dir)
                    .run("dev.agentguard.apps.budget.RandomAccessLoop", modes[i], "200", data.toString());
            assertThat(r.exitCode()).as(r.toString()).isZero();
            assertThat(r.stdout()).as(r.toString()).contains("rule budgets.rate.file.open");
            opened[i] = Integer.parseInt(r.stdout().lines().filter(l -> l.startsWith("OPENED "))
                    .findFirst().orElseThrow().substring("OPENED ".length()));
        }
        // The JVM's own opens before main (class loading) take the same tokens in both runs; a token or
        // two may refill while a run lasts (one per second).
        assertThat(opened[0]).as("r opens").isGreaterThan(10);
        assertThat(opened[1]).as("rw opens, against %d r opens", opened[0]).isBetween(opened[0] - 2, opened[0] + 2);
    }
}
