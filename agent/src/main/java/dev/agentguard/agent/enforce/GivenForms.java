package dev.agentguard.agent.enforce;

import dev.agentguard.policy.file.PathForms;

/**
 * The given forms ({@link PathForms#givenForm}) of relative paths, remembered. A relative text's given form is
 * a pure function of the text and the working directory, which is fixed for the guard's life (the JVM cannot
 * change it, and the start refuses a {@code user.dir} that is not the real working directory), so the same
 * text has the same given form every time. Making it allocates (the working directory joined to the text, then
 * normalized), and a read open made it twice, before the open and after it ({@link TextMemory}: finding one
 * allocates nothing). An absolute text that is already normalized is its own given form and is never stored,
 * and neither is a text longer than {@link TextMemory#LONGEST_KEPT}.
 */
final class GivenForms {
    static final int SLOTS = 512;

    private final TextMemory<String> forms = new TextMemory<>(SLOTS);
    private final String workdir;

    GivenForms(String workdir) {
        this.workdir = workdir;
    }

    /** The given form of {@code path} (what {@link PathForms#givenForm} returns for it). */
    String of(String path) {
        if (path.startsWith("/")) {
            return PathForms.givenForm(path, workdir);
        }
        String given = forms.find(path);
        if (given == null) {
            given = PathForms.givenForm(path, workdir);
            forms.remember(path, given);
        }
        return given;
    }
}
