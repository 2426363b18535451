package dev.agentguard.agent.suggest;

import java.util.Map;

/**
 * Which file access an audit {@code op} needs: the one place that maps the op names the file hooks write
 * (agent/.../hooks/file and hooks/nio; many are the hooked method's name) to {@code files.read} or
 * {@code files.write} (POLICY.md section 4).
 *
 * <p>Two ops have a read leg and a write leg under one name ({@code copy}: read the source, write the
 * target; {@code symlink}: read what it points to, write the link). For those, and for an op this table
 * does not know, the record's own decision says which list it was checked against: its rule
 * ({@code files.read[2]}, {@code files.write[0]}) or the reason of a default denial ("no files.write rule
 * grants ..."). {@code FileOpsTest} ties the table to the hook table, so a new hook cannot slip past it.
 */
final class FileOps {
    enum Access { READ, WRITE }

    private static final Map<String, Access> OPS = Map.ofEntries(
            // java.io streams, RandomAccessFile and java.io.File
            Map.entry("open", Access.READ),
            Map.entry("open-write", Access.WRITE),
            Map.entry("append", Access.WRITE),
            Map.entry("open-rw", Access.WRITE),
            Map.entry("list", Access.READ),
            Map.entry("canonicalize", Access.READ),
            Map.entry("canRead", Access.READ),
            Map.entry("canWrite", Access.READ),
            Map.entry("canExecute", Access.READ),
            Map.entry("exists", Access.READ),
            Map.entry("isDirectory", Access.READ),
            Map.entry("isFile", Access.READ),
            Map.entry("isHidden", Access.READ),
            Map.entry("lastModified", Access.READ),
            Map.entry("length", Access.READ),
            Map.entry("getTotalSpace", Access.READ),
            Map.entry("getFreeSpace", Access.READ),
            Map.entry("getUsableSpace", Access.READ),
            Map.entry("createNewFile", Access.WRITE),
            Map.entry("mkdir", Access.WRITE),
            Map.entry("setLastModified", Access.WRITE),
            Map.entry("setReadOnly", Access.WRITE),
            Map.entry("setWritable", Access.WRITE),
            Map.entry("setReadable", Access.WRITE),
            Map.entry("setExecutable", Access.WRITE),
            Map.entry("delete", Access.WRITE),
            Map.entry("deleteOnExit", Access.WRITE),
            Map.entry("rename", Access.WRITE),
            Map.entry("create-temp", Access.WRITE),
            // NIO: Files and the default provider
            Map.entry("newDirectoryStream", Access.READ),
            Map.entry("checkAccess", Access.READ),
            Map.entry("isSameFile", Access.READ),
            Map.entry("getFileStore", Access.READ),
            Map.entry("isRegularFile", Access.READ),
            Map.entry("isReadable", Access.READ),
            Map.entry("isWritable", Access.READ),
            Map.entry("isExecutable", Access.READ),
            Map.entry("readAttributes", Access.READ),
            Map.entry("readAttributesIfExists", Access.READ),
            // an extended attribute's size and value, read through a view (its names are "list", above)
            Map.entry("size", Access.READ),
            Map.entry("read", Access.READ),
            Map.entry("watch", Access.READ),
            Map.entry("getFileAttributeView", Access.READ),
            Map.entry("readlink", Access.READ),
            Map.entry("toRealPath", Access.READ),
            Map.entry("move", Access.WRITE),
            Map.entry("link", Access.WRITE),
            Map.entry("setAttribute", Access.WRITE),
            Map.entry("setTimes", Access.WRITE),
            Map.entry("setMode", Access.WRITE),
            Map.entry("setOwners", Access.WRITE),
            Map.entry("setPermissions", Access.WRITE),
            Map.entry("write", Access.WRITE),
            Map.entry("updateDosAttribute", Access.WRITE),
            Map.entry("deleteFile", Access.WRITE),
            Map.entry("deleteDirectory", Access.WRITE));

    private FileOps() {}

    /** True for an op this table names (the two-legged {@code copy} and {@code symlink} are not in it). */
    static boolean known(String op) {
        return OPS.containsKey(op);
    }

    /** The access {@code entry} was checked for, or null when neither its op nor its decision says. */
    static Access access(AuditEntry entry) {
        Access byOp = OPS.get(entry.op());
        if (byOp != null) {
            return byOp;
        }
        return fromDecision(entry.rule(), entry.reason());
    }

    private static Access fromDecision(String rule, String reason) {
        if (rule != null && rule.startsWith("files.read[")) {
            return Access.READ;
        }
        if (rule != null && rule.startsWith("files.write[")) {
            return Access.WRITE;
        }
        if (reason == null) {
            return null;
        }
        // The wording of policy/.../file/FileReasons: a default denial names the list it missed, an
        // allow by the baseline says "grants reading" or "grants writing".
        if (reason.contains("no files.read rule grants") || reason.startsWith("the JVM baseline grants reading")) {
            return Access.READ;
        }
        if (reason.contains("no files.write rule grants") || reason.startsWith("the JVM baseline grants writing")) {
            return Access.WRITE;
        }
        return null;
    }
}
