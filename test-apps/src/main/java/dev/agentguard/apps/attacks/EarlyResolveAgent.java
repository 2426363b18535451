package dev.agentguard.apps.attacks;

import java.lang.instrument.Instrumentation;
import java.net.InetAddress;

/**
 * An agent before the guard (in {@code JAVA_TOOL_OPTIONS}) that resolves a name in its {@code premain}, as
 * an agent naming its session after the host does: the JDK takes the first name-resolver provider on the
 * class path then, before the guard's hook exists. Its argument is the name.
 */
public final class EarlyResolveAgent {
    private EarlyResolveAgent() {}

    public static void premain(String name, Instrumentation instrumentation) throws Exception {
        System.out.println("EARLY " + name + " " + InetAddress.getByName(name).getHostAddress());
    }
}
