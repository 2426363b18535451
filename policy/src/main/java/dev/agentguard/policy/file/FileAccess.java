package dev.agentguard.policy.file;

/**
 * The two kinds of file access a policy grants separately (POLICY.md section 4). Write does not imply
 * read: a rule that lets the application write its output does not let it read back other files there.
 */
public enum FileAccess {
    /** Open for reading, list a directory, read attributes or existence, read a link. */
    READ,
    /** Open for writing, append, create, truncate, delete, create a directory, set attributes; rename. */
    WRITE
}
