package dev.agentguard.policy.file;

import dev.agentguard.policy.PatternException;

import java.util.Objects;

/**
 * One entry of {@code files.read}, {@code files.write} or {@code files.deny}: the id that decisions name
 * ({@code files.deny[0]}), the pattern as the user wrote it ({@code ${home}/.ssh/**}, shown in messages
 * because that is what the user can find in the policy), and the compiled glob of its expanded form.
 */
public record PathRule(String id, String written, PathGlob glob) {

    public PathRule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(written, "written");
        Objects.requireNonNull(glob, "glob");
    }

    /**
     * Compiles {@code expanded} (variables and {@code ~/} already expanded) into a rule.
     *
     * @throws PatternException as {@link PathGlob#compile}
     */
    public static PathRule compile(String id, String written, String expanded) throws PatternException {
        return new PathRule(id, written, PathGlob.compile(expanded));
    }
}
