package dev.agentguard.agent.budget;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A token bucket of {@code tokens} per {@code periodNanos}, refilled continuously, starting full. Kept as
 * one atomic "theoretical arrival time" (the generic cell rate algorithm): a take succeeds when the bucket
 * would not be over-full after it, and advances that time by one emission interval. Lock-free and
 * allocation-free; safe under any number of threads, and never grants more than the bucket holds.
 */
public final class TokenBucket {
    private final long intervalNanos;
    private final long toleranceNanos;
    private final AtomicLong arrival;
    private final long tokens;
    private final long periodNanos;

    public TokenBucket(long tokens, long periodNanos, long nowNanos) {
        if (tokens <= 0 || periodNanos <= 0) {
            throw new IllegalArgumentException("a bucket needs tokens and a period");
        }
        this.tokens = tokens;
        this.periodNanos = periodNanos;
        this.intervalNanos = Math.max(1, periodNanos / tokens);
        // A full bucket lets `tokens` takes through at once: tolerance covers tokens - 1 intervals.
        this.toleranceNanos = intervalNanos * (tokens - 1);
        this.arrival = new AtomicLong(nowNanos);
    }

    /** Takes one token at {@code nowNanos} (a {@link System#nanoTime()} reading); false when the bucket is empty. */
    public boolean tryTake(long nowNanos) {
        return tryTake(nowNanos, 1);
    }

    /**
     * Takes {@code count} tokens at once, or none: false when the bucket holds fewer (a process pipeline's
     * stages, which must all start or none).
     */
    public boolean tryTake(long nowNanos, int count) {
        if (count < 1 || count > tokens) {
            return false;
        }
        long lastToken = intervalNanos * (count - 1);
        while (true) {
            long tat = arrival.get();
            long base = Math.max(tat, nowNanos);
            if (base + lastToken - nowNanos > toleranceNanos) {
                return false;
            }
            if (arrival.compareAndSet(tat, base + lastToken + intervalNanos)) {
                return true;
            }
        }
    }

    public long tokens() {
        return tokens;
    }

    public long periodNanos() {
        return periodNanos;
    }
}
