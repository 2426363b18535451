package dev.agentguard.agent.audit;

import dev.agentguard.policy.Category;
import dev.agentguard.policy.Mode;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.SyncFailedException;
import java.math.BigInteger;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The audit log of one JVM run (POLICY.md section 12): one JSON line per record, appended, UTF-8.
 *
 * <p><b>Opened early, never reopened.</b> The agent calls {@link #open} before its hooks are installed:
 * opening a file afterwards would pass through the guard's own hooks. {@code open} also
 * {@linkplain #preload() preloads} every class the write path needs, for the same reason.
 *
 * <p><b>Ordered and gap-free.</b> {@link #write} assigns {@code seq} (1, 2, 3, ...) and writes the line
 * under one lock, so the file's line order is the seq order and each line is written whole with one
 * {@code write(2)} on a descriptor opened with {@code O_APPEND}; other processes appending to the same
 * file do not split it. A record whose write fails does not consume its seq.
 *
 * <p><b>Synchronous and fail-closed.</b> The line has been handed to the operating system when
 * {@code write} returns; nothing is buffered in the JVM, so a crash loses nothing already written. A
 * failed write (disk full, log closed) is thrown as {@link IOException}, never swallowed: the guard then
 * denies the call. After a failed write the next line starts with a newline, so a partly written line
 * stays on its own (it may leave a blank line; readers skip blank lines).
 *
 * <p><b>Why not a {@code FileChannel}.</b> {@code FileChannel} is interruptible: a write from a thread whose
 * interrupt flag is set closes the channel for every thread ({@code ClosedByInterruptException}), and an
 * agent thread being cancelled would thereby turn every later guarded call into a denial. The log
 * writes through a {@link FileOutputStream} opened in append mode, whose writes ignore interrupts.
 */
public final class AuditLog implements Closeable {
    /** Buffers larger than this after a huge record are dropped, not kept for the rest of the run. */
    private static final int KEEP_BUFFER_BYTES = 64 * 1024;

    private final Object lock = new Object();
    private final OutputStream sink;
    private final long pid;
    private final Mode mode;
    private final LongSupplier clock;
    private final AuditCounters counters = new AuditCounters();
    /** Guarded by lock. */
    private final RepeatedDenials repeats = new RepeatedDenials();

    // Guarded by lock.
    private LineBuffer buffer = new LineBuffer();
    private long lastSeq;
    private boolean lineOpen;
    private boolean closed;
    private boolean summaryWritten;

    AuditLog(OutputStream sink, long pid, Mode mode, LongSupplier clock) {
        this.sink = sink;
        this.pid = pid;
        this.mode = mode;
        this.clock = clock;
    }

    /**
     * Opens {@code file} for appending, creating it (owner read/write only, where the file system
     * supports POSIX permissions) and its parent directories if missing, and preloads the write path.
     */
    public static AuditLog open(Path file, long pid, Mode mode) throws IOException {
        return open(file, pid, mode, SystemClock.INSTANCE);
    }

    static AuditLog open(Path file, long pid, Mode mode, LongSupplier clock) throws IOException {
        AuditLog log = openUnloaded(file, pid, mode, clock);
        log.preload();
        return log;
    }

    /**
     * Opens the log as {@link #open} does, without preloading: for the agent, which has run
     * {@link #preloadWritePath} on a thread of its own while the policy loaded (docs/design/startup.md).
     */
    public static AuditLog openPreloaded(Path file, long pid, Mode mode) throws IOException {
        return openUnloaded(file, pid, mode, SystemClock.INSTANCE);
    }

    /**
     * {@link #preload} on a throwaway log that writes nowhere: loads and runs the same write path, and needs
     * neither the policy nor the log's file, so the agent runs it before either is known.
     */
    public static void preloadWritePath() throws IOException {
        new AuditLog(OutputStream.nullOutputStream(), 0, Mode.ENFORCE, SystemClock.INSTANCE).preload();
    }

    private static AuditLog openUnloaded(Path file, long pid, Mode mode, LongSupplier clock) throws IOException {
        Path absolute = file.toAbsolutePath();
        Path parent = absolute.getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        createPrivate(absolute);
        return new AuditLog(new FileOutputStream(absolute.toFile(), true), pid, mode, clock);
    }

    private static void createPrivate(Path file) throws IOException {
        if (Files.exists(file)) {
            return;
        }
        try {
            if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(file);
            }
        } catch (FileAlreadyExistsException raced) {
            // Another process created it first: append to theirs.
        }
    }

    /**
     * Writes one record of a guarded call and counts it in {@link #counters()}; a denial identical to one
     * written before is only counted ({@link RepeatedDenials}). Returns the record as
     * written (a collapsed copy: as given, without a seq): stamped with {@code ts}, {@code seq}, {@code pid} and {@code mode}, {@code target},
     * {@code reason} and {@code thread} redacted.
     *
     * @throws IOException if the line could not be written; the record then has no seq and is not counted
     */
    public AuditRecord write(AuditRecord record) throws IOException {
        String key = RepeatedDenials.key(record);
        AuditRecord written;
        if (key == null) {
            written = append(record);
        } else {
            synchronized (lock) {
                if (closed) {
                    throw new IOException("agentguard: the audit log is closed");
                }
                if (repeats.repeat(key)) {
                    // An identical denial was written before: counted here and in the summary, not written again.
                    counters.increment(record.category(), record.decision());
                    return record;
                }
                written = append(record);
                repeats.written(key, written.seq());
            }
        }
        counters.increment(written.category(), written.decision());
        return written;
    }

    /** The key under which {@link #write} collapses copies of {@code record}; null for one it never collapses. */
    public static String repeatKey(AuditRecord record) {
        return RepeatedDenials.key(record);
    }

    /**
     * Counts one more copy of the denial written under {@code key} ({@link #repeatKey}), as {@link #write} counts
     * an identical denial, without the record being built; false when the log does not remember that key (never
     * written, or past its bound), and the caller then writes the record in full.
     *
     * @throws IOException if the log is closed
     */
    public boolean countRepeat(String key, Category category, AuditDecision decision) throws IOException {
        synchronized (lock) {
            if (closed) {
                throw new IOException("agentguard: the audit log is closed");
            }
            if (!repeats.repeat(key)) {
                return false;
            }
        }
        counters.increment(category, decision);
        return true;
    }

    /**
     * Writes the {@code guard}/{@code start} record that begins a run; {@code details} should hold the
     * guard version, policy path, policy SHA-256, mode and JDK version. Not counted.
     */
    public AuditRecord writeStart(Map<String, ?> details) throws IOException {
        return append(AuditRecord.builder(AuditDecision.ALLOW, Category.GUARD, "start", null)
                .details(details)
                .build());
    }

    /**
     * Writes the {@code guard}/{@code summary} record that ends a run, once: later calls write nothing
     * and return null, so the exit paths (normal exit, {@code System.exit}, SIGTERM) may all call it. Its
     * {@code details} are {@code counts} ({@link AuditCounters#snapshot()}) followed by {@code extra}
     * (for example budget usage). Not counted.
     */
    public AuditRecord writeSummary(Map<String, ?> extra) throws IOException {
        synchronized (lock) {
            if (summaryWritten) {
                return null;
            }
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("counts", counters.snapshot());
            repeats.describe(details);
            if (extra != null) {
                details.putAll(extra);
            }
            AuditRecord written = append(AuditRecord.builder(AuditDecision.ALLOW, Category.GUARD, "summary", null)
                    .details(details)
                    .build());
            summaryWritten = true;
            return written;
        }
    }

    /** Counts per category and decision; the guard adds the calls it decides but does not record. */
    public AuditCounters counters() {
        return counters;
    }

    /** The seq of the last record written, 0 before the first. */
    public long lastSeq() {
        synchronized (lock) {
            return lastSeq;
        }
    }

    private AuditRecord append(AuditRecord record) throws IOException {
        String target = Redactor.redact(record.target());
        String reason = Redactor.redact(record.reason());
        // Thread names are chosen by libraries, some after the URL a thread serves, user:password included.
        String thread = Redactor.redact(record.thread());
        synchronized (lock) {
            if (closed) {
                throw new IOException("agentguard: the audit log is closed");
            }
            long seq = lastSeq + 1;
            AuditRecord stamped = record.stamped(clock.getAsLong(), seq, pid, mode, target, reason, thread);
            LineBuffer line = buffer;
            line.reset();
            try {
                if (lineOpen) {
                    line.write('\n');
                }
                AuditJson.writeLine(stamped, line);
            } catch (IOException | RuntimeException e) {
                throw failure("cannot encode audit record", e);
            }
            try {
                sink.write(line.bytes(), 0, line.size());
            } catch (IOException | RuntimeException e) {
                lineOpen = true;
                throw failure("cannot write audit log", e);
            }
            lineOpen = false;
            lastSeq = seq;
            if (line.capacity() > KEEP_BUFFER_BYTES) {
                buffer = new LineBuffer();
            }
            return stamped;
        }
    }

    private static IOException failure(String what, Throwable cause) {
        StringBuilder message = new StringBuilder("agentguard: ").append(what).append(": ").append(cause);
        return new IOException(message.toString(), cause);
    }

    /**
     * Runs the whole write path once into a throwaway buffer (JSON generator, every kind of
     * {@code details} value, timestamp formatting, every redaction pattern, the stack walk, the
     * counters snapshot), so that no class is loaded for the first time while the hooks are in place.
     * Called by {@link #open}; harmless to call again. Writes nothing to the log.
     */
    public void preload() throws IOException {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("counts", counters.snapshot());
        nested.put("ratio", 0.5d);
        // The exact-number branch, through a BigInteger constant: a BigDecimal made here ran BigDecimal's class
        // initializer, whose power tables (BigInteger squaring) cost every start some 30 ms of CPU, its JIT
        // compilations included; the guard itself records no BigDecimal, and one handed in is initialized already.
        nested.put("exact", BigInteger.ONE);
        nested.put("flag", Boolean.TRUE);
        nested.put("none", null);
        List<Object> list = new ArrayList<>();
        list.add("x");
        list.add(1);
        nested.put("list", list);
        nested.put("array", new String[] {"a"});
        nested.put("enum", Mode.ENFORCE);
        String secrets = "-----BEGIN PRIVATE KEY----- x -----END PRIVATE KEY----- https://u:p@h Bearer abc "
                + "Authorization: Basic dXNlcjpwYXNz AKIAABCDEFGHIJKLMNOP sk-abcdefghijklmnopqrstu "
                + "ghp_abcdefghijklmnopqrstu xoxb-0123456789 ?api_key=a&b=c --password hunter2";
        AuditRecord sample = AuditRecord.builder(AuditDecision.WOULD_DENY, Category.FILE, "read", secrets)
                .rule("preload")
                .reason(secrets)
                .caller(CallerFinder.find())
                .bytes(1)
                .details(nested)
                .build()
                .stamped(clock.getAsLong(), 0, pid, mode, Redactor.redact(secrets), Redactor.redact(secrets),
                        Redactor.redact(secrets));
        AuditJson.writeLine(sample, new LineBuffer());
        failure("preload", new IOException("preload"));
    }

    /** Syncs the file to disk and closes it. Later writes fail. Idempotent. */
    @Override
    public void close() throws IOException {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            try {
                if (sink instanceof FileOutputStream) {
                    try {
                        ((FileOutputStream) sink).getFD().sync();
                    } catch (SyncFailedException notSyncable) {
                        // A pipe or terminal (audit file /dev/stderr): every line was already written.
                    }
                }
            } finally {
                sink.close();
            }
        }
    }

    /** A byte buffer whose array can be written without copying. */
    private static final class LineBuffer extends ByteArrayOutputStream {
        LineBuffer() {
            super(512);
        }

        byte[] bytes() {
            return buf;
        }

        int capacity() {
            return buf.length;
        }
    }

    /** Wall clock; a named class, not a lambda, to keep the write path free of lambda bootstraps. */
    private static final class SystemClock implements LongSupplier {
        static final SystemClock INSTANCE = new SystemClock();

        @Override
        public long getAsLong() {
            return System.currentTimeMillis();
        }
    }
}
