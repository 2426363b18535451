package dev.agentguard.policy.load;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Every problem found in one policy file, each as {@code file:line:col: message}. The loader keeps going
 * after a problem so that all of them are reported at once.
 */
public final class Problems {
    private final String file;
    private final List<String> lines = new ArrayList<>();

    public Problems(String file) {
        this.file = file;
    }

    public void add(int line, int column, String message) {
        lines.add(file + ":" + line + ":" + column + ": " + message);
    }

    public void add(YamlNode at, String message) {
        add(at.line(), at.column(), message);
    }

    /** A problem with the file as a whole (it cannot be read), without a position. */
    public void addWithoutPosition(String message) {
        lines.add(file + ": " + message);
    }

    public boolean isEmpty() {
        return lines.isEmpty();
    }

    public List<String> lines() {
        return Collections.unmodifiableList(lines);
    }
}
