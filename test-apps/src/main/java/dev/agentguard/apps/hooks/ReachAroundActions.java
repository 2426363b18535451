package dev.agentguard.apps.hooks;

import java.net.InetAddress;
import java.nio.file.FileSystems;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchService;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Actions for the JDK machinery that reaches around the plain APIs: {@code InetAddress.isReachable},
 * {@code WatchService} registration (policy-dependent, like files and connects), and {@code ProcessHandle}
 * signals and {@code info()} (fixed: a process this JVM started is always the agent's, any other never).
 */
final class ReachAroundActions {
    /** Granted by both sandbox policies, so the fixed process actions have a child of their own. */
    static final String[] OWN_CHILD = {"sleep", "7"};

    private ReachAroundActions() {}

    static void register(Map<String, HookActions.Spec> actions) {
        registerResolver(actions);
        actions.put("java.net.InetAddress#isReachable(Ljava/net/NetworkInterface;II)",
                new HookActions.Spec("network", null, s -> "reachable: "
                        + InetAddress.getByAddress(new byte[] {127, 0, 0, 1}).isReachable(300)));
        actions.put("sun.nio.fs.UnixPath#register(Ljava/nio/file/WatchService;[Ljava/nio/file/WatchEvent$Kind;"
                + "[Ljava/nio/file/WatchEvent$Modifier;)", new HookActions.Spec("file", null, s -> {
                    try (WatchService watcher = FileSystems.getDefault().newWatchService()) {
                        return "watching: " + s.file("nio-dir").register(watcher, StandardWatchEventKinds.ENTRY_CREATE)
                                .isValid();
                    }
                }));
    }

    /**
     * JDK 18+: the test puts a resolver provider on the class path (see the test's ResolverProviderJar) that
     * answers this name itself; a lookup of it reaches the resolver the guard let the JDK take.
     */
    static void registerResolver(Map<String, HookActions.Spec> actions) {
        actions.put("java.net.InetAddress#loadResolver()", new HookActions.Spec("network", null,
                s -> "resolver-probe.test is " + InetAddress.getByName("resolver-probe.test").getHostAddress()));
    }

    static void registerFixed(Map<String, HookActions.Fixed> actions) {
        actions.put("java.lang.ProcessHandleImpl#destroyProcess(Z)", new HookActions.Fixed("process",
                s -> {
                    Process child = new ProcessBuilder(OWN_CHILD).start();
                    boolean sent = child.toHandle().destroy();
                    return "signalled our own child: " + sent + ", ended " + child.waitFor(10, TimeUnit.SECONDS);
                },
                s -> "signalled the victim: " + victim().destroy()));
        actions.put("java.lang.ProcessHandleImpl#info()", new HookActions.Fixed("process",
                s -> {
                    Process child = new ProcessBuilder(OWN_CHILD).start();
                    try {
                        return "our own child's command line: " + child.info().commandLine().orElseThrow();
                    } finally {
                        child.destroyForcibly();
                    }
                },
                s -> victim().info().commandLine().map(c -> "the victim's command line: " + c)
                        .orElse(Sandbox.HIDDEN + " the victim's command line")));
    }

    /** A process the parent test started outside this JVM (-Dag.victimPid): not this JVM's to signal or read. */
    private static ProcessHandle victim() {
        return ProcessHandle.of(Long.getLong("ag.victimPid", -1L)).orElseThrow(
                () -> new IllegalStateException("the victim process (-Dag.victimPid) is not running"));
    }
}
