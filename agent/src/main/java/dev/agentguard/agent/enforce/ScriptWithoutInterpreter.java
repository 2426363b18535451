package dev.agentguard.agent.enforce;

import dev.agentguard.bootstrap.ObjectId;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * A program the kernel refuses to execute ({@code ENOEXEC}): neither an ELF file nor a script with a {@code #!}
 * line. Every JDK launch mechanism (posix_spawn through jspawnhelper, fork, vfork; JDK 17 and 25) then runs it
 * as {@code /bin/sh PROGRAM ARGS...} (childproc's own retry, or glibc's {@code execvp}), so the start is decided
 * as that {@code /bin/sh} start: what the kernel really runs.
 *
 * <p>The first bytes are read by the path the JDK will execute, which is the real path decided (or a link the
 * application cannot change, {@link ExecPath}); the exec that follows opens it by that path again. Between the
 * two, only someone who may write that file or a folder above it could change what it starts with, and that
 * someone can make the granted program do anything anyway (a {@code #!/bin/sh} line runs the same shell), so
 * the read adds no way in that the program's own grant did not give.
 */
final class ScriptWithoutInterpreter {
    /** What the JDK and glibc run a refused program with. */
    static final String SHELL = "/bin/sh";

    private ScriptWithoutInterpreter() {}

    /**
     * {@code /bin/sh executed ARGS...} when {@code executed} is a file the kernel would refuse with
     * {@code ENOEXEC} (an empty file too), else null: an ELF executable for this machine, a {@code #!} script
     * whose interpreter the kernel runs, or a file that cannot be read (the kernel may still run an unreadable
     * ELF file; the shell could not read a script either).
     */
    static String[] shellArgv(String executed, String[] argv) {
        return shellArgv(executed, argv, null);
    }

    /**
     * {@link #shellArgv(String, String[])}, answering from {@code heads} (null: none) when the file found at
     * {@code executed} is an object whose head was read before and has not changed since ({@link Heads}).
     */
    static String[] shellArgv(String executed, String[] argv, Heads heads) {
        if (!refused(executed, 0, heads)) {
            return null;
        }
        String[] out = new String[argv.length + 1];
        out[0] = SHELL;
        out[1] = executed;
        System.arraycopy(argv, 1, out, 2, argv.length - 1);
        return out;
    }

    /** The bytes of a file the kernel reads to choose how to run it ({@code BINPRM_BUF_SIZE}). */
    static final int HEAD = 256;
    /** How many interpreters deep the kernel follows {@code #!} lines before it gives up ({@code ELOOP}). */
    private static final int DEPTH = 4;

    /**
     * Whether the kernel refuses {@code file} with {@code ENOEXEC} (attack on the first version: a file that only
     * starts with {@code #!} or {@code \x7fELF} was taken as runnable, and {@code "#!\n"}, a {@code #!} line
     * longer than the kernel reads, a {@code #!} naming a script without one, or a non-executable ELF header
     * ran {@code /bin/sh} undecided). False when it cannot tell: the file is then decided as itself, as before.
     */
    private static boolean refused(String executed, int depth, Heads heads) {
        Path file = Path.of(executed);
        BasicFileAttributes seen;
        try {
            seen = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (IOException | RuntimeException e) {
            return false; // as Files.isRegularFile answers for a name that cannot be looked at
        }
        if (!seen.isRegularFile()) {
            return false; // the kernel executes nothing else, and opening a FIFO would wait for a writer
        }
        ObjectId id = heads == null ? null : heads.identify(seen);
        int known = id == null ? Heads.UNKNOWN : heads.find(id);
        if (known != Heads.UNKNOWN) {
            return known == Heads.REFUSED;
        }
        byte[] head = new byte[HEAD];
        int n;
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buffer = ByteBuffer.wrap(head);
            while (buffer.hasRemaining() && in.read(buffer) > 0) {
                // a short read of a small file: read on until the end or the kernel's buffer is full
            }
            n = buffer.position();
        } catch (IOException | RuntimeException e) {
            return false;
        }
        if (n >= 4 && head[0] == 0x7f && head[1] == 'E' && head[2] == 'L' && head[3] == 'F') {
            return remembered(heads, id, !ElfHeader.runnable(head, n));
        }
        if (n >= 2 && head[0] == '#' && head[1] == '!') {
            String interpreter = interpreter(head);
            if (interpreter == null) {
                return remembered(heads, id, true); // binfmt_script's own ENOEXEC: no interpreter name, or one cut off
            }
            // The kernel runs the interpreter in turn: one it refuses makes the whole exec ENOEXEC. A relative
            // name is opened in the child's folder, which is not known here: decided as the file, as before.
            // Not remembered: the answer is the interpreter's too, which may change on its own.
            return interpreter.startsWith("/") && depth < DEPTH && refused(interpreter, depth + 1, heads);
        }
        return remembered(heads, id, true);
    }

    /** {@code refused}, remembered for the object {@code id} when its answer rests on its own head alone. */
    private static boolean remembered(Heads heads, ObjectId id, boolean refused) {
        if (id != null) {
            heads.remember(id, refused);
        }
        return refused;
    }

    /**
     * What the heads of executed programs said, by the object read (device, inode, ctime to the nanosecond:
     * {@link ObjectId}, the key of {@link KnownObjects}, with its rule that only a ctime older than
     * {@link KnownObjects#SETTLED_NANOS} is remembered). Every write of a file sets its ctime, and the
     * application cannot set a ctime back, so the same identity has the same first bytes: a program started
     * again (a start's {@code stat} of it is made anyway) is not opened and read again. Only answers that rest on
     * the file's own head are kept (an ELF header, no {@code #!}, a {@code #!} line the kernel refuses itself); a
     * {@code #!} script's answer is its interpreter's too, and is worked out at every start. Direct-mapped, a
     * newer entry replaces the one in its slot; entries are immutable, published through a final field.
     */
    static final class Heads {
        static final int UNKNOWN = 0;
        static final int REFUSED = 1;
        static final int RUNNABLE = 2;
        private static final int SLOTS = 64;

        private final Entry[] entries = new Entry[SLOTS];
        private final KnownObjects identities;

        /** {@code identities}: whose per-thread identity holder a look is read into. */
        Heads(KnownObjects identities) {
            this.identities = identities;
        }

        /** This thread's holder filled with the identity of {@code seen}, or null when it cannot be read. */
        ObjectId identify(BasicFileAttributes seen) {
            ObjectId id = identities.holder();
            return id.of(seen) ? id : null;
        }

        int find(ObjectId id) {
            Entry e = entries[index(id)];
            if (e == null || !id.same(e.device, e.inode, e.changedSeconds, e.changedNanos)) {
                return UNKNOWN;
            }
            return e.refused ? REFUSED : RUNNABLE;
        }

        void remember(ObjectId id, boolean refused) {
            if (id.valid && KnownObjects.settled(id)) {
                entries[index(id)] = new Entry(id, refused);
            }
        }

        private static int index(ObjectId id) {
            long h = id.inode * 0x9E3779B97F4A7C15L ^ id.device * 0xC2B2AE3D27D4EB4FL;
            return (int) (h ^ (h >>> 29) ^ (h >>> 47)) & (SLOTS - 1);
        }

        private static final class Entry {
            final long device;
            final long inode;
            final long changedSeconds;
            final long changedNanos;
            final boolean refused;

            Entry(ObjectId id, boolean refused) {
                this.device = id.device;
                this.inode = id.inode;
                this.changedSeconds = id.changedSeconds;
                this.changedNanos = id.changedNanos;
                this.refused = refused;
            }
        }
    }

    /**
     * The interpreter a {@code #!} line names, as {@code binfmt_script} reads it from its buffer: the first
     * {@link #HEAD} bytes of the file, zeros after a shorter file ({@code head} is that buffer). Null where it
     * answers {@code ENOEXEC}: no name after the blanks, or no newline and no blank or NUL after the name
     * before the buffer's last byte (the name may be cut off).
     */
    static String interpreter(byte[] head) {
        int end = -1;
        for (int i = 0; i < HEAD; i++) {
            if (head[i] == '\n') {
                end = i;
                break;
            }
        }
        int last = HEAD - 1;
        if (end < 0) {
            int name = 2;
            while (name < last && blank(head[name])) {
                name++;
            }
            if (name >= last) {
                return null; // only blanks after "#!"
            }
            int stop = name;
            while (stop < last && !blank(head[stop]) && head[stop] != 0) {
                stop++;
            }
            if (stop >= last) {
                return null; // the name runs to the end of the buffer: cut off
            }
            end = last;
        }
        int i = 2;
        while (i < end && blank(head[i])) {
            i++;
        }
        int j = i;
        while (j < end && !blank(head[j]) && head[j] != 0) {
            j++;
        }
        return j == i ? null : new String(head, i, j - i, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    private static boolean blank(byte b) {
        return b == ' ' || b == '\t';
    }
}
