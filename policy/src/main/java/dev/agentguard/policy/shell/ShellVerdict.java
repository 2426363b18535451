package dev.agentguard.policy.shell;

import dev.agentguard.policy.Decision;
import java.util.List;

/**
 * The decision on a process start, with the parts it was made from when the start was a decomposed
 * shell script (empty otherwise).
 */
public record ShellVerdict(Decision decision, List<ShellPart> parts) {
    static ShellVerdict of(Decision decision) {
        return new ShellVerdict(decision, List.of());
    }
}
