package dev.agentguard.agent.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentguard.policy.AuditSettings.Allowed;
import dev.agentguard.policy.Category;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class FirstSeenTest {

    @Test
    void eachDistinctTripleIsFirstOnce() {
        FirstSeen seen = new FirstSeen();
        assertThat(seen.firstTime(Category.FILE, "read", "/a")).isTrue();
        assertThat(seen.firstTime(Category.FILE, "read", "/a")).isFalse();
        assertThat(seen.firstTime(Category.FILE, "write", "/a")).isTrue();
        assertThat(seen.firstTime(Category.NETWORK, "read", "/a")).isTrue();
        assertThat(seen.firstTime(Category.FILE, "read", "/b")).isTrue();
        assertThat(seen.firstTime(Category.FILE, "read", null)).isTrue();
        assertThat(seen.firstTime(Category.FILE, "read", null)).isFalse();
        assertThat(seen.firstTime(Category.FILE, "read", "")).isTrue();
    }

    @Test
    void followsTheAllowedSetting() {
        FirstSeen seen = new FirstSeen();
        assertThat(seen.shouldRecordAllowed(Allowed.NONE, Category.ENV, "read", "HOME")).isFalse();
        assertThat(seen.shouldRecordAllowed(Allowed.FIRST, Category.ENV, "read", "HOME")).isTrue();
        assertThat(seen.shouldRecordAllowed(Allowed.FIRST, Category.ENV, "read", "HOME")).isFalse();
        assertThat(seen.shouldRecordAllowed(Allowed.ALL, Category.ENV, "read", "HOME")).isTrue();
        assertThat(seen.shouldRecordAllowed(Allowed.ALL, Category.ENV, "read", "HOME")).isTrue();
    }

    @Test
    void exactlyOneThreadWinsUnderContention() throws Exception {
        int threads = 16;
        int targets = 2_000;
        FirstSeen seen = new FirstSeen();
        AtomicInteger wins = new AtomicInteger();
        int[] winsPerTarget = new int[targets];
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < targets; i++) {
                        // A new String each time: equal, not identical, like real targets.
                        if (seen.firstTime(Category.FILE, "read", new String("/t/" + i))) {
                            wins.incrementAndGet();
                            synchronized (winsPerTarget) {
                                winsPerTarget[i]++;
                            }
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(wins.get()).isEqualTo(targets);
        for (int count : winsPerTarget) {
            assertThat(count).isEqualTo(1);
        }
    }

    @Test
    void beyondCapacityUnseenTriplesAreAlwaysRecorded() {
        FirstSeen seen = new FirstSeen(2);
        assertThat(seen.firstTime(Category.FILE, "read", "/a")).isTrue();
        assertThat(seen.firstTime(Category.FILE, "read", "/b")).isTrue();
        assertThat(seen.firstTime(Category.FILE, "read", "/c")).isTrue();
        assertThat(seen.firstTime(Category.FILE, "read", "/c")).isTrue();
        assertThat(seen.firstTime(Category.FILE, "read", "/a")).isFalse();
    }

    @Test
    void seenTripleAllocatesNothing() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        if (!(bean instanceof com.sun.management.ThreadMXBean)) {
            return;
        }
        com.sun.management.ThreadMXBean hotspot = (com.sun.management.ThreadMXBean) bean;
        FirstSeen seen = new FirstSeen();
        String op = "read";
        String target = "/home/user/project/file.txt";
        seen.firstTime(Category.FILE, op, target);
        for (int i = 0; i < 100_000; i++) { // warm up
            seen.shouldRecordAllowed(Allowed.FIRST, Category.FILE, op, target);
        }
        long tid = Thread.currentThread().getId();
        long before = hotspot.getThreadAllocatedBytes(tid);
        boolean any = false;
        for (int i = 0; i < 100_000; i++) {
            any |= seen.shouldRecordAllowed(Allowed.FIRST, Category.FILE, op, target);
        }
        long after = hotspot.getThreadAllocatedBytes(tid);
        assertThat(any).isFalse();
        // Tolerance for the measurement itself; 100,000 allocating calls would be megabytes.
        assertThat(after - before).isLessThan(1_024);
    }

    @Test
    void aTargetLongerThanThePathLimitIsNeverKeptAndAlwaysRecorded() {
        FirstSeen seen = new FirstSeen();
        String kept = "/" + "k".repeat(FirstSeen.LONGEST_TARGET - 1);
        assertThat(seen.firstTime(Category.FILE, "read", kept)).isTrue();
        assertThat(seen.firstTime(Category.FILE, "read", kept)).isFalse();
        String tooLong = "/" + "n".repeat(FirstSeen.LONGEST_TARGET);
        assertThat(seen.firstTime(Category.FILE, "read", tooLong)).isTrue();
        assertThat(seen.firstTime(Category.FILE, "read", tooLong)).as("not kept, so recorded again").isTrue();
    }

    @Test
    void beyondTheCharsUnseenTriplesAreAlwaysRecorded() {
        FirstSeen seen = new FirstSeen(1_000, 10);
        assertThat(seen.firstTime(Category.FILE, "read", "/abcd")).isTrue();
        assertThat(seen.firstTime(Category.FILE, "read", "/efgh")).isTrue();
        assertThat(seen.firstTime(Category.FILE, "read", "/abcd")).as("kept").isFalse();
        assertThat(seen.firstTime(Category.FILE, "read", "/ijkl")).as("15 chars > 10: not kept").isTrue();
        assertThat(seen.firstTime(Category.FILE, "read", "/ijkl")).isTrue();
        assertThat(seen.firstTime(Category.FILE, "read", "/efgh")).isFalse();
    }
}
