package dev.agentguard.bootstrap;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The {@code ProcessHandle.Info} of a process whose details the guard hides: every field is absent, which
 * the JDK documents as what an OS that withholds them gives ({@code ProcessHandle.Info} fields are optional).
 */
final class HiddenProcessInfo implements ProcessHandle.Info {
    static final HiddenProcessInfo INSTANCE = new HiddenProcessInfo();

    private HiddenProcessInfo() {}

    @Override
    public Optional<String> command() {
        return Optional.empty();
    }

    @Override
    public Optional<String> commandLine() {
        return Optional.empty();
    }

    @Override
    public Optional<String[]> arguments() {
        return Optional.empty();
    }

    @Override
    public Optional<Instant> startInstant() {
        return Optional.empty();
    }

    @Override
    public Optional<Duration> totalCpuDuration() {
        return Optional.empty();
    }

    @Override
    public Optional<String> user() {
        return Optional.empty();
    }

    @Override
    public String toString() {
        return "[hidden by agentguard]";
    }
}
