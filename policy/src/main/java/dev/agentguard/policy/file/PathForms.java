package dev.agentguard.policy.file;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
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
     * creating a file through it is checked where the file would appear. Only "does not exist" and "not a
     * directory" end the walk this way (the kernel fails there too); any other error (a name too long, more
     * than {@value #MAX_LINKS} links, a folder that cannot be searched, a name that is not valid in the
     * JDK's encoding) throws {@link UndecidablePathException}: the rest of the path cannot be decided
     * lexically, since the kernel may resolve it differently.
     *
     * <p>Cost: this touches the filesystem, one {@code realpath} call when the whole path exists, else
     * one {@code lstat} per existing component plus one {@code readlink} per link. Callers should compute
     * it once per operation. The answer is as of the call; the filesystem may change before the guarded
     * operation runs.
     */
    public static String realForm(String path, String workdir) {
        String absolute = absolute(path, workdir);
        if (absolute.indexOf(UNDECODABLE) >= 0) {
            // U+FFFD stands for bytes the JDK could not decode; encoded again it names another file.
            throw new UndecidablePathException("it holds U+FFFD, which stands for a name not valid in the JDK's"
                    + " file name encoding (sun.jnu.encoding), so it names another file; rename the file or run in"
                    + " a locale that can read it");
        }
        try {
            String real = Path.of(absolute).toRealPath().toString();
            if (real.indexOf(UNDECODABLE) < 0) {
                return real;
            }
            // A name on the way is not valid in the JDK's encoding: its text names another file.
            throw new UndecidablePathException("a name on its real path is not valid in the JDK's file name"
                    + " encoding (sun.jnu.encoding), so its text names another file; rename it or run in a"
                    + " locale that can read it");
        } catch (IOException | InvalidPathException | SecurityException e) {
            // some component does not exist or cannot be read: resolve component by component
        }
        if (absolute.indexOf('\0') >= 0) {
            // A NUL character: the JDK refuses the path before any system call, so the lexical form is enough.
            return normalize(absolute);
        }
        try {
            return resolveByComponents(absolute);
        } catch (InvalidPathException e) {
            throw new UndecidablePathException("its name cannot be written in the JDK's file name encoding"
                    + " (sun.jnu.encoding), so the kernel would get another name; use names the locale can encode");
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
            } catch (NoSuchFileException e) {
                missingDepth = 1;
                continue;
            } catch (IOException | SecurityException e) {
                if (notADirectory(resolved.substring(0, parentLength))) {
                    // "Not a directory": the kernel fails here too, whatever follows.
                    missingDepth = 1;
                    continue;
                }
                throw unresolvable(e);
            }
            if (!attributes.isSymbolicLink()) {
                continue;
            }
            if (++links > MAX_LINKS) {
                throw new UndecidablePathException("it passes through more than " + MAX_LINKS + " symbolic links"
                        + " (a loop of links), which the kernel refuses; remove the loop or use the path it means");
            }
            try {
                target = Files.readSymbolicLink(here).toString();
            } catch (IOException | SecurityException e) {
                throw unresolvable(e);
            }
            if (target.indexOf(UNDECODABLE) >= 0) {
                // The link's bytes are not valid in the JDK's encoding: its text names some other file.
                throw new UndecidablePathException("a symbolic link on it points to a name that is not valid in the"
                        + " JDK's file name encoding (sun.jnu.encoding); rename the target or run in a locale that"
                        + " can read it");
            }
            resolved.setLength(target.startsWith("/") ? 0 : parentLength);
            pushFront(pending, target);
        }
        return resolved.length() == 0 ? "/" : resolved.toString();
    }

    /** U+FFFD, what the JDK puts in a name for bytes that are not valid in its file name encoding. */
    static final char UNDECODABLE = '\uFFFD';

    /**
     * Whether {@code parent} (resolved, not a link) is there and not a folder: then an error below it is the
     * kernel's "Not a directory". Whatever keeps it from being examined is an error too.
     */
    private static boolean notADirectory(String parent) {
        try {
            return !Files.readAttributes(Path.of(parent.isEmpty() ? "/" : parent), BasicFileAttributes.class)
                    .isDirectory();
        } catch (IOException | SecurityException e) {
            throw unresolvable(e);
        }
    }

    /**
     * The denial for a component that exists (or may) but cannot be examined: a name too long, a folder that
     * cannot be searched, or any other error but "does not exist" and "not a directory".
     */
    private static UndecidablePathException unresolvable(Exception e) {
        if (e instanceof AccessDeniedException || e instanceof SecurityException) {
            return new UndecidablePathException("a folder on it cannot be searched (permission denied), so the guard"
                    + " cannot see where its links lead; use a path through folders the JVM's user can read");
        }
        String reason = e instanceof FileSystemException && ((FileSystemException) e).getReason() != null
                ? ((FileSystemException) e).getReason() : e.getClass().getSimpleName();
        return new UndecidablePathException("resolving it failed (" + reason + "), so the guard cannot tell which"
                + " file the kernel would use; use a shorter path (under 4096 bytes, each name under 256)"
                + " without loops of links");
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
