package dev.agentguard.apps.lifecycle;

/**
 * Ends the JVM in one of the ways the audit summary must survive: {@code return} (normal exit),
 * {@code exit} (System.exit(3)), or {@code wait} (sleeps until the parent sends SIGTERM; bounded to 60 s).
 * It reads one hidden variable first, so the summary has a denial to count.
 */
public final class ExitModes {
    private ExitModes() {}

    public static void main(String[] args) throws Exception {
        System.getenv("AG_HIDDEN");
        System.out.println("READY");
        System.out.flush();
        switch (args[0]) {
            case "exit":
                System.exit(3);
                break;
            case "wait":
                Thread.sleep(60_000);
                break;
            default:
                break;
        }
    }
}
