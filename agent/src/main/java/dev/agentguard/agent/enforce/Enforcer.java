package dev.agentguard.agent.enforce;

import dev.agentguard.bootstrap.Guard;
import dev.agentguard.bootstrap.GuardDeniedException;
import dev.agentguard.bootstrap.ObjectId;
import dev.agentguard.agent.audit.Redactor;
import dev.agentguard.agent.budget.ByteBudgets;
import dev.agentguard.agent.budget.RateLimits;
import dev.agentguard.policy.Category;
import dev.agentguard.policy.Decision;
import dev.agentguard.policy.net.IpAddresses;
import dev.agentguard.policy.Mode;
import dev.agentguard.policy.Policy;
import dev.agentguard.policy.budget.RateCategory;
import dev.agentguard.policy.file.FileAccess;
import dev.agentguard.policy.file.PathForms;
import dev.agentguard.policy.file.UndecidablePathException;
import dev.agentguard.policy.jvm.AgentLoads;
import dev.agentguard.policy.net.Summaries;
import dev.agentguard.policy.process.ProgramResolver;
import java.io.File;
import java.io.FileDescriptor;
import java.nio.file.attribute.BasicFileAttributes;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The guard's answer to every hook: asks the compiled {@link Policy}, records the call (POLICY.md section
 * 12), and in enforce mode turns a denial into a {@link GuardDeniedException} (section 10). The killswitch
 * comes first and denies in both modes.
 *
 * <p>Runs on application threads, inside {@code GuardBridge}'s reentrancy guard: the file system calls it
 * makes itself (resolving real paths, the audit write) are not checked again.
 */
public final class Enforcer implements Guard {
    private final Policy policy;
    private final Mode mode;
    private final String workdir;
    private final String jvmPath;
    private final Verdicts verdicts;
    private final Killswitch killswitch;
    private final GrantedAgents agents = new GrantedAgents();
    private final ResolvedNames resolvedNames = new ResolvedNames();
    private final GrantedVariables grantedVariables = new GrantedVariables();
    private final RealForms realForms;
    /** Read decisions remembered by the object decided (docs/design/kernel-objects.md, "Remembered objects"). */
    private final KnownObjects knownObjects = new KnownObjects();
    /** What the heads of started programs said, by the object ({@link ScriptWithoutInterpreter.Heads}). */
    private final ScriptWithoutInterpreter.Heads heads = new ScriptWithoutInterpreter.Heads(knownObjects);
    /** Allowed lexical read decisions on names as given, made before a read open ({@link #beforeOpen}). */
    private final NameDecisions nameDecisions = new NameDecisions();
    /** The given forms of relative texts, made once each (a read open needs one before the open and after it). */
    private final GivenForms givenForms;
    private final KernelNames names = KernelNames.ofThisJvm();
    /** JDK 17 encodes a child's program and directory with the default charset, not sun.jnu.encoding. */
    private final KernelNames processNames = new KernelNames(java.nio.charset.Charset.defaultCharset().name());
    private final RateLimits rates;
    private final ByteBudgets bytes;
    private final ChildStarts childStarts;
    private final ChildProcesses children;

    public Enforcer(Policy policy, Verdicts verdicts) {
        this.policy = policy;
        this.mode = policy.mode();
        this.workdir = policy.context().cwd();
        this.realForms = new RealForms(workdir);
        this.givenForms = new GivenForms(workdir);
        this.jvmPath = policy.context().path();
        this.verdicts = verdicts;
        this.childStarts = new ChildStarts(policy, verdicts);
        this.children = new ChildProcesses(verdicts, policy.processes().lifecycle().keepOnExit());
        this.killswitch = new Killswitch(policy.killswitchFile(), new Killswitch.Listener() {
            @Override
            public void changed(boolean tripped) {
                verdicts.killswitchChanged(tripped);
                if (tripped) {
                    children.killswitch(policy.killswitchFile());
                }
            }
        });
        this.rates = new RateLimits(policy.budgets().rates(), System.nanoTime());
        this.bytes = new ByteBudgets(policy.budgets().outboundBytes(), policy.budgets().outboundBytesPerHost());
    }

    /**
     * Loads, before the hooks go in, what only a rare check needs: the encoding round trip of a non-ASCII
     * name, the undecidable denial, the executed path of a start. Nothing is recorded.
     */
    public void warmup() {
        names.refusal("warmup-\u00e9");
        processNames.refusal("warmup-\u00e9");
        try {
            PathForms.realForm("warmup-\uFFFD", workdir);
        } catch (UndecidablePathException e) {
            e.decision();
        }
        ProgramResolver.Found found = ProgramResolver.locate("true", jvmPath, workdir);
        if (found != null) {
            ExecPath.of(found, policy.files());
        }
    }

    /** Starts watching the killswitch file, on a thread marked as the guard's own with {@code guardKey}. */
    public void startKillswitch(Object guardKey) {
        children.start(guardKey);
        killswitch.start(guardKey);
    }

    /** While the killswitch file exists every guarded call is denied, in both modes: this throws. */
    private void killswitch(Category category, String op, String target) {
        if (killswitch.tripped()) {
            throw verdicts.killswitchDenied(category, op, target, policy.killswitchFile());
        }
    }

    // ---- files -------------------------------------------------------------------------------------

    @Override
    public void file(int access, String op, String path) {
        if (SelfTest.FILE.equals(path)) {
            throw new GuardDeniedException("agentguard: self-test", "self-test");
        }
        decidedFile(access, op, path);
    }

    /** {@link #file}, returning the real form it decided on. */
    private String decidedFile(int access, String op, String path) {
        killswitch(Category.FILE, op, path);
        if (!decidable(op, path)) {
            return null; // audit mode: recorded, the open goes ahead unpinned
        }
        try {
            decideLeftFolders(op, path, false);
            String given = givenForms.of(path);
            String real = access == READ ? realForms.forRead(path) : PathForms.realForm(path, workdir);
            decideFile(access, op, given, real);
            return real;
        } catch (UndecidablePathException e) {
            undecidable(e, op, path);
            return null; // audit mode: recorded, the open goes ahead unpinned
        }
    }

    @Override
    public String beforeWrite(int access, String op, String path, boolean noFollow) {
        if (noFollow) {
            // The form decided, not a second resolution: a folder swapped since would give another one.
            return fileNoFollowDecided(access, op, path);
        }
        return decidedFile(access, op, path);
    }

    @Override
    public void pinned(int access, String op, String path, String decided, String where) {
        if (where.equals(decided)) {
            return;
        }
        // The folder or file moved between the decision and the open: what the kernel holds decides.
        String given = givenForms.of(path);
        String real = OpenedFiles.primary(where, given);
        // The allowed case was recorded by the decision before; a denial now is recorded (and thrown) too.
        decideAccesses(access, op, given, real, OpenedFiles.alternate(where), true);
    }

    @Override
    public Object beforeOpen(String op, String path) {
        if (SelfTest.FILE.equals(path)) {
            throw new GuardDeniedException("agentguard: self-test", "self-test");
        }
        killswitch(Category.FILE, op, path);
        if (!decidable(op, path)) {
            return null; // audit mode: recorded, the open goes ahead with nothing decided after it
        }
        decideLeftFolders(op, path, false);
        // The name alone, no system call: what it reaches is decided on the descriptor after the open. A text
        // remembered as it is was a given form (which is its own given form): no scan to make it again.
        String given = path;
        Decision decision = nameDecisions.find(path);
        if (decision == null) {
            given = givenForms.of(path);
            decision = given == path ? null : nameDecisions.find(given);
            if (decision == null) {
                decision = policy.files().decide(FileAccess.READ, given, given);
                nameDecisions.remember(given, decision);
            }
        }
        if (decision.allowed()) {
            return decision;
        }
        verdicts.apply(decision, Category.FILE, op, given);
        rate(RateCategory.FILE_OPEN, Category.FILE, op, given);
        return null;
    }

