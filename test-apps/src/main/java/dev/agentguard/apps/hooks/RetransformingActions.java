package dev.agentguard.apps.hooks;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * {@link HookActions} after a retransformation of every hooked class by {@link RetransformAgent}: the same
 * ids as arguments. Prints {@code RETRANSFORMED <n> <seen>} (classes asked, and seen by the agent's own
 * transformer) and whether a JaCoCo agent instrumented this class ({@code JACOCO true|false}).
 */
public final class RetransformingActions {
    private RetransformingActions() {}

    public static void main(String[] ids) throws Exception {
        Set<String> classes = new LinkedHashSet<>();
        for (String id : ids) {
            classes.add(id.substring(0, id.indexOf('#')));
        }
        int count = RetransformAgent.retransform(new ArrayList<>(classes));
        System.out.println("RETRANSFORMED " + count + " " + RetransformAgent.SEEN.containsAll(classes));
        boolean jacoco = false;
        // JaCoCo adds $jacocoInit (and, for old class files, a $jacocoData field) to every class it instruments.
        for (java.lang.reflect.Method m : HookActions.class.getDeclaredMethods()) {
            jacoco |= m.getName().startsWith("$jacoco");
        }
        System.out.println("JACOCO " + jacoco);
        HookActions.main(ids);
    }
}
