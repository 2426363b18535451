package dev.agentguard.agent.enforce;

import dev.agentguard.bootstrap.ObjectId;
import dev.agentguard.policy.Decision;

/**
 * A bounded memory of read decisions, keyed by the object decided (docs/design/kernel-objects.md, "Remembered
 * objects"): device, inode and ctime to the nanosecond ({@link ObjectId}). After a read open, a query's look or a
 * listing's descriptor, one {@code fstat} (or the look's own attributes) finds the object here, and the full
 * decision ({@code readlink} of the descriptor, a policy walk on its path) is made only on a miss.
 *
 * <p>Why the key is unforgeable: every rename, hard link, unlink, mode or owner change and write of an inode
 * sets its ctime to the kernel's clock, which the application cannot set back (only {@code CAP_SYS_TIME} sets the
 * clock; {@code utimensat} sets no ctime). A reused inode number gets the ctime of its creation. The kernel's
 * clock for timestamps is coarse (a jiffy, up to 10 ms; a second on some file systems), so a change made in the
 * same tick as the remembered ctime could keep it: an object is therefore remembered only when its ctime is at
 * least {@link #SETTLED_NANOS} older than the guard's clock at the decision. Any later change, or a new object
 * on a reused inode, then carries a later ctime than the one remembered, and misses.
 *
 * <p>Two tables, each direct-mapped (one entry per slot, a newer one replaces it; no growth, no eviction
 * walk): decisions on objects that are there, per access kind and given form; and decisions on missing names,
 * per given form and the identity of a folder seen to hold no entry of that name (looked up in that very
 * folder: {@code ObjectId.ofFolderWithout}), with a third table of those names' given forms as a hint that a
 * query may be answered from the folder alone. Entries are immutable and published
 * through final fields, so readers on other threads see them whole or not at all. Finding one allocates
 * nothing.
 */
final class KnownObjects {
    /** Slots per table (a power of two). */
    static final int SLOTS = 4096;
    /**
     * How much older than the guard's clock a ctime must be to be remembered: above one second, the coarsest
     * timestamp granularity of the file systems Linux mounts for a user's files (ext3, some network file
     * systems), plus a second for a file system whose clock is a little ahead of this machine's.
     */
    static final long SETTLED_NANOS = 2_000_000_000L;

    private final Entry[] objects = new Entry[SLOTS];
    private final Entry[] missing = new Entry[SLOTS];
    /**
     * The given forms of the missing names remembered, by the form's hash: only a hint that a query may be
     * answered from {@link #missing} without a look at the name (the folder is read and matched first); a
     * name made since, or a slot taken by another name, costs one folder {@code stat} or a look as before.
     */
    private final String[] missingNames = new String[SLOTS];
    private final ThreadLocal<ObjectId> holders = new Holders();

    /** This thread's identity holder, for a look whose attributes are to be matched here. */
    ObjectId holder() {
        return holders.get();
    }

    /**
     * The allowed decision remembered for {@code access} on the object {@code id}, reached through the path
     * {@code given} (the decision is on both forms); null when not remembered.
     */
    Decision find(int access, ObjectId id, String given) {
        if (!id.valid) {
            return null;
        }
        Entry e = objects[index(id.device, id.inode, 0)];
        if (e == null || e.access != access || !id.same(e.device, e.inode, e.changedSeconds, e.changedNanos)
                || !sameText(e.given, given)) {
            return null;
        }
        return e.decision;
    }

    /**
     * Remembers an allowed decision on the object {@code id} for {@code access}, reached through {@code given};
     * nothing for a denial, an object with no link left, a ctime too recent to tell a later change from it, or a
     * text longer than {@link TextMemory#LONGEST_KEPT}.
     */
    void remember(int access, ObjectId id, String given, Decision decision) {
        if (id == null || !id.valid || !decision.allowed() || id.links <= 0 || !settled(id)
                || given.length() > TextMemory.LONGEST_KEPT) {
            return;
        }
        objects[index(id.device, id.inode, 0)] = new Entry(access, id, given, decision);
    }

    /** The allowed decision remembered for the missing name {@code given} looked up in the folder {@code folder}. */
    Decision findMissing(ObjectId folder, String given) {
        if (!folder.valid) {
            return null;
        }
        Entry e = missing[index(folder.device, folder.inode, given.hashCode())];
        if (e == null || !folder.same(e.device, e.inode, e.changedSeconds, e.changedNanos)
                || !sameText(e.given, given)) {
            return null;
        }
        return e.decision;
    }

    /**
     * Remembers an allowed decision on the missing name {@code given} in the unchanged folder {@code folder}; not
     * for a text longer than {@link TextMemory#LONGEST_KEPT}.
     */
    void rememberMissing(ObjectId folder, String given, Decision decision) {
        if (!folder.valid || !decision.allowed() || !settled(folder) || given.length() > TextMemory.LONGEST_KEPT) {
            return;
        }
        missing[index(folder.device, folder.inode, given.hashCode())] = new Entry(MISSING_NAME, folder, given, decision);
        missingNames[given.hashCode() & (SLOTS - 1)] = given;
    }

    /** Whether a decision on the missing name {@code given} may be remembered ({@link #findMissing} tells). */
    boolean mayBeMissing(String given) {
        String known = missingNames[given.hashCode() & (SLOTS - 1)];
        return known != null && sameText(known, given);
    }

    /** The access kind of a missing name's entry: a query, decided as a read. */
    private static final int MISSING_NAME = -1;

    /** Whether the object's ctime is old enough that any later change of it would carry another one. */
    static boolean settled(ObjectId id) {
        long now = System.currentTimeMillis();
        long changedMillis = id.changedSeconds * 1000L + id.changedNanos / 1_000_000L;
        return changedMillis <= now - SETTLED_NANOS / 1_000_000L;
    }

    private static boolean sameText(String a, String b) {
        return a == b || a.equals(b);
    }

    private static int index(long device, long inode, int salt) {
        long h = inode * 0x9E3779B97F4A7C15L ^ device * 0xC2B2AE3D27D4EB4FL ^ salt * 0x165667B1L;
        return (int) (h ^ (h >>> 29) ^ (h >>> 47)) & (SLOTS - 1);
    }

    /** One decision: the object (or folder) as it was, the given form, and what was decided. */
    private static final class Entry {
        final int access;
        final long device;
        final long inode;
        final long changedSeconds;
        final long changedNanos;
        final String given;
        final Decision decision;

        Entry(int access, ObjectId id, String given, Decision decision) {
            this.access = access;
            this.device = id.device;
            this.inode = id.inode;
            this.changedSeconds = id.changedSeconds;
            this.changedNanos = id.changedNanos;
            this.given = given;
            this.decision = decision;
        }
    }

    /** One identity holder per thread; a class, not a lambda: check-time code makes no call site (NoCallSiteBootstrapTest). */
    private static final class Holders extends ThreadLocal<ObjectId> {
        @Override
        protected ObjectId initialValue() {
            return new ObjectId();
        }
    }
}
