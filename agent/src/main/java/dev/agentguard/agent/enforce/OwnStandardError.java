package dev.agentguard.agent.enforce;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A line on the JVM's standard error (descriptor 2) for the guard's own work that runs unchecked: its threads
 * and its last shutdown step. Never {@code System.err}, which the application may have replaced with its own
 * stream, whose code would then run where no check is made (the attack pass of issue 13: see
 * {@code GuardThreadTest}). A line that cannot be written is dropped: this is a notice, not a record.
 */
public final class OwnStandardError {
    private static final FileOutputStream ERR = new FileOutputStream(FileDescriptor.err);

    private OwnStandardError() {}

    /**
     * Loads and initializes this class now, while there is memory: its first use may come when an error has
     * left none (a class that fails to initialize then stays unusable).
     */
    public static void ready() {
        // Nothing more: calling it initializes the class.
    }

    /** Writes {@code line}; never throws, whatever the failure (an OutOfMemoryError included). */
    public static void println(String line) {
        println(line, null);
    }

    /**
     * Writes {@code line}, then {@code ": "} and the error's class name when there is one; the line is put
     * together inside, so that building it can fail (a full heap) without throwing at the caller.
     */
    public static void println(String line, Throwable error) {
        try {
            String text = error == null ? line : line + ": " + error.getClass().getName();
            byte[] bytes = (text + System.lineSeparator()).getBytes(StandardCharsets.UTF_8);
            synchronized (ERR) {
                ERR.write(bytes);
            }
        } catch (Throwable ignored) {
            // As above: dropped.
        }
    }
}
