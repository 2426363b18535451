package dev.agentguard.apps.hooks;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A second agent on the command line, as coverage and tracing agents are: registers a retransform-capable
 * transformer of its own and retransforms whatever {@link RetransformingActions} asks, after the guard's
 * hooks are in. The guard's hooks must survive it.
 */
public final class RetransformAgent {
    private static volatile Instrumentation instrumentation;
    /** Classes this agent's own transformer saw being retransformed. */
    static final Set<String> SEEN = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private RetransformAgent() {}

    public static void premain(String args, Instrumentation inst) {
        instrumentation = inst;
        inst.addTransformer(new Watcher(), true);
    }

    /** Retransforms every named class at once; returns how many. */
    static int retransform(List<String> classNames) throws Exception {
        Instrumentation inst = instrumentation;
        if (inst == null) {
            throw new IllegalStateException("RetransformAgent is not on the command line");
        }
        Set<Class<?>> classes = new LinkedHashSet<>();
        for (String name : classNames) {
            classes.add(Class.forName(name, false, null));
        }
        inst.retransformClasses(classes.toArray(new Class<?>[0]));
        return classes.size();
    }

    /** Returns the bytes unchanged (null), as an agent that finds nothing to change in a class does. */
    private static final class Watcher implements ClassFileTransformer {
        @Override
        public byte[] transform(ClassLoader loader, String name, Class<?> redefined, ProtectionDomain domain,
                                byte[] bytes) {
            if (redefined != null && name != null) {
                SEEN.add(name.replace('/', '.'));
            }
            return null;
        }
    }
}