    @Override
    public void opened(int access, String op, String path, String where, Object before, ObjectId id) {
        String given = givenForms.of(path);
        String real = OpenedFiles.primary(where, given);
        String alternate = OpenedFiles.alternate(where);
        if (access == READ && alternate == null && before instanceof Decision && real.equals(given)) {
            // The kernel opened the very path that was decided before: that decision stands.
            verdicts.apply((Decision) before, Category.FILE, op, given);
            rememberRead(id, where, given, (Decision) before);
        } else if (access == READ) {
            Decision decision = decideOpened(FileAccess.READ, given, real, alternate);
            verdicts.apply(decision, Category.FILE, op, given);
            if (alternate == null) {
                rememberRead(id, where, given, decision);
            }
        } else {
            decideAccesses(access, op, given, real, alternate, false);
        }
        if (!LIST.equals(op)) {
            rate(RateCategory.FILE_OPEN, Category.FILE, op, given);
        }
    }

    /** The op of a java.io listing, decided as a read on the folder's descriptor; it takes no open token. */
    static final String LIST = "list";

    /**
     * Remembers an allowed read of the object {@code id} ({@link KnownObjects}) when the kernel named it by a path
     * (not a pipe or a socket, not a removed file).
     */
    private void rememberRead(ObjectId id, String where, String given, Decision decision) {
        if (id != null && where != null && where.startsWith("/")) {
            knownObjects.remember(READ, id, given, decision);
        }
    }

    @Override
    public boolean openedKnown(int access, String op, String path, ObjectId id, Object before) {
        if (access != READ || !(before instanceof Decision) || id == null) {
            return false;
        }
        // Looked up by the text as it is first: an entry's text is a given form, which is its own given form, so a
        // text equal to it needs no scan to make its given form again.
        String given = path;
        Decision known = knownObjects.find(READ, id, path);
        if (known == null) {
            given = givenForms.of(path);
            known = given == path ? null : knownObjects.find(READ, id, given);
            if (known == null) {
                return false;
            }
        }
        // The same object, unchanged, decided allowed through the same path: recorded and counted as that was.
        verdicts.apply(known, Category.FILE, op, given);
        if (!LIST.equals(op)) {
            rate(RateCategory.FILE_OPEN, Category.FILE, op, given);
        }
        return true;
    }

    @Override
    public boolean listedKnown(String path, ObjectId id) {
        return id != null && id.valid && knownObjects.find(READ, id, givenForms.of(path)) != null;
    }

    @Override
    public void listed(String op, String path, String where, ObjectId id) {
        String given = givenForms.of(path);
        String alternate = OpenedFiles.alternate(where);
        Decision decision = decideOpened(FileAccess.READ, given, OpenedFiles.primary(where, given), alternate);
        // The allowed case was recorded by the check before the listing; a denial now is recorded (and thrown).
        applyDecided(decision, op, given, true);
        if (alternate == null) {
            rememberRead(id, where, given, decision);
        }
    }

    /**
     * Decides and records what {@code access} needs: read and write are granted separately, so a read-write
     * open is decided (and recorded) as each, from one real form. {@code deniedOnly}: an allowed decision was
     * recorded already, only a denial is recorded (and thrown) now.
     */
    private void decideAccesses(int access, String op, String given, String real, String alternate,
                                boolean deniedOnly) {
        if (access == READ_WRITE) {
            applyDecided(decideOpened(FileAccess.READ, given, real, alternate), op, given, deniedOnly);
            applyDecided(decideOpened(FileAccess.WRITE, given, real, alternate), op, given, deniedOnly);
        } else {
            applyDecided(decideOpened(access == WRITE ? FileAccess.WRITE : FileAccess.READ, given, real, alternate),
                    op, given, deniedOnly);
        }
    }

    private void applyDecided(Decision decision, String op, String given, boolean deniedOnly) {
        if (!deniedOnly || !decision.allowed()) {
            verdicts.apply(decision, Category.FILE, op, given);
        }
    }

    /** The decision on an open file; where the kernel's name has a second reading, both must be granted. */
    private Decision decideOpened(FileAccess access, String given, String real, String alternate) {
        Decision decision = policy.files().decide(access, given, real);
        if (alternate != null && decision.allowed()) {
            Decision other = policy.files().decide(access, given, alternate);
            return other.allowed() ? decision : other;
        }
        return decision;
    }

    @Override
    public void openFailed(int access, String op, String path) {
        // Rare (a missing file, a directory, no permission): the full resolution is affordable here, and it
        // keeps a failed open from telling a denied object's absence apart from its denial.
        if (!decidable(op, path)) {
            return;
        }
        String given = givenForms.of(path);
        try {
            decideFile(access, op, given, PathForms.realForm(path, workdir));
        } catch (UndecidablePathException e) {
            undecidable(e, op, path);
        }
    }

    @Override
    public void fileNoFollow(int access, String op, String path) {
        fileNoFollowDecided(access, op, path);
    }

    /**
     * {@link #fileNoFollow}, returning the real form it decided on; null when the path was undecidable and
     * (audit mode) the call goes ahead.
     */
    private String fileNoFollowDecided(int access, String op, String path) {
        if (access != READ) {
            // A delete, rename, move or link (all checked here) may move a file whose real form is remembered.
            realForms.forget();
        }
        killswitch(Category.FILE, op, path);
        if (!decidable(op, path)) {
            return null;
        }
        try {
            decideLeftFolders(op, path, false);
            String given = givenForms.of(path);
            String real = PathForms.realFormNoFollow(path, workdir);
            decideFile(access, op, given, real);
            return real;
        } catch (UndecidablePathException e) {
            undecidable(e, op, path);
            return null;
        }
    }

    /**
     * Whether the kernel will get {@code path} as written ({@link KernelNames}); when not, the access is denied
     * (recorded, and thrown in enforce mode) and this returns false: in audit mode the call goes ahead.
     */
    private boolean decidable(String op, String path) {
        Decision refused = names.refusal(path);
        if (refused == null) {
            return true;
        }
        verdicts.apply(refused, Category.FILE, op, givenForms.of(path));
        return false;
    }

    /** A path whose real form cannot be found ({@link UndecidablePathException}): denied, in enforce mode thrown. */
    private void undecidable(UndecidablePathException e, String op, String path) {
        verdicts.apply(e.decision(), Category.FILE, op, givenForms.of(path));
    }

    @Override
    public boolean fileQuery(String op, String path, boolean noFollow) {
        killswitch(Category.FILE, op, path);
        Decision refused = names.refusal(path);
        try {
            if (refused == null) {
                return decideQuery(op, path, noFollow);
            }
        } catch (UndecidablePathException e) {
            refused = e.decision();
        }
        // Undecidable: answered "absent" like any denied query. That is safe here: a write through the same
        // path cannot be decided either and is denied, so the answer cannot lead to truncating a file. A
        // ZipFile/JarFile open reads the attributes first: that is an open, and an open throws.
        String given = givenForms.of(path);
        if (mode == Mode.ENFORCE && !OpeningQuery.inProgress()) {
            verdicts.answeredAbsent(refused, Category.FILE, op, given);
            return false;
        }
        verdicts.apply(refused, Category.FILE, op, given);
        return true;
    }

