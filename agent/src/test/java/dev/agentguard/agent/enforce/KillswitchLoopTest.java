package dev.agentguard.agent.enforce;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentguard.bootstrap.Guard;
import dev.agentguard.bootstrap.GuardBridge;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The killswitch watcher keeps watching whatever reaches it: interrupts (should one get past the bridge,
 * here there are no hooks at all) and a listener that throws. Without the guard's hooks, this is the loop
 * alone.
 */
class KillswitchLoopTest {
    @TempDir
    Path dir;

    @AfterEach
    void uninstall() throws Exception {
        Method m = GuardBridge.class.getDeclaredMethod("uninstallForTests");
        m.setAccessible(true);
        m.invoke(null);
    }

    @Test
    void interruptsAndFailingRoundsDoNotEndTheLoop() throws Exception {
        Object key = GuardBridge.install((Guard) Proxy.newProxyInstance(Guard.class.getClassLoader(),
                new Class<?>[] {Guard.class}, (proxy, method, args) -> null));
        Path file = dir.resolve("STOP");
        LinkedBlockingQueue<Boolean> changes = new LinkedBlockingQueue<>();
        Killswitch killswitch = new Killswitch(file.toString(), tripped -> {
            changes.add(tripped);
            throw new IllegalStateException("the audit record could not be written");
        });
        killswitch.start(key);
        Thread watcher = watcher();
        assertThat(watcher.getThreadGroup().getName()).isEqualTo("agentguard");
        for (int i = 0; i < 5; i++) {
            watcher.interrupt();
            Thread.sleep(20);
        }
        Files.createFile(file);
        assertThat(changes.poll(5, TimeUnit.SECONDS)).as("tripped after 5 interrupts").isTrue();
        assertThat(killswitch.tripped()).isTrue();
        Files.delete(file);
        assertThat(changes.poll(5, TimeUnit.SECONDS)).as("cleared after a listener that threw").isFalse();
        assertThat(watcher.isAlive()).isTrue();
    }

    private static Thread watcher() {
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().equals("agentguard-killswitch") && t.isAlive()) {
                return t;
            }
        }
        throw new AssertionError("no watcher thread");
    }
}
