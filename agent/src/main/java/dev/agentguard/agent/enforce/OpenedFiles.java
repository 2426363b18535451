package dev.agentguard.agent.enforce;

/**
 * The forms in which an open file is decided, from what the kernel says its descriptor is
 * ({@code readlink /proc/self/fd/N}, docs/design/kernel-objects.md).
 *
 * <ul>
 *   <li>An absolute path: the file where it is now, whatever name, link or swapped folder led to it.</li>
 *   <li>A path ending in {@code " (deleted)"}: the file was unlinked after the open, and the text is its
 *       old path plus that suffix; but a file may also be named so. Both readings are decided, and both
 *       must be granted.</li>
 *   <li>Anything else ({@code pipe:[7]}, {@code socket:[9]}, {@code anon_inode:...}): no object in the file
 *       system, one the process holds already (reached by name through {@code /proc/self/fd} or
 *       {@code /dev/stdin}). The name as given decides, and must be granted itself.</li>
 * </ul>
 */
final class OpenedFiles {
    static final String DELETED = " (deleted)";

    private OpenedFiles() {}

    /** The form decided first: the path the kernel names, without a " (deleted)" suffix; or the given form. */
    static String primary(String where, String given) {
        if (where == null || !where.startsWith("/")) {
            return given;
        }
        return isDeleted(where) ? where.substring(0, where.length() - DELETED.length()) : where;
    }

    /** The second form that must be granted too (the text with its suffix, as a name), or null. */
    static String alternate(String where) {
        return where != null && where.startsWith("/") && isDeleted(where) ? where : null;
    }

    private static boolean isDeleted(String where) {
        return where.endsWith(DELETED) && where.length() > DELETED.length() + 1;
    }
}