    private boolean decideQuery(String op, String path, boolean noFollow) {
        if (!decideLeftFolders(op, path, true)) {
            // A folder the path passes through is denied: "absent" is safe here, since any write through
            // the same path is refused by the same check.
            return false;
        }
        String given = givenForms.of(path);
        String real = noFollow ? PathForms.realFormNoFollow(path, workdir) : realForms.forRead(path);
        return decideQuery(op, given, real);
    }

    @Override
    public Object fileLook(String op, Object file, Class<?> type, boolean noFollow, boolean mayAnswerAbsent) {
        String path = file.toString();
        killswitch(Category.FILE, op, path);
        if (names.refusal(path) != null) {
            return decidedOnThePath(op, path, noFollow, mayAnswerAbsent); // undecidable: denied there
        }
        if (type == null && !answeredAtOnce(op)) {
            // A null attribute type from the application (readAttributes, readAttributesIfExists), which the JDK
            // refuses: decided on the path, then the JDK's body runs and throws as it would. Never the way of a
            // probe's look into this thread's holder, whose object the application would get as the answer
            // (attack4, HeldLookTest).
            return decidedOnThePath(op, path, noFollow, mayAnswerAbsent);
        }
        try {
            return lookAndDecide(op, file, path, type, noFollow, mayAnswerAbsent);
        } catch (UndecidablePathException e) {
            return decidedOnThePath(op, path, noFollow, mayAnswerAbsent);
        }
    }

    /** Nothing the guard can look at as the JDK would: decided on the path, and the JDK method runs. */
    private Object decidedOnThePath(String op, String path, boolean noFollow, boolean mayAnswerAbsent) {
        if (mayAnswerAbsent) {
            return fileQuery(op, path, noFollow) ? null : ABSENT;
        }
        file(READ, op, path);
        return null;
    }

    private Object lookAndDecide(String op, Object file, String path, Class<?> type, boolean noFollow,
                                 boolean mayAnswerAbsent) {
        // A path with ".." has its left folders decided too (decideLeftFolders): not answered from memory.
        boolean plain = path.indexOf("..") < 0;
        // The given form, made once for this query (a scan of the text; the same text every time below).
        String given = plain ? givenForms.of(path) : null;
        if (plain && mayAnswerAbsent) {
            if (knownObjects.mayBeMissing(given)) {
                // A name found missing before: when its folder is the very folder, unchanged, that was found to
                // have no such entry, it still has none, and the answer is "absent" with no look at the name.
                ObjectId folder = folderOf(given);
                Decision known = folder == null ? null : knownObjects.findMissing(folder, given);
                if (known != null) {
                    verdicts.apply(known, Category.FILE, op, given);
                    return ABSENT;
                }
            }
        }
        // A yes/no, file type or size answer (no attribute type asked for) is read by the hook at once and handed
        // to no one: the look is made into this thread's holder, allocating nothing (ObjectId.lookHere).
        ObjectId holder = knownObjects.holder();
        Object look = FileLook.attributes(file, type, noFollow, type == null && answeredAtOnce(op) ? holder : null);
        BasicFileAttributes seen = look instanceof BasicFileAttributes ? (BasicFileAttributes) look : null;
        ObjectId id = null;
        if (seen != null) {
            id = holder;
            if (!id.of(seen)) {
                id = null;
            } else if (plain) {
                // The object the look found, unchanged, decided through this very path before: no policy walk.
                Decision known = knownObjects.find(READ, id, given);
                if (known != null) {
                    verdicts.apply(known, Category.FILE, op, given);
                    if (!mayAnswerAbsent && isOpen(op)) {
                        rate(RateCategory.FILE_OPEN, Category.FILE, op, given);
                    }
                    return seen;
                }
            }
        }
        if (seen == null && look == FileLook.MISSING && mayAnswerAbsent) {
            return missingName(op, path, plain, noFollow);
        }
        if (holder.isOwnLook(seen)) {
            // Not remembered: decided in full below, on attributes of its own (the real form is found by their file
            // key, which the JDK's attributes keep once made, so the holder's may not be used), from a look of its
            // own, as if the first had not been made; the answer is then about the object this look found.
            look = FileLook.attributes(file, type, noFollow);
            seen = look instanceof BasicFileAttributes ? (BasicFileAttributes) look : null;
            id = seen != null && holder.of(seen) ? holder : null;
            if (seen == null && look == FileLook.MISSING && mayAnswerAbsent) {
                return missingName(op, path, plain, noFollow);
            }
        }
        // The real form of the object the look found (its file key), not of whatever the path names later.
        String real = seen != null ? realForms.forObject(path, seen, noFollow) : null;
        if (real == null) {
            // Nothing there, nothing the guard can look at as the JDK would, or an object it cannot name.
            return decidedOnThePath(op, path, noFollow, mayAnswerAbsent);
        }
        if (!decideLeftFolders(op, path, mayAnswerAbsent)) {
            return ABSENT;
        }
        if (given == null) {
            given = givenForms.of(path);
        }
        if (!mayAnswerAbsent) {
            Decision decision = policy.files().decide(FileAccess.READ, given, real);
            verdicts.apply(decision, Category.FILE, op, given);
            if (isOpen(op)) {
                rate(RateCategory.FILE_OPEN, Category.FILE, op, given);
            }
            if (plain && id != null) {
                knownObjects.remember(READ, id, given, decision);
            }
            return seen;
        }
        return decideQuery(op, given, real, plain ? id : null, false) ? seen : ABSENT;
    }

    /**
     * A query whose look found nothing at {@code path} ({@code ENOENT}): the answer is "missing" whether the name
     * is granted or not, so the decision only says what is recorded (and, where "absent" is unsafe, whether to
     * throw). The name is decided in its folder: the folder's real form plus the name (a dangling link's target
     * is decided when something is made through it). An allowed decision is remembered with the identity of a
     * folder seen to hold no entry of that name ({@link #rememberMissing}): the next query of that name, while
     * its folder is that folder, unchanged, costs one {@code stat} of the folder, no look at the name and no
     * policy walk, whatever the depth ({@link #lookAndDecide}).
     */
    private Object missingName(String op, String path, boolean plain, boolean noFollow) {
        ObjectId folder = null;
        String given = null;
        if (plain) {
            given = givenForms.of(path);
            folder = folderOf(given);
            Decision known = folder == null ? null : knownObjects.findMissing(folder, given);
            if (known != null) {
                verdicts.apply(known, Category.FILE, op, given);
                return ABSENT;
            }
        }
        String real = realForms.forMissing(path, true);
        if (real == null) {
            return decidedOnThePath(op, path, noFollow, true);
        }
        if (decideLeftFolders(op, path, true)) {
            decideQuery(op, given != null ? given : givenForms.of(path), real, folder, true);
        }
        return ABSENT;
    }

    /**
     * The identity of the folder that holds the last name of the absolute path {@code given}, or null: one
     * {@code stat} into this thread's holder, allocating nothing when the folder is the one read last.
     */
    private ObjectId folderOf(String given) {
        int slash = given.lastIndexOf('/');
        if (slash <= 0 || slash == given.length() - 1) {
            return null;
        }
        ObjectId folder = knownObjects.holder();
        return folder.ofFolder(given, slash) && (folder.mode & S_IFMT) == S_IFDIR ? folder : null;
    }

