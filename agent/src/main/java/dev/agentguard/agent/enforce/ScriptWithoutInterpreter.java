package dev.agentguard.agent.enforce;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

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
     * {@code ENOEXEC} (an empty file too), else null: an ELF file, a {@code #!} script, or a file that cannot be
     * read (the kernel may still run an unreadable ELF file; the shell could not read a script either).
     */
    static String[] shellArgv(String executed, String[] argv) {
        byte[] head = new byte[4];
        int n;
        Path file = Path.of(executed);
        if (!java.nio.file.Files.isRegularFile(file)) {
            return null; // the kernel executes nothing else, and opening a FIFO would wait for a writer
        }
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buffer = ByteBuffer.wrap(head);
            while (buffer.hasRemaining() && in.read(buffer) > 0) {
                // a short read of a small file: read on until the end or four bytes
            }
            n = buffer.position();
        } catch (IOException | RuntimeException e) {
            return null;
        }
        if (n >= 2 && head[0] == '#' && head[1] == '!') {
            return null;
        }
        if (n == 4 && head[0] == 0x7f && head[1] == 'E' && head[2] == 'L' && head[3] == 'F') {
            return null;
        }
        String[] out = new String[argv.length + 1];
        out[0] = SHELL;
        out[1] = executed;
        System.arraycopy(argv, 1, out, 2, argv.length - 1);
        return out;
    }
}
