package dev.agentguard.agent.enforce;

import java.util.Optional;

/**
 * Is a process this JVM's own: the JVM itself, or a process it started, or one of theirs? Decided on the
 * handle object (pid and start time, as {@code ProcessHandle.equals} compares them), by walking the
 * target's parents up to this JVM. The parent of each step is read with the child's start time checked,
 * so a recycled pid is not taken for an old child. Not a hot path: only signals and {@code info()} ask.
 */
final class OwnProcesses {
    /** Deeper trees than this are not followed; a process that deep is treated as not ours. */
    static final int MAX_DEPTH = 64;

    private OwnProcesses() {}

    static boolean isSelf(ProcessHandle target) {
        return ProcessHandle.current().equals(target);
    }

    /** True for a descendant of this JVM (a child it started, or a child's child...). */
    static boolean isDescendant(ProcessHandle target) {
        ProcessHandle self = ProcessHandle.current();
        ProcessHandle step = target;
        for (int i = 0; i < MAX_DEPTH; i++) {
            Optional<ProcessHandle> parent = step.parent();
            if (parent.isEmpty()) {
                return false;
            }
            step = parent.get();
            if (step.equals(self)) {
                return true;
            }
            if (step.pid() <= 1) {
                return false;
            }
        }
        return false;
    }
}
