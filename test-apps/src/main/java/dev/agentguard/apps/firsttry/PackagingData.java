package dev.agentguard.apps.firsttry;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * What a logger with packaging data does with a denial (Logback's {@code packagingData}, and any stack-trace
 * printer that shows versions): it asks each frame's class for its {@link Package}, the guard's exception
 * class among them. The guard's bridge lives in a jar in the temp folder, and the JDK reads that jar's
 * manifest on the first such call: it must not show as a denial of its own, hiding the real one.
 *
 * <p>Reads {@code args[0]} (a file the policy denies), then reports the package of the exception's class and
 * of every class in its stack trace, and prints the denial it caught. Last, tries the JDK's internal access
 * that the guard opens to its bridge for its last shutdown step.
 */
public final class PackagingData {
    private PackagingData() {}

    public static void main(String[] args) throws Exception {
        try (InputStream in = new FileInputStream(args[0])) {
            System.out.println("read " + in.read());
        } catch (SecurityException | IOException e) {
            describe(e.getClass());
            for (StackTraceElement frame : e.getStackTrace()) {
                try {
                    describe(Class.forName(frame.getClassName(), false, PackagingData.class.getClassLoader()));
                } catch (ClassNotFoundException hidden) {
                    System.out.println("package of " + frame.getClassName() + ": hidden class");
                }
            }
            System.out.println("caught: " + e.getMessage());
        }
        // The guard exports jdk.internal.access to the bridge alone (its last shutdown step): not to this code.
        try {
            Object access = Class.forName("jdk.internal.access.SharedSecrets").getMethod("getJavaLangAccess").invoke(null);
            System.out.println("internal access: granted " + access.getClass().getName());
        } catch (ReflectiveOperationException | RuntimeException e) {
            System.out.println("internal access: refused " + e.getClass().getSimpleName());
        }
    }

    private static void describe(Class<?> c) {
        Package p = c.getPackage();
        System.out.println("package of " + c.getName() + ": " + (p == null ? "none" : p.getName() + " "
                + p.getImplementationVersion()));
    }
}
