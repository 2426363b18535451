package dev.agentguard.agent;

import dev.agentguard.agent.enforce.Enforcer;
import dev.agentguard.bootstrap.InstalledResolver;
import java.lang.instrument.Instrumentation;
import java.util.Map;
import java.util.Set;

/**
 * A name-resolver provider the JDK took before the guard's {@code loadResolver} hook was in (JDK 18+): an
 * agent before the guard on the command line or in {@code JAVA_TOOL_OPTIONS} that resolved a name in its
 * {@code premain}. The JDK takes a provider once per JVM, so the hook never sees that one. Checked once the
 * hooks are in: a resolver other than the JDK's built-in one is decided by {@code network.resolver} like the
 * hook would; refused in enforce mode, the JVM does not start (the provider's answers may already sit in the
 * JDK's lookup cache, so replacing it would not be enough).
 */
final class EarlyResolver {
    private EarlyResolver() {}

    /** Why the JVM must not start, or null. */
    static String refusal(Instrumentation instrumentation, Enforcer enforcer) {
        if (Runtime.version().feature() < 18) {
            return null;
        }
        Class<?> resolver;
        try {
            instrumentation.redefineModule(Object.class.getModule(), Set.of(), Map.of(),
                    Map.of("java.net", Set.of(InstalledResolver.class.getModule())), Set.of(), Map.of());
            resolver = InstalledResolver.current();
        } catch (ReflectiveOperationException | RuntimeException e) {
            return "cannot tell which name resolver the JDK installed before the guard: " + e;
        }
        // None yet (the hook decides at the first lookup), or the JDK's built-in resolver (PlatformResolver,
        // HostsFileResolver): only java.base defines classes in java.net.
        if (resolver == null || resolver.getName().startsWith("java.net.InetAddress$")) {
            return null;
        }
        // Anything else is decided, the guard's own refusing resolver too: a provider could return a proxy of
        // the same class, and a provider the hook refused in the moments since it went in is refused again.
        String provider = enforcer.earlyResolver(resolver.getName());
        return provider == null ? null : "the name-resolver provider " + provider + " was loaded before the guard"
                + " (by an agent before it that resolved a name) and network.resolver does not grant it; add it to"
                + " network.resolver, or put the guard first";
    }
}
