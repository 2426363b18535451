package dev.agentguard.policy.file;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The two forms in which a path is checked (POLICY.md section 4): the form the application gave, and
 * the real form that the kernel will act on.
 *
 * <p>Why two forms: a rule on the given form alone is bypassed by a symbolic link inside a granted
 * directory that points at {@code ~/.ssh}; a rule on the real form alone surprises the user whose
 * granted directory is itself reached through a link. Checking both closes the first hole and makes
 * the second visible in the denial.
 *
 * <p>Paths are Unix paths ({@code /} separated). {@code workdir} must be absolute; it need not be
 * normalized.
 */
public final class PathForms {
    /** Symbolic links followed while resolving one path before giving up, as Linux does (ELOOP). */
    static final int MAX_LINKS = 40;

    private PathForms() {
    }

    /**
     * The path as the application gave it, made absolute against {@code workdir}, with {@code .},
     * {@code ..} (never above {@code /}), duplicate and trailing slashes removed lexically. No filesystem
     * access. An already normalized absolute path is returned as the same instance.
     */
    public static String givenForm(String path, String workdir) {
        if (isNormalizedAbsolute(path)) {
            return path;
        }
        return normalize(absolute(path, workdir));
    }

    /**
     * The path resolved the way the kernel would resolve it: made absolute against {@code workdir}, then
     * each component resolved in order, following symbolic links (so {@code /w/link/../x} resolves
     * {@code link} before the {@code ..}). The part of the path that does not exist yet is appended to
     * its deepest existing, resolved parent. A dangling symbolic link is followed to its target text, so
     * creating a file through it is checked where the file would appear. A component that cannot be
     * examined (no permission, not a directory, a link loop) is kept as it is.
     *
     * <p>Cost: this touches the filesystem, one {@code realpath} call when the whole path exists, else
     * one {@code lstat} per existing component plus one {@code readlink} per link. Callers should compute
     * it once per operation. The answer is as of the call; the filesystem may change before the guarded
     * operation runs.
     */
    public static String realForm(String path, String workdir) {
        String absolute = absolute(path, workdir);
        try {
            return Path.of(absolute).toRealPath().toString();
        } catch (IOException | InvalidPathException | SecurityException e) {
            // some component does not exist or cannot be read: resolve component by component
        }
        try {
            return resolveByComponents(absolute);
        } catch (InvalidPathException e) {
            // a NUL character: no operation on this path can succeed, the lexical form is enough
            return normalize(absolute);
        }
    }

    /**
     * The real form for an operation that acts on the last component itself and does not follow it when
     * it is a symbolic link (delete, rename, read or set attributes without following, read a link,
     * create a link): the real form of the parent plus the last name. With a trailing slash, or a last
     * component of {@code .} or {@code ..}, the kernel follows the last component, and so does this.
     */
    public static String realFormNoFollow(String path, String workdir) {
        String absolute = absolute(path, workdir);
        int slash = absolute.lastIndexOf('/');
        String leaf = absolute.substring(slash + 1);
        if (leaf.isEmpty() || leaf.equals(".") || leaf.equals("..")) {
            return realForm(absolute, workdir);
        }
        String parent = realForm(slash == 0 ? "/" : absolute.substring(0, slash), workdir);
        return parent.equals("/") ? "/" + leaf : parent + "/" + leaf;
    }

    /** The path made absolute against {@code workdir}, not normalized: what the JDK itself will open. */
    public static String absolute(String path, String workdir) {
        if (path.startsWith("/")) {
            return path;
        }
        String base = workdir.startsWith("/") ? workdir : "/" + workdir;
        return path.isEmpty() ? base : base + "/" + path;
    }