    private static final int S_IFMT = 0170000;
    private static final int S_IFDIR = 0040000;

    /**
     * Remembers an allowed decision on the missing name {@code given} ({@link KnownObjects#rememberMissing}) under
     * the identity of a folder that was seen to hold no entry of that name ({@link ObjectId#ofFolderWithout}): the
     * name is looked up in the very folder whose identity is kept, not through its path again.
     */
    private void rememberMissing(String given, Decision decision) {
        int slash = given.lastIndexOf('/');
        if (slash <= 0 || slash == given.length() - 1) {
            return;
        }
        ObjectId folder = knownObjects.holder();
        if (folder.ofFolderWithout(given.substring(0, slash), given.substring(slash + 1))) {
            knownObjects.rememberMissing(folder, given, decision);
        }
    }

    /**
     * Whether {@code op} is a probe whose advice reads the guard's answer at once into a boolean or a long and
     * hands the attributes to no one ({@code exists}, {@code isFile}, {@code isDirectory}, {@code isRegularFile},
     * {@code length}): only such a query may look into this thread's holder ({@link ObjectId#lookHere}), which
     * the next query on the thread, a denied one included, fills again. A {@code readAttributes} answer is the
     * application's to keep, whatever type it asked for.
     */
    private static boolean answeredAtOnce(String op) {
        return op.equals("exists") || op.equals("isFile") || op.equals("isDirectory") || op.equals("isRegularFile")
                || op.equals("length");
    }

    private static boolean isOpen(String op) {
        return op.startsWith("open") || op.equals("append");
    }

    /** {@link #decideQuery(String, String, String, ObjectId, boolean)}, remembering nothing. */
    private boolean decideQuery(String op, String given, String real) {
        return decideQuery(op, given, real, null, false);
    }

    /**
     * Decides a metadata query as a read of {@code given} and {@code real}. True: it may be answered. False: it is
     * denied and to be answered as for a missing file. Throws where that answer is unsafe. An allowed decision is
     * remembered under {@code id} (when not null): the object's identity, or for a {@code missingName} its
     * folder's.
     */
    private boolean decideQuery(String op, String given, String real, ObjectId id, boolean missingName) {
        Decision decision = policy.files().decide(FileAccess.READ, given, real);
        if (id != null && decision.allowed()) {
            if (missingName) {
                rememberMissing(given, decision);
            } else {
                knownObjects.remember(READ, id, given, decision);
            }
        }
        if (decision.allowed() || mode != Mode.ENFORCE) {
            verdicts.apply(decision, Category.FILE, op, given);
            return true;
        }
        // "Absent" is a lie the caller may act on: it may create the file, or write it whole, believing
        // nothing is there. Where writing the path is denied too, that act is refused in turn and nothing is
        // lost; where it is granted, the lie could truncate an existing file, so the query throws instead.
        // A ZipFile/JarFile open reads the attributes first: that is an open, and an open throws.
        // The write is decided on the same real form: a followed path's is what a write would follow too, and
        // a no-follow query's names the entry itself, as a write of it would.
        if (policy.files().decide(FileAccess.WRITE, given, real).allowed() || OpeningQuery.inProgress()) {
            verdicts.apply(decision, Category.FILE, op, given);
            return true;
        }
        verdicts.answeredAbsent(decision, Category.FILE, op, given);
        return false;
    }

    /**
     * Decides, as reads, the folders {@code path} enters and leaves with {@code ..}: the kernel looks each
     * one up, and whether that fails with "Not a directory" or "No such file" tells whether a denied file
     * exists, though the normalized path is granted. A denial throws, or for a query (enforce mode) is
     * recorded as answered "absent" and reported as false. Nothing is done for a path without {@code ..}.
     */
    private boolean decideLeftFolders(String op, String path, boolean query) {
        // Indexed, not an iterator: the list is empty for nearly every path, and the loop runs on every open.
        java.util.List<String> left = PathForms.leftWithDotDot(path, workdir);
        for (int i = 0; i < left.size(); i++) {
            String folder = left.get(i);
            Decision decision = policy.files().decide(FileAccess.READ, folder, PathForms.realForm(folder, workdir));
            if (decision.allowed()) {
                continue;
            }
            if (query && mode == Mode.ENFORCE) {
                verdicts.answeredAbsent(decision, Category.FILE, op, folder);
                return false;
            }
            verdicts.apply(decision, Category.FILE, op, folder);
        }
        return true;
    }

    private void decideFile(int access, String op, String given, String real) {
        // One file.open token below, also for a read-write open decided as a read and a write.
        decideAccesses(access, op, given, real, null, false);
        if (isOpen(op)) {
            rate(RateCategory.FILE_OPEN, Category.FILE, op, given);
        }
    }

    /** Takes a token of a rate budget after the policy allowed the call; without one the call is denied. */
    private void rate(RateCategory budget, Category category, String op, String target) {
        if (!rates.tryTake(budget)) {
            verdicts.budgetExhausted(budget, rates.limit(budget), category, op, target);
        }
    }

    @Override
    public void fileDescriptor(FileDescriptor fd) {
        killswitch(Category.FILE, "open-fd", "file descriptor");
        // A FileDescriptor object holds an open descriptor only when the JDK opened it: a checked open,
        // a socket or pipe of the JDK's, or stdin/out/err. An application can make only invalid ones
        // (new FileDescriptor()), and Unsafe may not address the number inside, so validity is the test.
        if (fd != null && fd.valid()) {
            return;
        }
        verdicts.apply(Decision.deny("default-deny", "opening a stream on a FileDescriptor that holds no open"
                + " descriptor is denied; open the file by its path instead"), Category.FILE, "open-fd",
                "file descriptor");
    }

    // ---- processes and environment -------------------------------------------------------------------------

