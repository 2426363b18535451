package dev.agentguard.agent.budget;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TokenBucketTest {
    static final long MINUTE = TimeUnit.MINUTES.toNanos(1);

    @Test
    void aFullBucketGivesItsTokensThenRefillsContinuously() {
        TokenBucket bucket = new TokenBucket(5, MINUTE, 0);
        for (int i = 0; i < 5; i++) {
            assertThat(bucket.tryTake(0)).as("token " + i).isTrue();
        }
        assertThat(bucket.tryTake(0)).isFalse();
        // One token comes back every 12 s, not all at once at the end of the minute.
        assertThat(bucket.tryTake(TimeUnit.SECONDS.toNanos(11))).isFalse();
        assertThat(bucket.tryTake(TimeUnit.SECONDS.toNanos(12))).isTrue();
        assertThat(bucket.tryTake(TimeUnit.SECONDS.toNanos(12))).isFalse();
        // After a long idle time the bucket is full again, never fuller.
        long later = TimeUnit.HOURS.toNanos(1);
        int taken = 0;
        while (bucket.tryTake(later)) {
            taken++;
        }
        assertThat(taken).isEqualTo(5);
    }

    @Test
    void severalTokensAreTakenAllOrNone() {
        TokenBucket bucket = new TokenBucket(5, MINUTE, 0);
        assertThat(bucket.tryTake(0, 2)).isTrue();
        assertThat(bucket.tryTake(0, 2)).isTrue();
        assertThat(bucket.tryTake(0, 2)).as("2 asked, 1 left").isFalse();
        assertThat(bucket.tryTake(0, 1)).as("the refused take left its token").isTrue();
        assertThat(bucket.tryTake(0, 1)).isFalse();
        // Two tokens are back after two intervals (12 s each at 5/min), not after one.
        assertThat(bucket.tryTake(MINUTE / 5, 2)).isFalse();
        assertThat(bucket.tryTake(2 * MINUTE / 5, 2)).isTrue();
        assertThat(new TokenBucket(5, MINUTE, 0).tryTake(0, 6)).as("more than the bucket ever holds").isFalse();
        assertThat(new TokenBucket(5, MINUTE, 0).tryTake(0, 0)).isFalse();
    }

    @Test
    void sixteenThreadsNeverGetMoreThanTheBucketHolds() throws Exception {
        for (int round = 0; round < 20; round++) {
            TokenBucket bucket = new TokenBucket(1000, MINUTE, 0);
            AtomicInteger granted = new AtomicInteger();
            CountDownLatch start = new CountDownLatch(1);
            Thread[] threads = new Thread[16];
            for (int t = 0; t < threads.length; t++) {
                threads[t] = new Thread(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    for (int i = 0; i < 500; i++) {
                        if (bucket.tryTake(1)) {
                            granted.incrementAndGet();
                        }
                    }
                });
                threads[t].start();
            }
            start.countDown();
            for (Thread t : threads) {
                t.join();
            }
            // 16 x 500 = 8000 attempts within one nanosecond: exactly the 1000 tokens of the full bucket.
            assertThat(granted.get()).isEqualTo(1000);
        }
    }
}
