package dev.agentguard.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

/** A policy that {@code guard.jar suggest} wrote from an audit log, already passed through {@code guard.jar check}. */
record SuggestedPolicy(Path file, String text) {
    /** Runs {@code suggest AUDIT_LOG} on {@code jdk}, writes the output to {@code file}, and checks it. */
    static SuggestedPolicy of(int jdk, Path auditLog, Path file) throws Exception {
        ChildJvm.Result suggested = ChildJvm.on(jdk).guardCli("suggest", auditLog.toString());
        assertThat(suggested.exitCode()).as(suggested.toString()).isZero();
        Files.writeString(file, suggested.stdout());
        ChildJvm.Result check = ChildJvm.on(jdk).guardCli("check", file.toString());
        assertThat(check.exitCode()).as(check + "\n--- policy\n" + suggested.stdout()).isZero();
        return new SuggestedPolicy(file, suggested.stdout());
    }
}
