package dev.agentguard.apps.attacks;

/**
 * Runs attacks in one JVM, in the order given: {@code AttackSuite ExecAttack EnvAttack ...} (simple class
 * names of this package). An attack that crashes prints {@code ATTACK <class> ERROR}: a broken attack
 * proves nothing, and the parent test fails on it.
 */
public final class AttackSuite {
    private AttackSuite() {}

    public static void main(String[] args) {
        for (String name : args) {
            Attack attack;
            try {
                attack = (Attack) Class.forName(AttackSuite.class.getPackageName() + "." + name)
                        .getDeclaredConstructor().newInstance();
            } catch (ReflectiveOperationException e) {
                System.out.println("ATTACK " + name + " ERROR no such attack: " + e);
                continue;
            }
            runOne(name, attack);
        }
        System.out.flush();
    }

    /** Every attack's own {@code main} runs just itself through this. */
    static void runOne(String name, Attack attack) {
        AttackTarget target = AttackTarget.fromSystemProperties();
        AttackReport report = new AttackReport(System.out, target.canary());
        try {
            attack.run(target, report);
        } catch (Throwable t) {
            System.out.println("ATTACK " + name + " ERROR the attack itself failed: " + AttackReport.oneLine(t.toString()));
            t.printStackTrace();
        }
        System.out.flush();
    }
}
