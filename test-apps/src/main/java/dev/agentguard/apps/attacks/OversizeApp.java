package dev.agentguard.apps.attacks;

import java.io.FileInputStream;
import java.nio.charset.StandardCharsets;

/**
 * Runs {@link OversizeAgent}'s retransformation and redefinition of the hooked {@code FileInputStream},
 * then reads the file named by {@code args[0]}, which the policy denies: the read must still be checked.
 */
public final class OversizeApp {
    private OversizeApp() {}

    public static void main(String[] args) {
        System.out.println("RETRANSFORM " + OversizeAgent.retransform());
        System.out.println("REDEFINE " + OversizeAgent.redefine());
        try (FileInputStream in = new FileInputStream(args[0])) {
            System.out.println("READ ok " + new String(in.readAllBytes(), StandardCharsets.UTF_8).trim());
        } catch (Exception e) {
            System.out.println("READ denied " + e.getMessage());
        }
    }
}
