package dev.agentguard.agent.enforce;

import java.lang.StackWalker.StackFrame;
import java.util.Iterator;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Tells whether a denied metadata query is the first step of an open inside the JDK, which must keep
 * throwing the guard's denial like every open: {@code ZipFile}/{@code JarFile} read the file's attributes
 * ({@code ZipFile$Source.get}) before they open it, so answering that query "absent" would turn a denied
 * open into a {@code NoSuchFileException}.
 *
 * <p>Walks the stack, which is done only for a query that is already denied (never on the allowed path),
 * up to the first frame outside the JDK. A named {@link Function} class, not a lambda: a lambda first
 * created inside a hooked JDK path can re-enter instrumentation on JDK 17.
 */
final class OpeningQuery implements Function<Stream<StackFrame>, Boolean> {
    private static final String ZIP_SOURCE = "java.util.zip.ZipFile$Source";
    private static final StackWalker WALKER = StackWalker.getInstance();
    private static final OpeningQuery INSTANCE = new OpeningQuery();

    private OpeningQuery() {}

    /** True when the current thread's query was made by a JDK open (a {@code ZipFile}); fails towards true. */
    static boolean inProgress() {
        try {
            return WALKER.walk(INSTANCE);
        } catch (RuntimeException e) {
            // Unknown purpose: keep the denial thrown, which is never less safe than answering "absent".
            return true;
        }
    }

    @Override
    public Boolean apply(Stream<StackFrame> frames) {
        Iterator<StackFrame> it = frames.iterator();
        while (it.hasNext()) {
            String className = it.next().getClassName();
            if (className.equals(ZIP_SOURCE)) {
                return Boolean.TRUE;
            }
            if (!isJdkOrGuard(className)) {
                return Boolean.FALSE;
            }
        }
        return Boolean.FALSE;
    }

    private static boolean isJdkOrGuard(String className) {
        return className.startsWith("java.") || className.startsWith("sun.") || className.startsWith("jdk.")
                || className.startsWith("dev.agentguard.bootstrap.") || className.startsWith("dev.agentguard.agent.")
                || className.startsWith("dev.agentguard.policy.");
    }
}
