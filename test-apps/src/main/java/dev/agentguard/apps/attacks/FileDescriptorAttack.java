package dev.agentguard.apps.attacks;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.lang.reflect.Field;

/**
 * Opens streams on file descriptors instead of paths: a fresh {@code FileDescriptor}, the standard
 * streams' descriptors, and a descriptor whose number is set by reflection (which the JDK refuses without
 * {@code --add-opens}). Forging the number with {@code sun.misc.Unsafe} is in {@link GuardTamperAttack}.
 */
public final class FileDescriptorAttack implements Attack {
    public static void main(String[] args) {
        AttackSuite.runOne("FileDescriptorAttack", new FileDescriptorAttack());
    }

    @Override
    public void run(AttackTarget t, AttackReport report) {
        report.mustThrow("fd-new-filedescriptor-read", () -> {
            try (FileInputStream in = new FileInputStream(new FileDescriptor())) {
                in.read();
            }
        }, "read from a FileDescriptor that was never opened");
        report.mustThrow("fd-reflection-set-fd-field", () -> {
            FileDescriptor fd = new FileDescriptor();
            Field f = FileDescriptor.class.getDeclaredField("fd");
            f.setAccessible(true);
            f.setInt(fd, 0);
        }, "set FileDescriptor.fd by reflection");
        report.mustThrow("fd-reflection-filedescriptor-access", () -> {
            Class<?> secrets = Class.forName("jdk.internal.access.SharedSecrets");
            Object access = secrets.getMethod("getJavaIOFileDescriptorAccess").invoke(null);
            access.getClass().getMethod("set", FileDescriptor.class, int.class).invoke(access, new FileDescriptor(), 0);
        }, "reached JavaIOFileDescriptorAccess");
    }
}
