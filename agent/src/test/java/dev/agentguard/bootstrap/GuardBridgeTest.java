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
}
