package dev.agentguard.policy.file;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * A path that no policy can open to the application (POLICY.md section 4): the policy file and the
 * killswitch (write), the audit log (read and write), {@code /proc/*}{@code /environ} and
 * {@code /proc/*}{@code /mem} (read and write).
 *
 * <p>The glob matches the path itself only, not what lies below it: protecting the killswitch's folder
 * must not protect a whole working directory that happens to hold it. Pass {@code dir/**} to protect a
 * tree. The label names the path in denials ("the audit log").
 */
public final class ProtectedPath {
    private final PathGlob glob;
    private final Set<FileAccess> blocks;
    private final String label;

    public ProtectedPath(PathGlob glob, Set<FileAccess> blocks, String label) {
        this.glob = Objects.requireNonNull(glob, "glob");
        this.blocks = blocks.isEmpty() ? EnumSet.noneOf(FileAccess.class) : EnumSet.copyOf(blocks);
        this.label = Objects.requireNonNull(label, "label");
    }

    public PathGlob glob() {
        return glob;
    }

    /** Whether this entry forbids {@code access}. */
    public boolean blocks(FileAccess access) {
        return blocks.contains(access);
    }

    public String label() {
        return label;
    }

    @Override
    public String toString() {
        return label + " " + glob.pattern() + " " + blocks;
    }
}
