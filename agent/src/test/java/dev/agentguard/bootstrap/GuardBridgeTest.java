package dev.agentguard.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.FileDescriptor;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The bridge: fails closed on a broken guard, and never lets the guard check its own work. */
class GuardBridgeTest {
    @AfterEach
    void uninstall() {
        GuardBridge.uninstallForTests();
    }

    private static Guard guard(InvocationHandler handler) {
        return (Guard) Proxy.newProxyInstance(Guard.class.getClassLoader(), new Class<?>[] {Guard.class}, handler);
    }

    @Test
    void anUnexpectedErrorInACheckDenies() {
        GuardBridge.install(guard((proxy, method, args) -> {
            throw new IllegalStateException("boom");
        }));
        assertThatThrownBy(() -> GuardBridge.file(Guard.READ, "open", "/x"))
                .isInstanceOf(GuardDeniedException.class)
                .hasMessageStartingWith("agentguard: denied file open (rule guard-error)");
        assertThatThrownBy(() -> GuardBridge.start(new String[] {"true"}, null, null))
                .isInstanceOf(GuardDeniedException.class);
        assertThatThrownBy(() -> GuardBridge.getenv("HOME", "/root")).isInstanceOf(GuardDeniedException.class);
        assertThatThrownBy(() -> GuardBridge.connect("connect", null, 1)).isInstanceOf(GuardDeniedException.class);
        assertThatThrownBy(() -> GuardBridge.nativeLoad("z", null)).isInstanceOf(GuardDeniedException.class);
        assertThatThrownBy(() -> GuardBridge.fileDescriptor(new FileDescriptor()))
                .isInstanceOf(GuardDeniedException.class);
    }

    @Test
    void aDenialPassesThroughUnchanged() {
        GuardDeniedException denial = new GuardDeniedException("agentguard: denied file open /x (rule r): why", "r");
        GuardBridge.install(guard((proxy, method, args) -> {
            throw denial;
        }));
        assertThatThrownBy(() -> GuardBridge.file(Guard.WRITE, "open", "/x")).isSameAs(denial);
    }

    @Test
    void callsMadeInsideACheckAreNotCheckedAgain() {
        List<String> seen = new ArrayList<>();
        GuardBridge.install(guard((proxy, method, args) -> {
            seen.add((String) args[2]);
            // The guard's own file access while checking (say, resolving a real path) passes through.
            GuardBridge.file(Guard.READ, "open", "/inner");
            return null;
        }));
        GuardBridge.file(Guard.READ, "open", "/outer");
        assertThat(seen).containsExactly("/outer");
        // And the thread is not left inside: the next call is checked again.
        GuardBridge.file(Guard.READ, "open", "/again");
        assertThat(seen).containsExactly("/outer", "/again");
    }

