package dev.agentguard.apps.attacks;

/**
 * After {@link InstallSpoofAgent} tried to keep a hooked class out of the guard's install: loads the file named by
 * {@code args[0]} as a native library, and reads the environment variable named by {@code args[1]}; the policy
 * grants neither. The hooks must deny the load before the JVM opens the file (which is no library: unhooked, the
 * JVM answers "file too short" or the like) and answer null for the variable.
 */
public final class InstallSpoofApp {
    private InstallSpoofApp() {}

    public static void main(String[] args) {
        System.out.println("SPOOF " + InstallSpoofAgent.outcome);
        try {
            System.load(args[0]);
            System.out.println("LOAD ok");
        } catch (Throwable e) {
            System.out.println("LOAD " + e.getClass().getName() + ": " + e.getMessage());
        }
        System.out.println("ENV " + System.getenv(args[1]));
        if (args.length > 2) {
            // A chmod of a file the policy does not let it write, through a POSIX attribute view
            // (sun.nio.fs.UnixFileAttributeViews$Posix, the class the agent's "edge" mode aims at).
            java.nio.file.Path file = java.nio.file.Path.of(args[2]);
            try {
                java.nio.file.Files.getFileAttributeView(file, java.nio.file.attribute.PosixFileAttributeView.class)
                        .setPermissions(java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
                System.out.println("CHMOD done");
            } catch (Throwable e) {
                System.out.println("CHMOD " + e.getClass().getName() + ": " + e.getMessage());
            }
        }
    }
}
