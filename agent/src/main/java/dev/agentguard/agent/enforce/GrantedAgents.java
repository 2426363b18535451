package dev.agentguard.agent.enforce;

import dev.agentguard.policy.Decision;
import java.net.URL;
import java.nio.file.Path;
import java.security.CodeSource;

/**
 * Links an allowed {@code JVMTI.agent_load} of a granted Java agent jar to the {@code agentmain} call the
 * JPLIS agent then makes on the same thread, inside the same diagnostic command: only that call, for the
 * jar's own {@code Agent-Class}, loaded from that jar, is let through. Every diagnostic command clears what
 * an earlier one left (a load the JVM gave up on), and the first {@code agentmain} consumes it.
 */
final class GrantedAgents {
    /** A plain class, not a record: a record's generated methods bootstrap call sites (check-time code). */
    private static final class Pending {
        final String agentClass;
        final String jar;
        final Decision decision;

        Pending(String agentClass, String jar, Decision decision) {
            this.agentClass = agentClass;
            this.jar = jar;
            this.decision = decision;
        }
    }

    /** A named class, not a lambda (hooked paths). */
    private static final class PendingLocal extends ThreadLocal<Pending> {}

    private final PendingLocal pending = new PendingLocal();

    void clear() {
        pending.remove();
    }

    void expect(String agentClass, String jar, Decision decision) {
        pending.set(new Pending(agentClass, jar, decision));
    }

    /** The decision on {@code agentmain} of {@code agentClass} on this thread. */
    Decision agentmain(String agentClass) {
        Pending expected = pending.get();
        pending.remove();
        if (expected == null) {
            return NOT_GRANTED;
        }
        if (!expected.agentClass.equals(agentClass)) {
            return Decision.deny("protected", "the JVM is starting the agent class " + agentClass + ", not the"
                    + " Agent-Class " + expected.agentClass + " of the granted jar " + expected.jar);
        }
        String from = loadedFrom(agentClass);
        if (!expected.jar.equals(from)) {
            return Decision.deny("protected", "the agent class " + agentClass + " resolves to "
                    + (from == null ? "a class with no jar" : from) + ", not to the granted jar " + expected.jar
                    + " (an earlier class-path entry holds a class of that name)");
        }
        return expected.decision;
    }

    /**
     * The real path of the jar the system class loader takes {@code agentClass} from: the class the JPLIS
     * agent will call (loaded here, not initialized), or null.
     */
    private static String loadedFrom(String agentClass) {
        try {
            Class<?> type = Class.forName(agentClass, false, ClassLoader.getSystemClassLoader());
            CodeSource source = type.getProtectionDomain().getCodeSource();
            URL location = source == null ? null : source.getLocation();
            return location == null ? null : Path.of(location.toURI()).toRealPath().toString();
        } catch (Exception | LinkageError e) {
            return null;
        }
    }

    static final Decision NOT_GRANTED = Decision.deny("protected", "a Java agent loaded after start-up would get"
            + " an Instrumentation and could remove the guard's hooks; grant a profiler's jar in jvm.agents and"
            + " load it in-process with JVMTI.agent_load, or put agents on the command line (-javaagent)");
}