    /**
     * Reserved, not yet installed (the hooks go in while the policy loads): another thread's hooked call waits
     * for the guard and is then checked by it, never let through; the reserving thread, marked with the key,
     * passes; and the install keeps the reserved key.
     */
    @Test
    void aHookedCallWaitsForAReservedGuardAndIsThenChecked() throws Exception {
        Object key = GuardBridge.reserve();
        assertThatThrownBy(GuardBridge::reserve).isInstanceOf(GuardDeniedException.class);
        GuardBridge.enterGuard(key);
        GuardBridge.file(Guard.READ, "open", "/own"); // the guard's own start-up work: not waited, not checked
        List<String> seen = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Throwable> thrown = java.util.Collections.synchronizedList(new ArrayList<>());
        Thread other = new Thread(() -> {
            try {
                GuardBridge.file(Guard.READ, "open", "/other");
            } catch (Throwable t) {
                thrown.add(t);
            }
        });
        other.start();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (other.getState() != Thread.State.TIMED_WAITING && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(other.getState()).isEqualTo(Thread.State.TIMED_WAITING);
        assertThat(seen).isEmpty();
        GuardBridge.exitGuard(key);
        Object installedKey = GuardBridge.install(guard((proxy, method, args) -> {
            seen.add((String) args[2]);
            throw new GuardDeniedException("agentguard: denied file open " + args[2] + " (rule r)", "r");
        }));
        assertThat(installedKey).isSameAs(key);
        other.join(10_000);
        assertThat(other.isAlive()).isFalse();
        assertThat(seen).containsExactly("/other");
        assertThat(thrown).singleElement().isInstanceOf(GuardDeniedException.class);
    }

    @Test
    void theGuardIsInstalledOnceAndThreadsAreMarkedOnlyWithItsKey() {
        Object key = GuardBridge.install(guard((proxy, method, args) -> null));
        assertThatThrownBy(() -> GuardBridge.install(guard((proxy, method, args) -> null)))
                .isInstanceOf(GuardDeniedException.class).hasMessageContaining("replacing the installed guard");
        assertThatThrownBy(() -> GuardBridge.markGuardThread(new Object()))
                .isInstanceOf(GuardDeniedException.class).hasMessageContaining("marking a thread");
        assertThatThrownBy(() -> GuardBridge.markGuardThread(null)).isInstanceOf(GuardDeniedException.class);
        assertThat(key).isNotNull();
    }

    @Test
    void aHeldPathIsNotCheckedTwiceButAnythingElseIs() {
        List<String> seen = new ArrayList<>();
        GuardBridge.install(guard((proxy, method, args) -> {
            seen.add(method.getName() + " " + args[2]);
            return null;
        }));
        String path = "/w/a";
        GuardBridge.holdFile(Guard.READ, "readAttributes", path, false);
        GuardBridge.file(Guard.READ, "getFileAttributeView", path);
        GuardBridge.file(Guard.READ, "open", new String("/w/a"));
        GuardBridge.file(Guard.WRITE, "open", path);
        GuardBridge.fileNoFollow(Guard.READ, "readlink", path);
        GuardBridge.releaseFile();
        GuardBridge.file(Guard.READ, "open", path);
        assertThat(seen).containsExactly("file /w/a", "file /w/a", "file /w/a", "fileNoFollow /w/a", "file /w/a");
    }

    @Test
    void aGuardThreadIsNeverChecked() throws Exception {
        List<String> seen = new ArrayList<>();
        Object key = GuardBridge.install(guard((proxy, method, args) -> {
            seen.add((String) args[2]);
            return null;
        }));
        Thread t = new Thread(() -> {
            GuardBridge.markGuardThread(key);
            GuardBridge.file(Guard.READ, "open", "/from-guard-thread");
        });
        t.start();
        t.join();
        assertThat(seen).isEmpty();
    }

    @Test
    void aGuardThreadCannotBeTamperedWithButOtherThreadsCan() throws Exception {
        List<String> tampered = new ArrayList<>();
        Object key = GuardBridge.install(guard((proxy, method, args) -> {
            tampered.add(method.getName() + " " + args[0] + " " + args[1]);
            return null;
        }));
        Thread watcher = new Thread(() -> { }, "agentguard-killswitch");
        assertThatThrownBy(() -> GuardBridge.protectThread(new Object(), watcher))
                .isInstanceOf(GuardDeniedException.class);
        GuardBridge.guardThread(watcher, "interrupt");
        GuardBridge.protectThread(key, watcher);
        assertThatThrownBy(() -> GuardBridge.guardThread(watcher, "interrupt"))
                .isInstanceOf(GuardDeniedException.class)
                .hasMessageStartingWith("agentguard: denied guard thread-interrupt agentguard-killswitch (rule protected)");
        assertThat(tampered).containsExactly("tamper thread-interrupt agentguard-killswitch");
        GuardBridge.guardThread(new Thread(() -> { }), "interrupt");
        GuardBridge.guardThread(Thread.currentThread(), "setName");
        // The guard's own work (inside a check, or on a guard thread) may touch its threads.
        GuardBridge.enterGuard(key);
        try {
            GuardBridge.guardThread(watcher, "setPriority");
        } finally {
            GuardBridge.exitGuard(key);
        }
        assertThat(tampered).hasSize(1);
    }

    @Test
    void aResolverProviderIsUsedOnlyWhenTheGuardSaysSo() {
        Object builtin = new Object();
        Object offered = new Object();
        Object refusing = new Object();
        GuardBridge.install(guard((proxy, method, args) -> args[0] == offered ? refusing : args[0]));
        assertThat(GuardBridge.resolverProvider(builtin, builtin)).isSameAs(builtin);
        assertThat(GuardBridge.resolverProvider(offered, builtin)).isSameAs(refusing);
        Object other = new Object();
        assertThat(GuardBridge.resolverProvider(other, builtin)).isSameAs(other);
    }

    @Test
    void aFailedResolverOrProcessCheckTrustsNothing() {
        GuardBridge.install(guard((proxy, method, args) -> {
            throw new IllegalStateException("boom");
        }));
        Object builtin = new Object();
        assertThat(GuardBridge.resolverProvider(new Object(), builtin)).isSameAs(builtin);
        assertThat(GuardBridge.processInfo(ProcessHandle.current())).isFalse();
        assertThatThrownBy(() -> GuardBridge.processSignal(ProcessHandle.current(), false))
                .isInstanceOf(GuardDeniedException.class).hasMessageContaining("guard-error");
        assertThat(GuardBridge.hiddenProcessInfo().commandLine()).isEmpty();
        assertThat(GuardBridge.hiddenProcessInfo().arguments()).isEmpty();
        assertThat(GuardBridge.hiddenProcessInfo().user()).isEmpty();
    }
}
