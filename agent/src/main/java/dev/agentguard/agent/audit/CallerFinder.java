package dev.agentguard.agent.audit;

import java.lang.StackWalker.StackFrame;
import java.util.Iterator;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Finds the {@code caller} of an audit record: the first stack frame outside the JDK and the guard,
 * written like a stack trace line, {@code com.acme.Tool.run(Tool.java:42)}. That frame is the code that
 * asked for the file, process or connection, which is what a reader of the log wants to know.
 *
 * <p>Walking the stack is not free, so it is done only when a record is actually written, never on the
 * allowed fast path. The walk uses a named {@link Function} class and an iterator instead of lambdas and
 * stream pipelines: a lambda first created inside a hooked JDK path can re-enter instrumentation.
 */
public final class CallerFinder {
    /** Frames of these packages are skipped: the JDK and the guard itself (including relocated libraries). */
    // The guard's own packages only: an application may live under dev.agentguard too (our sample apps do).
    static final String[] SKIPPED = {"java.", "javax.", "jdk.", "sun.", "com.sun.", "dev.agentguard.bootstrap.",
        "dev.agentguard.agent.", "dev.agentguard.policy.", "dev.agentguard.internal."};

    /** CallerFinder's own frames, skipped whatever the prefixes say. */
    private static final String SELF = "dev.agentguard.agent.audit.CallerFinder";
    private static final String SELF_NESTED = "dev.agentguard.agent.audit.CallerFinder$";

    /**
     * Frames fetched in the walk's first batch. A record's caller sits about 12 to 20 frames down (the walk's,
     * the guard's and the JDK's frames above it); without the estimate the JDK fetches 8 frames, then 16, so
     * most walks took two or three trips into the VM.
     */
    static final int ESTIMATED_DEPTH = 20;
    private static final StackWalker WALKER = StackWalker.getInstance(java.util.Set.of(), ESTIMATED_DEPTH);
    private static final FirstOutside DEFAULT = new FirstOutside(SKIPPED);

    private CallerFinder() {}

    /** The first frame outside the JDK and the guard, or null when there is none (or the walk fails). */
    public static String find() {
        return find(DEFAULT);
    }

    /** As {@link #find()}, skipping the given package prefixes instead; for tests. */
    static String find(String... skipped) {
        return find(new FirstOutside(skipped));
    }

    private static String find(FirstOutside finder) {
        try {
            return WALKER.walk(finder);
        } catch (RuntimeException e) {
            return null;
        }
    }

    static String format(String className, String methodName, String fileName, int line) {
        StringBuilder b = new StringBuilder(className.length() + methodName.length() + 32)
                .append(className).append('.').append(methodName).append('(');
        if (fileName == null) {
            b.append("Unknown Source");
        } else {
            b.append(fileName);
            if (line >= 0) {
                b.append(':').append(line);
            }
        }
        return b.append(')').toString();
    }

    /** The walk: returns the formatted first frame whose class is not under a skipped prefix. */
    private static final class FirstOutside implements Function<Stream<StackFrame>, String> {
        private final String[] skipped;

        FirstOutside(String[] skipped) {
            this.skipped = skipped.clone();
        }

        @Override
        public String apply(Stream<StackFrame> frames) {
            Iterator<StackFrame> it = frames.iterator();
            while (it.hasNext()) {
                StackFrame frame = it.next();
                String className = frame.getClassName();
                if (!isSkipped(className)) {
                    return format(className, frame.getMethodName(), frame.getFileName(), frame.getLineNumber());
                }
            }
            return null;
        }

        private boolean isSkipped(String className) {
            if (className.equals(SELF) || className.startsWith(SELF_NESTED)) {
                return true;
            }
            for (String prefix : skipped) {
                if (className.startsWith(prefix)) {
                    return true;
                }
            }
            return false;
        }
    }
}
