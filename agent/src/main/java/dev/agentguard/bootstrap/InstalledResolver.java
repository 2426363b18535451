package dev.agentguard.bootstrap;

import java.lang.reflect.Field;
import java.net.InetAddress;

/**
 * The class of the name resolver {@code InetAddress} has already installed (its private static
 * {@code resolver} field, JDK 18+), or null when none is yet. Read from the bootstrap class path: the guard
 * opens {@code java.net} to this module only (the boot loader's unnamed module, which the application cannot
 * put classes in), never to the application's. Only the class is handed out: this method is public, and
 * the resolver itself would let a caller resolve names below the guard's checks.
 */
public final class InstalledResolver {
    private InstalledResolver() {}

    public static Class<?> current() throws ReflectiveOperationException {
        Field field = InetAddress.class.getDeclaredField("resolver");
        field.setAccessible(true);
        Object resolver = field.get(null);
        return resolver == null ? null : resolver.getClass();
    }
}