    @Override
    public Object[] start(String[] argv, Map<String, String> environment, String directory, boolean prepaid) {
        String childDir = childDir(directory);
        ProgramResolver.Found found = argv.length == 0 ? null : ProgramResolver.locate(argv[0], jvmPath, childDir);
        String program = found == null ? null : found.real();
        String command = String.join(" ", argv);
        // The path the JDK is to execute ({@link ExecPath}), worked out once: its head is read below, and it is
        // what the JDK gets.
        String executed = found == null ? null : ExecPath.of(found, policy.files());
        // A program the kernel refuses (no ELF, no #!) is run by the JDK as /bin/sh PROGRAM ARGS (every launch
        // mechanism retries so): decided, recorded and granted as that start, the one the kernel really makes.
        // The JDK is still handed the program; its own retry runs the shell.
        String[] decidedArgv = argv;
        String decidedProgram = program;
        String[] viaShell = executed == null ? null : ScriptWithoutInterpreter.shellArgv(executed, argv, heads);
        if (viaShell != null) {
            command = String.join(" ", viaShell);
            decidedArgv = viaShell;
            decidedProgram = program(viaShell, childDir);
        }
        Decision decision = decideExec(decidedArgv, command, decidedProgram);
        // A sh -c script no rule grants, under process.shell: decompose, is decided below, part by part,
        // against exactly the environment the child gets; every other start was decided just now.
        boolean script = policy.shellStarts().applies(decision, decidedProgram, decidedArgv);
        boolean startRecorded = !script && verdicts.applyStart(decision, command, decidedArgv);
        if (!prepaid) {
            rate(RateCategory.PROCESS_EXEC, Category.PROCESS, "exec", command);
        }
        if (children.exiting()) {
            verdicts.apply(EXITING, Category.PROCESS, "exec", command);
        }
        boolean dropHidden = mode == Mode.ENFORCE || killswitch.tripped();
        Map<String, String> env;
        if (environment == null && !script) {
            // The child inherits the JVM's environment: the same filtered map and records at every start.
            env = childStarts.inheritedEnvironment(dropHidden);
            InheritedVariables all = childStarts.inheritedVariables();
            // The hidden names' record in full (with its caller) when this start's own record was written, or
            // when none was written yet; else counted as a copy of the one written (no stack walk).
            if (!all.hidden().isEmpty()) {
                verdicts.hiddenInherited(Category.ENV, "read-all", all.hidden(), startRecorded);
            }
            if (!all.passed().isEmpty()) {
                verdicts.passed(Category.ENV, "read-all", all.passed());
            }
        } else if (environment == null) {
            // A fresh map of the JDK's own type (ProcessEnvironment's copy, unfiltered inside the guard's work):
            // the script is decided on it below.
            env = new ProcessBuilder().environment();
            childEnvironment(env);
        } else {
            env = new ProcessBuilder().environment();
            env.clear();
            List<String> hidden = new ArrayList<>();
            List<String> passed = new ArrayList<>();
            childStarts.environment(decision, command, environment, System.getenv(), env, dropHidden, hidden, passed);
            recordInherited(hidden, passed);
        }
        if (script) {
            // The script is decided on this copy, which is also what the JDK gets: nothing changes between.
            ShellScriptStart.decide(policy, verdicts, decidedArgv, command, childDir, env,
                    argvDetails(decidedArgv, command));
        }
        String[] run = executing(childStarts.commandLine(decision, command, program, argv), executed, directory,
                command);
        long timeout = policy.processes().timeoutMillis(decision);
        return new Object[] {run, env, new StartToken(command, decision.rule(), timeout)};
    }

    /**
     * {@code run} with the program the guard decided in place of its name ({@link ExecPath}), so that the JDK
     * neither searches {@code PATH} nor follows a swapped link again. A program path or directory that the
     * JDK would not hand the kernel as written ({@link KernelNames}) denies the start.
     */
    private String[] executing(String[] run, String program, String directory, String command) {
        if (refusedName(program, command) || refusedName(directory, command)) {
            return run;
        }
        if (program == null) {
            return run; // nothing executable was found: the JDK's own search fails too, or the start was denied
        }
        String[] out = run.clone();
        out[0] = program;
        return out;
    }

    /** Whether {@code name} (null: none) is one the JDK would not hand the kernel as written; records the denial. */
    private boolean refusedName(String name, String command) {
        if (name == null) {
            return false;
        }
        Decision refused = names.refusal(name);
        refused = refused != null ? refused : processNames.refusal(name);
        if (refused == null) {
            return false;
        }
        verdicts.apply(refused, Category.PROCESS, "exec", command);
        return true;
    }

    private static final Decision EXITING = Decision.deny("process.on_exit", "the JVM is exiting and has ended its"
            + " children (process.on_exit: kill), so a child started now would outlive it; set process.on_exit: keep"
            + " to let children outlive the JVM");

    /** What {@link #started} needs of a start. */
    private static final class StartToken {
        final String command;
        final String rule;
        final long timeoutMillis;

        StartToken(String command, String rule, long timeoutMillis) {
            this.command = command;
            this.rule = rule;
            this.timeoutMillis = timeoutMillis;
        }
    }

    @Override
    public void started(Object token, Process process) {
        if (token instanceof StartToken) {
            StartToken t = (StartToken) token;
            children.started(process, t.command, t.rule, t.timeoutMillis);
        }
    }

    /** The JVM is exiting: its children are ended unless the policy keeps them (recorded). */
    public void jvmExit() {
        children.jvmExit();
    }

    @Override
    public void execPipeline(String[][] argvs, String[] directories) {
        StringBuilder pipeline = new StringBuilder();
        for (int i = 0; i < argvs.length; i++) {
            String childDir = childDir(directories[i]);
            String[] argv = argvs[i];
            // As start() decides it: a program the kernel refuses is the /bin/sh start the JDK makes of it.
            String[] viaShell = argv.length == 0 ? null
                    : viaShell(ProgramResolver.locate(argv[0], jvmPath, childDir), argv);
            argv = viaShell == null ? argv : viaShell;
            String command = String.join(" ", argv);
            String program = program(argv, childDir);
            Decision decision = decideExec(argv, command, program);
            if (policy.shellStarts().applies(decision, program, argv)) {
                // The stages' environments are not at hand here: a script is decided as inheriting the JVM's;
                // each stage's start is decided again with its own.
                ShellScriptStart.decide(policy, verdicts, argv, command, childDir, null, argvDetails(argv, command));
            } else {
                verdicts.apply(decision, Category.PROCESS, "exec", command, argvDetails(argv, command));
            }
            pipeline.append(i == 0 ? "" : " | ").append(command);
        }
        // All stages' tokens or none: a pipeline refused for its rate starts no stage.
        if (argvs.length > 0 && !rates.tryTake(RateCategory.PROCESS_EXEC, argvs.length)) {
            verdicts.budgetExhausted(RateCategory.PROCESS_EXEC, rates.limit(RateCategory.PROCESS_EXEC),
                    Category.PROCESS, "exec", pipeline.toString());
        }
    }

    /**
     * {@code /bin/sh PROGRAM ARGS...} when the program found is one the kernel refuses with {@code ENOEXEC}, which
     * the JDK then runs with {@code /bin/sh} ({@link ScriptWithoutInterpreter}); null for any other start.
     */
    private String[] viaShell(ProgramResolver.Found found, String[] argv) {
        return found == null ? null
                : ScriptWithoutInterpreter.shellArgv(ExecPath.of(found, policy.files()), argv, heads);
    }

    /** The directory a child starts in: {@code directory} made absolute, or the JVM's. */
    private String childDir(String directory) {
        return directory == null ? workdir : PathForms.givenForm(directory, workdir);
    }

    /** The program a start of {@code argv} in {@code childDir} would run, resolved as the JDK does. */
    private String program(String[] argv, String childDir) {
        return argv.length == 0 ? null : ProgramResolver.resolve(argv[0], jvmPath, childDir);
    }

    /**
     * The killswitch and the process rules' decision on one start, not yet recorded: the caller records it,
     * or decomposes a shell script that the decision leaves to {@code process.shell}.
     */
    private Decision decideExec(String[] argv, String command, String program) {
        if (argv.length > 0 && SelfTest.FILE.equals(argv[0])) {
            throw new GuardDeniedException("agentguard: self-test", "self-test");
        }
        killswitch(Category.PROCESS, "exec", command);
        return policy.processes().decide(program, argv);
    }

    /**
     * The argv as a list, for {@code guard.jar suggest}: the target joins it with spaces, which loses where an
     * argument with a space begins and ends ({@code sh -c "echo hi"}). Left out when the command holds a
     * secret: the redactor works on the joined text ({@code --token VALUE} spans two arguments), and a
     * list of separately redacted arguments could leak what the joined text hides.
     */
    static Map<String, Object> argvDetails(String[] argv, String command) {
        if (Redactor.redact(command) != command) {
            return null;
        }
        return Map.of("argv", java.util.Arrays.asList(argv.clone()));
    }

