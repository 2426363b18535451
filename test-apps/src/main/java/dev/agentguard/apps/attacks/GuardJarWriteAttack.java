package dev.agentguard.apps.attacks;

import java.io.FileOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;

/**
 * Changes guard.jar when it lies in a folder the policy lets the application write (a project that keeps
 * guard.jar in its work directory). The boot loader reads guard classes from that file lazily for as long as
 * the JVM runs ({@code Boot-Class-Path: guard.jar}), and every guarded child JVM is started with it: an
 * application that may rewrite or replace it chooses the next class the boot loader defines as the guard,
 * and the guard of every JVM it starts. The jar is found through the system property the test sets.
 * Each attempt is harmless to the running JVM if it gets through (an empty append, a time change, a move
 * and back, a copy onto a spare name and back); the effect is judged by the attempt not being refused.
 */
public final class GuardJarWriteAttack implements Attack {
    public static void main(String[] args) {
        AttackSuite.runOne("GuardJarWriteAttack", new GuardJarWriteAttack());
    }

    @Override
    public void run(AttackTarget t, AttackReport report) throws Exception {
        Path jar = Path.of(System.getProperty("ag.guardjar"));
        Path aside = jar.resolveSibling("guard-aside.jar");
        report.guardMustDeny("guardjar-nio-append", () -> Files.write(jar, new byte[0], StandardOpenOption.APPEND),
                "opened guard.jar for writing");
        report.guardMustDeny("guardjar-io-append", () -> new FileOutputStream(jar.toString(), true).close(),
                "opened guard.jar for writing through java.io");
        report.guardMustDeny("guardjar-set-times", () -> Files.setLastModifiedTime(jar, FileTime.fromMillis(0)),
                "changed guard.jar's times");
        report.guardMustDeny("guardjar-move-away", () -> {
            Files.move(jar, aside);
            Files.move(aside, jar);
        }, "moved guard.jar away (a replacement could take its name)");
        report.guardMustDeny("guardjar-replace", () -> {
            Files.copy(jar, aside);
            Files.copy(aside, jar, StandardCopyOption.REPLACE_EXISTING);
        }, "replaced guard.jar");
    }
}
