package dev.agentguard.apps.lifecycle;

/**
 * A hello world that also uses a class of the platform class loader ({@code java.sql}): class-data sharing
 * must serve both it (an application class) and {@code java.sql.Timestamp} under the guard.
 */
public final class SharedClassesApp {
    private SharedClassesApp() {}

    public static void main(String[] args) {
        java.sql.Timestamp epoch = new java.sql.Timestamp(0L);
        System.out.println("hello " + (epoch.getClass().getClassLoader() == ClassLoader.getPlatformClassLoader()
                ? "platform" : "other"));
    }
}