    @Override
    public void childEnvironment(Map<String, String> environment) {
        List<String> hidden = new ArrayList<>();
        filterInherited(environment, hidden);
    }

    /** Removes what the policy does not pass from {@code environment}, records it, and collects the hidden names. */
    private void filterInherited(Map<String, String> environment, List<String> hidden) {
        List<String> passed = new ArrayList<>();
        boolean dropHidden = mode == Mode.ENFORCE || killswitch.tripped();
        Iterator<Map.Entry<String, String>> it = environment.entrySet().iterator();
        while (it.hasNext()) {
            if (!childStarts.inherited(it.next().getKey(), dropHidden, hidden, passed)) {
                it.remove();
            }
        }
        recordInherited(hidden, passed);
    }

    /** One record for the inherited variables a child or a whole-environment read did not get, one for those it got. */
    private void recordInherited(List<String> hidden, List<String> passed) {
        // The records' names, sorted, and their texts: made once when they are the JVM's whole split.
        InheritedVariables all = childStarts.inheritedVariables();
        recordInherited(all.hidden(hidden), all.passed(passed));
    }

    private void recordInherited(InheritedVariables.Names hidden, InheritedVariables.Names passed) {
        if (!hidden.isEmpty()) {
            verdicts.hidden(Category.ENV, "read-all", hidden);
        }
        if (!passed.isEmpty()) {
            // Recorded like any allowed call (audit.allowed), so the log shows which granted variables a
            // child or a System.getenv() caller received: `guard.jar suggest` must grant them again.
            verdicts.passed(Category.ENV, "read-all", passed);
        }
    }

    @Override
    public String getenv(String name, String value) {
        if (SelfTest.VARIABLE.equals(name)) {
            return SelfTest.VARIABLE_VALUE;
        }
        if (killswitch.tripped()) {
            verdicts.killswitchHidden(Category.ENV, "read", name, policy.killswitchFile());
            return null;
        }
        if (grantedVariables.contains(name)) {
            // Allowed before, and its record (if audit.allowed wants one more) already written: count it.
            verdicts.countAllowed(Category.ENV);
            return envReadToken(name, value);
        }
        Decision decision = policy.env().decide(name);
        if (decision.allowed()) {
            if (verdicts.allowed(decision, Category.ENV, "read", name)) {
                grantedVariables.add(name);
            }
            return envReadToken(name, value);
        }
        verdicts.hide(decision, Category.ENV, "read", name);
        return mode == Mode.ENFORCE ? null : value;
    }

    /** An allowed read takes an env.read token; without one it reads as absent (or only recorded in audit). */
    private String envReadToken(String name, String value) {
        if (!rates.tryTake(RateCategory.ENV_READ)
                && !verdicts.budgetExhaustedQuietly(RateCategory.ENV_READ, rates.limit(RateCategory.ENV_READ),
                        Category.ENV, "read", name)) {
            return null;
        }
        return value;
    }

    @Override
    public Map<String, String> getenvAll(Map<String, String> environment) {
        Map<String, String> copy = new LinkedHashMap<>(environment);
        List<String> hidden = new ArrayList<>();
        filterInherited(copy, hidden);
        // A lookup of a hidden name in the map is a read of that name (LookedUpEnvironment says why).
        return new LookedUpEnvironment(copy, new java.util.HashSet<>(hidden));
    }

    // ---- network -------------------------------------------------------------------------------------

    @Override
    public void resolve(String host) throws UnknownHostException {
        if (host == null || host.isEmpty()) {
            return;
        }
        String name = ResolvedNames.normalize(host);
        if (SelfTest.HOST.equals(name)) {
            throw new UnknownHostException(SelfTest.HOST);
        }
        if (killswitch.tripped()) {
            GuardDeniedException denied = verdicts.killswitchDenied(Category.NETWORK, "resolve", name,
                    policy.killswitchFile());
            throw new UnknownHostException(host + ": " + denied.getMessage());
        }
        Decision decision = policy.network().decideResolve(name);
        if (!verdicts.applyQuietly(decision, Category.NETWORK, "resolve", name)) {
            // A denied lookup fails the way an unknown name does (section 6); the message says why.
            throw new UnknownHostException(host + ": " + verdicts.denialMessage(Category.NETWORK, "resolve", name, decision));
        }
        if (!rates.tryTake(RateCategory.NETWORK_RESOLVE)
                && !verdicts.budgetExhaustedQuietly(RateCategory.NETWORK_RESOLVE,
                        rates.limit(RateCategory.NETWORK_RESOLVE), Category.NETWORK, "resolve", name)) {
            throw new UnknownHostException(host + ": agentguard: denied network resolve " + name
                    + " (rule budgets.rate.network.resolve): the rate budget is used up");
        }
    }

    @Override
    public void resolved(String host, InetAddress[] addresses) {
        resolvedNames.record(host, addresses);
    }

    @Override
    public void connect(String op, InetAddress address, int port) {
        byte[] bytes = address.getAddress();
        String literal = IpAddresses.format(bytes);
        String target = hostText(bytes) + ":" + port;
        killswitch(Category.NETWORK, op, target);
        String[] names = resolvedNames.namesFor(bytes);
        Decision decision = null;
        if (names.length == 0) {
            decision = policy.network().decideConnect(null, bytes, port);
        } else {
            for (String name : names) {
                decision = policy.network().decideConnect(name, bytes, port);
                if (decision.allowed()) {
                    target = name + ":" + port + " (" + literal + ")";
                    break;
                }
            }
        }
        // Denied (or would be, in audit mode) although the address came from lookups: the record names
        // them in details, so that `guard.jar suggest` can grant the host rather than an address that may
        // change. The target keeps its form (the literal), which tests and readers match on.
        Map<String, Object> details = names.length > 0 && !decision.allowed()
                ? Map.of("names", java.util.Arrays.asList(names.clone())) : null;
        verdicts.apply(decision, Category.NETWORK, op, target, details);
        if (op.equals("connect")) {
            rate(RateCategory.NETWORK_CONNECT, Category.NETWORK, op, target);
        }
    }

    @Override
    public boolean outbound(String op, InetAddress address, long count) {
        // Every socket write comes here: the target text is built only for a denial, not per write.
        if (killswitch.tripped()) {
            killswitch(Category.NETWORK, op, peerText(address));
        }
        if (!bytes.limited() || count <= 0) {
            return false;
        }
        byte[] raw = address == null ? null : address.getAddress();
        String[] names = raw == null ? new String[0] : resolvedNames.namesFor(raw);
        String refused = bytes.charge(count, names, raw);
        if (refused != null) {
            // Enforce mode throws here; audit mode lets the write go uncharged (it is over budget already).
            String target = peerText(address);
            verdicts.bytesExhausted(refused, op, names.length > 0 ? names[0] + " (" + target + ")" : target, count);
            return false;
        }
        return true;
    }

    /**
     * An address as the policy writes it and as the decision's reason shows it ({@code 10.0.0.1},
     * {@code [fd00::2]}): RFC 5952 text from the bytes, never {@code getHostAddress()}, whose IPv6 text
     * carries the zone id ({@code %eth0}) that no policy entry can hold and that the reason leaves out.
     */
    private static String hostText(byte[] bytes) {
        String text = IpAddresses.format(bytes);
        return bytes.length - IpAddresses.v4Offset(bytes) == 16 ? "[" + text + "]" : text;
    }

    private static String peerText(InetAddress address) {
        return address == null ? "unknown peer" : IpAddresses.format(address.getAddress());
    }

