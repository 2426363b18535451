package dev.agentguard.policy.nativecode;

import dev.agentguard.policy.Decision;
import dev.agentguard.policy.PatternException;
import dev.agentguard.policy.file.PathGlob;
import java.util.ArrayList;
import java.util.List;

/**
 * The compiled {@code native.load} section: which libraries {@code System.load}, {@code System.loadLibrary}
 * and their {@code Runtime} twins may load. An entry is a library name ({@code z}, {@code libz.so}) or an
 * absolute path glob matched against the real path of the library file. A name entry grants
 * {@code loadLibrary} of that name only; a path entry grants {@code load} of a matching file only. Nothing
 * else loads.
 */
public final class NativeRules {
    private final String[] ids;
    private final String[] written;
    private final String[] names;      // "z" for "z" and "libz.so"; null for a path entry
    private final PathGlob[] paths;    // null for a name entry
    private final Decision[] allowed;

    private NativeRules(List<String> ids, List<String> written, List<String> names, List<PathGlob> paths) {
        this.ids = ids.toArray(new String[0]);
        this.written = written.toArray(new String[0]);
        this.names = names.toArray(new String[0]);
        this.paths = paths.toArray(new PathGlob[0]);
        this.allowed = new Decision[this.ids.length];
        for (int i = 0; i < allowed.length; i++) {
            allowed[i] = Decision.allow(this.ids[i], "native library granted by " + this.ids[i]
                    + " '" + this.written[i] + "'");
        }
    }

    /** Builds the rules from entries as written and as expanded, ids {@code native.load[i]}. */
    public static final class Builder {
        private final List<String> ids = new ArrayList<>();
        private final List<String> written = new ArrayList<>();
        private final List<String> names = new ArrayList<>();
        private final List<PathGlob> paths = new ArrayList<>();

        public Builder add(String written, String expanded) throws PatternException {
            if (expanded.isEmpty()) {
                throw new PatternException("empty native library entry");
            }
            String name = null;
            PathGlob path = null;
            if (expanded.indexOf('/') >= 0) {
                path = PathGlob.compile(expanded);
            } else {
                name = libraryName(expanded);
            }
            ids.add("native.load[" + ids.size() + "]");
            this.written.add(written);
            names.add(name);
            paths.add(path);
            return this;
        }

        public NativeRules build() {
            return new NativeRules(ids, written, names, paths);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@code libz.so} and {@code libz.so.1} name the library {@code z}; a plain {@code z} is already a name. */
    static String libraryName(String fileOrName) {
        String name = fileOrName;
        if (name.startsWith("lib") && name.contains(".so")) {
            name = name.substring(3, name.indexOf(".so"));
        }
        return name;
    }

    /**
     * Decides one load.
     *
     * @param requestedName the name given to {@code loadLibrary}, or null for {@code load(path)}
     * @param file          the absolute, real path of the library file, or null when not yet known
     */
    public Decision decide(String requestedName, String file) {
        // A name entry grants loadLibrary of that name; a path entry grants load of a matching file. A name
        // does not grant load() of any file that happens to be called libNAME.so, wherever it lies.
        for (int i = 0; i < ids.length; i++) {
            if (names[i] != null) {
                if (requestedName != null && names[i].equals(libraryName(requestedName))) {
                    return allowed[i];
                }
            } else if (file != null && paths[i].matches(file)) {
                return allowed[i];
            }
        }
        String what = requestedName != null ? "library '" + requestedName + "'" : "library " + file;
        return Decision.deny("default-deny", "no native.load rule grants " + what, "granted: "
                + (written.length == 0 ? "none" : String.join(", ", written)));
    }

    public List<String> written() {
        return List.of(written);
    }
}