    private static boolean isNormalizedAbsolute(String p) {
        int n = p.length();
        if (n == 0 || p.charAt(0) != '/') {
            return false;
        }
        if (n == 1) {
            return true;
        }
        int start = 1;
        for (int i = 1; i <= n; i++) {
            if (i == n || p.charAt(i) == '/') {
                int len = i - start;
                if (len == 0
                        || len == 1 && p.charAt(start) == '.'
                        || len == 2 && p.charAt(start) == '.' && p.charAt(start + 1) == '.') {
                    return false;
                }
                start = i + 1;
            }
        }
        return true;
    }

    /**
     * The folders a path enters and leaves again with {@code ..} ({@code /w/.env} for {@code .env/../x}),
     * lexically normalized, deepest first per {@code ..}. The given form drops them, but the kernel still
     * looks each one up as a folder, and its answer ("Not a directory" where a file is there, "No such file"
     * where nothing is) tells whether that path exists; so each must be granted too. Empty, without
     * allocating, for a path with no {@code ..} in it (the common case).
     */
    public static List<String> leftWithDotDot(String path, String workdir) {
        if (path.indexOf("..") < 0) {
            return List.of();
        }
        List<String> out = new ArrayList<>(2);
        normalize(absolute(path, workdir), out);
        return out;
    }

    /** Lexical normalization of an absolute path. */
    static String normalize(String absolute) {
        return normalize(absolute, null);
    }

    /** {@link #normalize(String)}, adding to {@code left} (when not null) each folder a {@code ..} leaves. */
    private static String normalize(String absolute, List<String> left) {
        StringBuilder sb = new StringBuilder(absolute.length());
        int n = absolute.length();
        int start = 0;
        for (int i = 0; i <= n; i++) {
            if (i < n && absolute.charAt(i) != '/') {
                continue;
            }
            int len = i - start;
            if (len == 2 && absolute.charAt(start) == '.' && absolute.charAt(start + 1) == '.') {
                if (left != null && sb.length() > 0 && !left.contains(sb.toString())) {
                    left.add(sb.toString());
                }
                sb.setLength(Math.max(0, sb.lastIndexOf("/")));
            } else if (len > 0 && !(len == 1 && absolute.charAt(start) == '.')) {
                sb.append('/').append(absolute, start, i);
            }
            start = i + 1;
        }
        return sb.length() == 0 ? "/" : sb.toString();
    }

    private static String resolveByComponents(String absolute) {
        ArrayDeque<String> pending = new ArrayDeque<>();
        pushFront(pending, absolute);
        StringBuilder resolved = new StringBuilder();
        int missingDepth = 0;
        int links = 0;
        String name;
        while ((name = pending.pollFirst()) != null) {
            if (name.equals(".")) {
                continue;
            }
            if (name.equals("..")) {
                resolved.setLength(Math.max(0, resolved.lastIndexOf("/")));
                if (missingDepth > 0) {
                    missingDepth--;
                }
                continue;
            }
            int parentLength = resolved.length();
            resolved.append('/').append(name);
            if (missingDepth > 0) {
                missingDepth++;
                continue;
            }
            Path here = Path.of(resolved.toString());
            BasicFileAttributes attributes;
            String target;
            try {
                attributes = Files.readAttributes(here, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                if (!attributes.isSymbolicLink()) {
                    continue;
                }
                if (++links > MAX_LINKS) {
                    missingDepth = 1;
                    continue;
                }
                target = Files.readSymbolicLink(here).toString();
            } catch (IOException | SecurityException e) {
                missingDepth = 1;
                continue;
            }
            resolved.setLength(target.startsWith("/") ? 0 : parentLength);
            pushFront(pending, target);
        }
        return resolved.length() == 0 ? "/" : resolved.toString();
    }

    /** Puts the non-empty components of {@code path} at the front of {@code pending}, in order. */
    private static void pushFront(ArrayDeque<String> pending, String path) {
        int end = path.length();
        for (int i = path.length() - 1; i >= -1; i--) {
            if (i == -1 || path.charAt(i) == '/') {
                if (end > i + 1) {
                    pending.addFirst(path.substring(i + 1, end));
                }
                end = i;
            }
        }
    }
}