    @Override
    public void outboundUnsent(InetAddress address, long count) {
        if (count <= 0 || !bytes.limited()) {
            return;
        }
        byte[] raw = address == null ? null : address.getAddress();
        bytes.refund(count, raw == null ? new String[0] : resolvedNames.namesFor(raw), raw);
    }

    /** Budget usage for the summary record. */
    public java.util.Map<String, Object> budgetUsage() {
        java.util.Map<String, Object> usage = new LinkedHashMap<>(bytes.usage());
        java.util.Map<String, Object> limits = new LinkedHashMap<>();
        for (java.util.Map.Entry<RateCategory, String> e : rates.limits().entrySet()) {
            java.util.Map<String, Object> one = new LinkedHashMap<>();
            one.put("limit", e.getValue());
            one.put("refused", rates.refused(e.getKey()));
            limits.put(e.getKey().yamlName(), one);
        }
        if (!limits.isEmpty()) {
            usage.put("rate", limits);
        }
        return usage;
    }

    @Override
    public void unixSocket(boolean listen, String path) {
        decideUnix(listen, path);
    }

    @Override
    public String unixBind(String path) {
        return decideUnix(true, path);
    }

    /** {@link #unixSocket}; returns the real form decided, or null when none was (audit mode went on). */
    private String decideUnix(boolean listen, String path) {
        String op = listen ? "listen-unix" : "connect-unix";
        String given = givenForms.of(path);
        killswitch(Category.NETWORK, op, given);
        Decision refused = names.refusal(path);
        if (refused != null) {
            verdicts.apply(refused, Category.NETWORK, op, "unix:" + given);
            return null;
        }
        // Like a file, a socket path is checked as given and as it really is: a granted name can be a link
        // to another socket (say /var/run/docker.sock). A bind creates the path, so its parent is resolved.
        String real;
        try {
            real = listen ? PathForms.realFormNoFollow(path, workdir) : PathForms.realForm(path, workdir);
        } catch (UndecidablePathException e) {
            verdicts.apply(e.decision(), Category.NETWORK, op, "unix:" + given);
            return null;
        }
        Decision decision = listen ? policy.network().decideUnixListen(given) : policy.network().decideUnixConnect(given);
        if (decision.allowed() && !real.equals(given)) {
            Decision viaLink = listen ? policy.network().decideUnixListen(real) : policy.network().decideUnixConnect(real);
            if (!viaLink.allowed()) {
                decision = Decision.deny(viaLink.rule(), "unix:" + given + " resolves through a symbolic link to "
                        + real + ": " + viaLink.reason(), viaLink.granted());
            }
        }
        verdicts.apply(decision, Category.NETWORK, op, "unix:" + given);
        return real;
    }

    @Override
    public void unixBindPinned(String path, String decided, String where, boolean fits) {
        String given = givenForms.of(path);
        if (!fits) {
            verdicts.apply(Decision.deny("undecidable", "unix:" + given + " cannot be bound in the folder that was"
                    + " decided: /proc/self/fd/N/ plus its last name does not fit a socket address (107 bytes);"
                    + " use a shorter last name"), Category.NETWORK, "listen-unix", "unix:" + given);
            return;
        }
        if (where.equals(decided)) {
            return;
        }
        // The folder moved between the decision and the pin: the socket file is made where the folder is now.
        String real = OpenedFiles.primary(where, given);
        String alternate = OpenedFiles.alternate(where);
        Decision decision = policy.network().decideUnixListen(real);
        if (decision.allowed() && alternate != null) {
            decision = policy.network().decideUnixListen(alternate);
        }
        if (!decision.allowed()) {
            verdicts.apply(Decision.deny(decision.rule(), "unix:" + given + " would be bound at " + where + ": "
                    + decision.reason(), decision.granted()), Category.NETWORK, "listen-unix", "unix:" + given);
        }
    }

    @Override
    public void unixSocketPinned(String path, String where) {
        String given = givenForms.of(path);
        if (where.equals(given)) {
            return;
        }
        // The socket file the kernel connects to: a link, or a folder swapped since the check, led here.
        String real = OpenedFiles.primary(where, given);
        String alternate = OpenedFiles.alternate(where);
        Decision decision = policy.network().decideUnixConnect(real);
        if (decision.allowed() && alternate != null) {
            decision = policy.network().decideUnixConnect(alternate);
        }
        if (!decision.allowed()) {
            verdicts.apply(Decision.deny(decision.rule(), "unix:" + given + " is the socket " + where + ": "
                    + decision.reason(), decision.granted()), Category.NETWORK, "connect-unix", "unix:" + given);
        }
    }

    @Override
    public void listen(InetAddress address, int port) {
        byte[] bytes = address == null ? new byte[16] : address.getAddress();
        String target = hostText(bytes) + ":" + port;
        killswitch(Category.NETWORK, "listen", target);
        verdicts.apply(policy.network().decideListen(bytes, port), Category.NETWORK, "listen", target);
    }

    // ---- reverse lookups ---------------------------------------------------------------------------------

    @Override
    public boolean reverseLookup(InetAddress address) {
        String literal = IpAddresses.format(address.getAddress());
        if (killswitch.tripped()) {
            verdicts.killswitchHidden(Category.NETWORK, "resolve-reverse", literal, policy.killswitchFile());
            return false;
        }
        Decision decision = policy.network().decideReverseLookup(address.getAddress());
        return verdicts.applyQuietly(decision, Category.NETWORK, "resolve-reverse", literal);
    }

    // ---- native code -----------------------------------------------------------------------------------

    @Override
    public void nativeLoad(String name, String path) {
        String target = name != null ? name : path;
        killswitch(Category.NATIVE, "load", target);
        String real;
        try {
            Decision refused = path == null ? null : names.refusal(path);
            if (refused != null) {
                verdicts.apply(refused, Category.NATIVE, "load", target);
                return;
            }
            real = path == null ? null : PathForms.realForm(path, workdir);
        } catch (UndecidablePathException e) {
            verdicts.apply(e.decision(), Category.NATIVE, "load", target);
            return;
        }
        if (name != null && isJdkLibrary(name)) {
            verdicts.apply(JDK_LIBRARY, Category.NATIVE, "load", target);
            return;
        }
        if (real != null && real.startsWith(policy.context().javaHome() + "/lib/")) {
            verdicts.apply(JDK_LIBRARY, Category.NATIVE, "load", target);
            return;
        }
        verdicts.apply(policy.natives().decide(name, real), Category.NATIVE, "load", target);
    }

    @Override
    public void foreignAccess(Class<?> caller, String what) {
        killswitch(Category.NATIVE, "ffm", what);
        // Denied in audit mode too: once native code runs, nothing it does reaches the audit log, so letting
        // it through would make the audited run's record silently incomplete.
        throw verdicts.alwaysDenied(FOREIGN_DENIED, Category.NATIVE, "ffm", what);
    }

    /** The policy language has no grant for the foreign-function API: its restricted methods are denied. */
    private static final Decision FOREIGN_DENIED = Decision.deny("default-deny", "restricted methods of the"
            + " foreign-function API (Linker, SymbolLookup.libraryLookup, ...) run native code that no other check"
            + " sees, and the policy language has no grant for them (denied in audit mode too); use"
            + " System.loadLibrary with native.load");

    @Override
    public void tamper(String op, String target) {
        verdicts.tamper(op, target);
    }

    // ---- other processes (ProcessHandle) ---------------------------------------------------------------

