package dev.agentguard.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue-13 review, hole 3: the guard's own descriptors must not release the application's POSIX locks.
 * A child JVM ({@code LockKeepAttack}) locks {@code out/locked} with {@code FileChannel.lock()} and then does
 * guarded operations on that file and its folder, one per step. After each step this test, a second
 * process, tries to take the lock: it must find it held. Run without the agent as well, which shows that
 * every step keeps the lock when nothing but the JDK acts. Before the fix, the guard's leaf descriptor C of
 * a java.io write open ({@code new FileOutputStream(locked, true)}) released the lock.
 */
class LockKeepTest {
    @TempDir
    Path tmp;

    static int[] jdks() {
        return Jdks.REQUIRED;
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("jdks")
    void theGuardKeepsTheApplicationsLocks(int jdk) throws Exception {
        assertThat(run(jdk, true)).as("steps after which the lock was gone, under the guard").isEmpty();
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("jdks")
    void withoutTheGuardEveryStepKeepsTheLock(int jdk) throws Exception {
        assertThat(run(jdk, false)).as("steps after which the lock was gone, without the guard").isEmpty();
    }

    /** Runs the child; returns the steps after which this process could take the lock. */
    private List<String> run(int jdk, boolean guarded) throws Exception {
        Path root = tmp.toRealPath();
        Path work = Files.createDirectories(root.resolve("work"));
        Path out = Files.createDirectories(work.resolve("out"));
        Path sync = Files.createDirectories(out.resolve("sync"));
        Path locked = out.resolve("locked");
        Files.writeString(locked, "locked content\n");
        Path policy = root.resolve("policy.yaml");
        Files.writeString(policy, String.join("\n",
                "version: 1",
                "mode: enforce",
                "audit: {file: " + root.resolve("audit.jsonl") + "}",
                "files:",
                "  read: [\"" + work + "/**\"]",
                "  write: [\"" + out + "/**\"]",
                ""));
        ChildJvm child = ChildJvm.on(jdk).workdir(work).timeout(150);
        if (guarded) {
            child.agent(policy.toString());
        }
        CompletableFuture<ChildJvm.Result> running = CompletableFuture.supplyAsync(() -> {
            try {
                return child.run("dev.agentguard.apps.attacks.LockKeepAttack", out.toString(), sync.toString());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        List<String> released = new ArrayList<>();
        int steps = 15;
        for (int step = 0; step < steps && !running.isDone(); step++) {
            Path ready = sync.resolve("ready-" + step);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!Files.exists(ready) && !running.isDone() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            if (!Files.exists(ready)) {
                break;
            }
            if (!stillLocked(locked)) {
                released.add(Files.readString(ready));
            }
            Files.writeString(sync.resolve("ack-" + step), "checked");
        }
        ChildJvm.Result result = running.get(150, TimeUnit.SECONDS);
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout()).as(result.toString()).doesNotContain("FAILED").contains("STEP 14 ");
        return released;
    }

    /** Whether another process holds a lock on {@code file}: this one cannot take it. */
    private static boolean stillLocked(Path file) throws Exception {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                return true;
            }
            lock.release();
            return false;
        }
    }
}
