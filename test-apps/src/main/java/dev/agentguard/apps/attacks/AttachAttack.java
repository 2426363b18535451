package dev.agentguard.apps.attacks;

import java.util.Properties;

/**
 * Attaches to another JVM through {@code com.sun.tools.attach} (jdk.attach): the parent started a
 * victim JVM, without the guard, whose system properties hold a canary. Reading them back proves the
 * attach worked; from there {@code loadAgent} would run any code in the unguarded JVM. Also self-attach,
 * which would load another agent into this JVM (the JDK refuses it unless {@code jdk.attach.allowAttachSelf}).
 * Reflection keeps this class free of a compile-time dependency on jdk.attach.
 */
public final class AttachAttack implements Attack {
    public static void main(String[] args) {
        AttachAttack attack = new AttachAttack();
        AttackSuite.runOne("AttachAttack", attack);
    }

    @Override
    public void run(AttackTarget t, AttackReport report) {
        report.grab("attach-other-jvm-read-properties", () -> {
            if (t.victimPid() < 0) {
                throw new IllegalStateException("no victim JVM given");
            }
            Class<?> vmClass = Class.forName("com.sun.tools.attach.VirtualMachine");
            Object vm = attach(String.valueOf(t.victimPid()));
            try {
                // Through the public API type: the implementation class is not exported.
                Properties p = (Properties) vmClass.getMethod("getSystemProperties").invoke(vm);
                // The victim's canary is not this JVM's canary: translate a hit into one.
                return t.victimCanary().equals(p.getProperty("ag.victimCanary"))
                        ? "attached, victim canary read " + t.canary() : "attached, no canary";
            } finally {
                vmClass.getMethod("detach").invoke(vm);
            }
        });
        report.mustThrow("attach-self", () -> {
            Object vm = attach(String.valueOf(ProcessHandle.current().pid()));
            Class.forName("com.sun.tools.attach.VirtualMachine").getMethod("detach").invoke(vm);
        }, "attached to this JVM: another agent could be loaded");
    }

    private static Object attach(String pid) throws Exception {
        Class<?> vmClass = Class.forName("com.sun.tools.attach.VirtualMachine");
        try {
            return vmClass.getMethod("attach", String.class).invoke(null, pid);
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause() instanceof Exception ex ? ex : e;
        }
    }
}