    @Override
    public void processSignal(ProcessHandle target, boolean force) {
        String op = force ? "kill" : "signal";
        String text = "pid " + target.pid();
        killswitch(Category.PROCESS, op, text);
        verdicts.apply(decideSignal(target), Category.PROCESS, op, text);
    }

    private static Decision decideSignal(ProcessHandle target) {
        if (OwnProcesses.isDescendant(target)) {
            return OWN_PROCESS;
        }
        if (!target.isAlive()) {
            // The native call checks the start time first: a signal to an ended process reaches nothing, and
            // Process.destroy of a child that has just ended must not fail.
            return Decision.allow("baseline", "the process has ended: the signal reaches nothing");
        }
        return Decision.deny("default-deny", "signalling a process this JVM did not start is not granted (no"
                + " policy key grants it); grant a program such as kill in process.exec if the agent must stop"
                + " other processes");
    }

    @Override
    public boolean processInfo(ProcessHandle target) {
        String text = "pid " + target.pid();
        if (killswitch.tripped()) {
            verdicts.killswitchHidden(Category.PROCESS, "inspect", text, policy.killswitchFile());
            return false;
        }
        Decision decision = OwnProcesses.isSelf(target) || OwnProcesses.isDescendant(target) ? OWN_PROCESS
                : Decision.deny("default-deny", "the command line and arguments of a process this JVM did not"
                        + " start are hidden (they may carry tokens; no policy key grants them)");
        return verdicts.applyQuietly(decision, Category.PROCESS, "inspect", text);
    }

    private static final Decision OWN_PROCESS = Decision.allow("baseline",
            "this JVM, or a process it started (or one of theirs)");

    // ---- name-resolver providers (JDK 18+) ------------------------------------------------------------

    @Override
    public Object resolverProvider(Object resolver) {
        String provider = ResolverProviders.providerName(resolver.getClass().getName());
        Decision decision = policy.network().decideResolverProvider(provider);
        if (verdicts.applyQuietly(decision, Category.NETWORK, "resolver", provider)) {
            return resolver;
        }
        try {
            return ResolverProviders.refusing(verdicts.denialMessage(Category.NETWORK, "resolver", provider, decision));
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("no resolver interface on a JDK that loaded a resolver provider", e);
        }
    }

    /**
     * The resolver the JDK installed before the guard's hook was in, decided like {@link #resolverProvider}:
     * returns the provider's class name when the JVM must not start with it (enforce mode, not granted), or
     * null. A refusing resolver cannot stand in for it: its answers may already be cached.
     */
    public String earlyResolver(String resolverClass) {
        String provider = ResolverProviders.providerName(resolverClass);
        Decision decision = policy.network().decideResolverProvider(provider);
        return verdicts.applyQuietly(decision, Category.NETWORK, "resolver", provider) ? null : provider;
    }

    private static final Decision JDK_LIBRARY = Decision.allow("baseline",
            "a library of the JDK itself (${java.home}/lib)");

    /** A JDK library by name ({@code net}, {@code prefs}): part of the baseline, the JVM needs them. */
    private boolean isJdkLibrary(String name) {
        return name.indexOf('/') < 0 && new File(policy.context().javaHome() + "/lib/" + System.mapLibraryName(name)).isFile();
    }

    // ---- the JVM's own machinery (policy reference section 11a) ----------------------------------------

    @Override
    public void diagnosticCommand(String commandLine) {
        // What an earlier command left for agentmain goes first, whatever this one's outcome.
        agents.clear();
        // The target is shown on one line: a line break in it is the attack the decision refuses.
        String target = Summaries.oneLine(commandLine);
        killswitch(Category.JVM, "diagnostic", target);
        // A command that is not read-only loads code, or reads and writes files in native code (VM.log
        // renames the audit log itself), and nothing it does is checked or recorded.
        AgentLoads.Verdict verdict = policy.decideDiagnostic(commandLine);
        applyInBothModes(verdict.decision(), "diagnostic", target);
        if (verdict.agentClass() != null) {
            // A granted Java agent: the JPLIS agent calls agentmain next, on this thread.
            agents.expect(verdict.agentClass(), verdict.realPath(), verdict.decision());
        }
    }

    @Override
    public void heapDump(String path) {
        String given = givenForms.of(path);
        killswitch(Category.JVM, "heap-dump", given);
        if (!decidable("heap-dump", path)) {
            return;
        }
        String real;
        try {
            real = PathForms.realForm(path, workdir);
        } catch (UndecidablePathException e) {
            undecidable(e, "heap-dump", path);
            return;
        }
        verdicts.apply(policy.jvm().decideHeapDump(real), Category.JVM, "heap-dump", given);
        // The JVM writes the file itself, in native code: it is a file write like any other.
        decideFile(WRITE, "heap-dump", given, real);
    }

    @Override
    public void setVMOption(String name, String value) {
        String target = Summaries.oneLine(name + "=" + value);
        killswitch(Category.JVM, "set-flag", target);
        // The dump a heap-dump flag arms is written later by the JVM, where no check sees it.
        applyInBothModes(policy.jvm().decideSetFlag(name), "set-flag", target);
    }

    /**
     * A jvm decision whose denial holds in audit mode too, like the foreign-function API: what the call
     * would do happens in native code, where nothing is checked or recorded.
     */
    private void applyInBothModes(Decision decision, String op, String target) {
        if (!decision.allowed()) {
            throw verdicts.alwaysDenied(decision, Category.JVM, op, target);
        }
        verdicts.apply(decision, Category.JVM, op, target);
    }

    @Override
    public void jfrStart(String recording) {
        String target = "recording " + Summaries.oneLine(recording);
        killswitch(Category.JVM, "jfr-start", target);
        verdicts.apply(policy.jvm().decideJfr(), Category.JVM, "jfr-start", target);
    }

    @Override
    public void lateAgent(String what) {
        throw verdicts.alwaysDenied(LATE_AGENT, Category.GUARD, "agent-load", what);
    }

    @Override
    public void agentmain(String agentClass) {
        Decision decision = agents.agentmain(agentClass);
        if (!decision.allowed()) {
            throw verdicts.alwaysDenied(decision, Category.GUARD, "agent-load", agentClass);
        }
        verdicts.apply(decision, Category.GUARD, "agent-load", agentClass);
    }

    @Override
    public void jarOpens(String what) {
        throw verdicts.alwaysDenied(JAR_OPENS, Category.GUARD, "jar-opens", what);
    }

    @Override
    public void reweaveRefused(String className, String error) {
        Decision decision = Decision.deny("protected", "another agent retransformed or redefined " + className
                + " into bytes the guard could not weave its hooks into (" + Summaries.oneLine(error) + "); the"
                + " JVM was handed bytes it refuses, so the class keeps its hooks and that agent got a"
                + " ClassFormatError");
        GuardDeniedException refused = verdicts.alwaysDenied(decision, Category.GUARD, "retransform", className);
        System.err.println(refused.getMessage());
    }

    private static final Decision JAR_OPENS = Decision.deny("protected", "a jar manifest's Add-Opens or Add-Exports"
            + " would let the application call the JDK's internals below the guard's hooks; start the jar with"
            + " -cp and its main class, or give the JVM those options on its command line");

    private static final Decision LATE_AGENT = Decision.deny("protected", "a Launcher-Agent-Class in the"
            + " application jar would get an Instrumentation and could remove the guard's hooks; put agents on"
            + " the command line (-javaagent) instead");
}
