package dev.agentguard.apps.attacks;

/**
 * A JVM without the guard for {@link AttachAttack} to attach to: started by the parent test with a canary
 * system property, it prints READY and waits (at most two minutes) to be killed.
 */
public final class AttachVictim {
    private AttachVictim() {}

    public static void main(String[] args) throws InterruptedException {
        System.out.println("READY");
        System.out.flush();
        Thread.sleep(120_000);
    }
}
