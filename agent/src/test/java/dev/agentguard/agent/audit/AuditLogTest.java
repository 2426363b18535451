package dev.agentguard.agent.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentguard.policy.Category;
import dev.agentguard.policy.Mode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditLogTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static AuditRecord deny(String target) {
        return AuditRecord.builder(AuditDecision.DENY, Category.FILE, "read", target).rule("r").reason("x").build();
    }

    @Test
    void writesOneLinePerRecordWithSeqPidAndMode() throws IOException {
        Path file = dir.resolve("a/b/audit.jsonl");
        try (AuditLog log = AuditLog.open(file, 99, Mode.AUDIT, () -> 1795456800123L)) {
            AuditRecord first = log.write(deny("/etc/shadow"));
            AuditRecord second = log.write(AuditRecord.builder(AuditDecision.ALLOW, Category.NETWORK, "connect", "h:443")
                    .bytes(10).build());
            assertThat(first.seq()).isEqualTo(1);
            assertThat(second.seq()).isEqualTo(2);
            assertThat(log.lastSeq()).isEqualTo(2);
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("{\"ts\":\"2026-11-23T18:00:00.123Z\",\"seq\":1,\"pid\":99,\"mode\":\"audit\","
                + "\"decision\":\"deny\",\"category\":\"file\",\"op\":\"read\",\"target\":\"/etc/shadow\"");
        JsonNode second = JSON.readTree(lines.get(1));
        assertThat(second.get("seq").asLong()).isEqualTo(2);
        assertThat(second.get("bytes").asLong()).isEqualTo(10);
        assertThat(second.get("thread").asText()).isEqualTo(Thread.currentThread().getName());
    }

    @Test
    void threadNamesAreRedactedLikeTargets() throws IOException {
        // Libraries name threads after the URL they serve; the log must not carry its user:password.
        Path file = dir.resolve("audit.jsonl");
        String named = "OkHttp https://bob:hunter2@api.example/v1 Bearer abcdef123456";
        try (AuditLog log = AuditLog.open(file, 1, Mode.ENFORCE)) {
            AuditRecord written = log.write(AuditRecord.builder(AuditDecision.DENY, Category.FILE, "read", "/x")
                    .thread(named).build());
            assertThat(written.thread()).doesNotContain("hunter2").doesNotContain("abcdef123456")
                    .contains("api.example");
        }
        String line = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(line).doesNotContain("hunter2").doesNotContain("abcdef123456");
        assertThat(JSON.readTree(line).get("thread").asText()).isEqualTo("OkHttp https://[REDACTED]@api.example/v1 Bearer [REDACTED]");
    }

    @Test
    void recordIsInTheFileWhenWriteReturns() throws IOException {
        Path file = dir.resolve("audit.jsonl");
        try (AuditLog log = AuditLog.open(file, 1, Mode.ENFORCE)) {
            log.write(deny("/x"));
            assertThat(Files.readAllLines(file)).hasSize(1);
        }
    }

    @Test
    void appendsToAnExistingFileAndCreatesNewFilesPrivate() throws IOException {
        Path file = dir.resolve("audit.jsonl");
        try (AuditLog log = AuditLog.open(file, 1, Mode.ENFORCE)) {
            log.write(deny("/first-run"));
        }
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertThat(Files.getPosixFilePermissions(file))
                    .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        }
        try (AuditLog log = AuditLog.open(file, 2, Mode.ENFORCE)) {
            assertThat(log.write(deny("/second-run")).seq()).isEqualTo(1);
        }
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).contains("/first-run");
        assertThat(lines.get(1)).contains("/second-run").contains("\"pid\":2");
    }

    @Test
    void redactsTargetAndReason() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AuditLog log = new AuditLog(out, 1, Mode.ENFORCE, () -> 0L);
        AuditRecord written = log.write(AuditRecord.builder(AuditDecision.DENY, Category.PROCESS, "exec",
                        "curl -H 'Authorization: Bearer abc123' https://u:p@h")
                .reason("argv contains --token s3cret").build());
        assertThat(written.target()).isEqualTo("curl -H 'Authorization: Bearer [REDACTED]' https://[REDACTED]@h");
        assertThat(written.reason()).isEqualTo("argv contains --token [REDACTED]");
        assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("abc123", "u:p", "s3cret");
    }

    @Test
    void manyThreadsGiveGapFreeSeqInLineOrder() throws Exception {
        int threads = 16;
        int perThread = 2_000;
        Path file = dir.resolve("audit.jsonl");
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try (AuditLog log = AuditLog.open(file, 7, Mode.ENFORCE)) {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        log.write(AuditRecord.builder(AuditDecision.ALLOW, Category.FILE, "read",
                                "/t" + id + "/" + i).bytes(i).build());
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get(60, TimeUnit.SECONDS);
            }
            assertThat(log.counters().get(Category.FILE, AuditDecision.ALLOW)).isEqualTo(threads * perThread);
        } finally {
            pool.shutdownNow();
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(threads * perThread);
        long expected = 1;
        for (String line : lines) {
            JsonNode node = JSON.readTree(line);
            assertThat(node.get("seq").asLong()).isEqualTo(expected++);
        }
    }

    @Test
    void startAndSummaryRecordsAreNotCountedAndSummaryIsWrittenOnce() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AuditLog log = new AuditLog(out, 1, Mode.AUDIT, () -> 0L);
        log.writeStart(Map.of("version", "0.1.0"));
        log.write(deny("/a"));
        log.write(AuditRecord.builder(AuditDecision.WOULD_DENY, Category.NETWORK, "connect", "h:1").build());
        log.counters().increment(Category.FILE, AuditDecision.ALLOW); // decided, not recorded
        AuditRecord summary = log.writeSummary(Map.of("budget", Map.of("requests", 3)));
        assertThat(log.writeSummary(null)).isNull();
        assertThat(summary.seq()).isEqualTo(4);

        String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(lines).hasSize(4);
        JsonNode start = JSON.readTree(lines[0]);
        assertThat(start.get("category").asText()).isEqualTo("guard");
        assertThat(start.get("op").asText()).isEqualTo("start");
        assertThat(start.get("details").get("version").asText()).isEqualTo("0.1.0");
        JsonNode details = JSON.readTree(lines[3]).get("details");
        assertThat(details.get("counts").get("file").toString()).isEqualTo("{\"allow\":1,\"deny\":1,\"would_deny\":0}");
        assertThat(details.get("counts").get("network").get("would_deny").asLong()).isEqualTo(1);
        assertThat(details.get("counts").get("guard").get("allow").asLong()).isZero();
        assertThat(details.get("budget").get("requests").asLong()).isEqualTo(3);
        assertThat(lines[3]).contains("\"details\":{\"counts\":{\"file\":");
    }

    @Test
    void writeAfterCloseFails() throws IOException {
        AuditLog log = AuditLog.open(dir.resolve("audit.jsonl"), 1, Mode.ENFORCE);
        log.close();
        log.close();
        assertThatThrownBy(() -> log.write(deny("/x"))).isInstanceOf(IOException.class).hasMessageContaining("closed");
    }

    @Test
    void writeToAClosedStreamSurfaces() throws IOException {
        FailingStream sink = new FailingStream();
        AuditLog log = new AuditLog(sink, 1, Mode.ENFORCE, () -> 0L);
        sink.close();
        assertThatThrownBy(() -> log.write(deny("/x")))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("agentguard: cannot write audit log")
                .hasRootCauseMessage("Stream Closed");
        assertThat(log.counters().get(Category.FILE, AuditDecision.DENY)).isZero();
    }

    @Test
    void diskFullSurfaces() throws IOException {
        Path full = Path.of("/dev/full");
        assumeTrue(Files.isWritable(full), "/dev/full is not available");
        AuditLog log = AuditLog.open(full, 1, Mode.ENFORCE);
        assertThatThrownBy(() -> log.write(deny("/x"))).isInstanceOf(IOException.class)
                .hasMessageStartingWith("agentguard: cannot write audit log");
        log.close();
    }

    @Test
    void runtimeExceptionsFromTheSinkBecomeIOExceptions() {
        OutputStream broken = new OutputStream() {
            @Override
            public void write(int b) {
                throw new IllegalStateException("broken");
            }

            @Override
            public void write(byte[] b, int off, int len) {
                throw new IllegalStateException("broken");
            }
        };
        AuditLog log = new AuditLog(broken, 1, Mode.ENFORCE, () -> 0L);
        assertThatThrownBy(() -> log.write(deny("/x"))).isInstanceOf(IOException.class)
                .hasCauseInstanceOf(IllegalStateException.class);
    }

    @Test
    void failedWriteDoesNotConsumeSeqAndNextLineStartsFresh() throws IOException {
        FailingStream sink = new FailingStream();
        AuditLog log = new AuditLog(sink, 1, Mode.ENFORCE, () -> 0L);
        log.write(deny("/1"));
        sink.failNext = true;
        assertThatThrownBy(() -> log.write(deny("/2"))).isInstanceOf(IOException.class);
        AuditRecord third = log.write(deny("/3"));
        assertThat(third.seq()).isEqualTo(2);
        String[] lines = sink.text().split("\n");
        // The failed write left half a line; the next record starts on a line of its own.
        assertThat(lines).hasSize(3);
        assertThat(JSON.readTree(lines[0]).get("seq").asLong()).isEqualTo(1);
        assertThat(lines[1]).doesNotEndWith("}");
        assertThat(JSON.readTree(lines[2]).get("seq").asLong()).isEqualTo(2);
        assertThat(JSON.readTree(lines[2]).get("target").asText()).isEqualTo("/3");
    }

    @Test
    void interruptedThreadCanWriteAndKeepsItsInterruptFlag() throws IOException {
        Path file = dir.resolve("audit.jsonl");
        try (AuditLog log = AuditLog.open(file, 1, Mode.ENFORCE)) {
            Thread.currentThread().interrupt();
            try {
                log.write(deny("/while-interrupted"));
                assertThat(Thread.currentThread().isInterrupted()).isTrue();
            } finally {
                Thread.interrupted();
            }
            log.write(deny("/after"));
        }
        assertThat(Files.readAllLines(file)).hasSize(2);
    }

    @Test
    void preloadWritesNothing() throws IOException {
        Path file = dir.resolve("audit.jsonl");
        try (AuditLog log = AuditLog.open(file, 1, Mode.ENFORCE)) {
            log.preload();
            assertThat(log.lastSeq()).isZero();
        }
        assertThat(Files.size(file)).isZero();
    }

    /** A sink that can fail one write halfway, or be closed. */
    private static final class FailingStream extends OutputStream {
        private final ByteArrayOutputStream written = new ByteArrayOutputStream();
        boolean failNext;
        boolean closed;

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (closed) {
                throw new IOException("Stream Closed");
            }
            if (failNext) {
                failNext = false;
                written.write(b, off, len / 2);
                throw new IOException("No space left on device");
            }
            written.write(b, off, len);
        }

        @Override
        public void close() {
            closed = true;
        }

        String text() {
            return written.toString(StandardCharsets.UTF_8);
        }
    }
}
