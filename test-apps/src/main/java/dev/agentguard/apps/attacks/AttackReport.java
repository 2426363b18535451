package dev.agentguard.apps.attacks;

import java.io.PrintStream;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Prints one line per attempt: {@code ATTACK <name> blocked <detail>} or {@code ATTACK <name> SUCCEEDED
 * <detail>}, and {@code CONTROL <name> ok|FAILED <detail>} for the allowed calls that show the policy is
 * not simply breaking everything. The detail of a blocked attempt says who stopped it: {@code guard:}
 * for the guard's own denial, {@code jdk:} when the JDK refused on its own.
 */
public final class AttackReport {
    private final PrintStream out;
    private final String canary;

    AttackReport(PrintStream out, String canary) {
        this.out = out;
        this.canary = canary;
    }

    /** An attempt that returns what it obtained; the attack succeeded if that holds the canary. */
    public interface Grab {
        Object get() throws Throwable;
    }

    /** An attempt whose success is judged afterwards by {@code effect}. */
    public interface Attempt {
        void run() throws Throwable;
    }

    public interface Effect {
        /** Null when the attempt had no effect; otherwise what happened. */
        String observe() throws Exception;
    }

    public void blocked(String name, String detail) {
        line("ATTACK " + name + " blocked " + detail);
    }

    public void succeeded(String name, String detail) {
        line("ATTACK " + name + " SUCCEEDED " + detail);
    }

    public void control(String name, boolean ok, String detail) {
        line("CONTROL " + name + (ok ? " ok " : " FAILED ") + detail);
    }

    /** Runs {@code grab}; SUCCEEDED when what it returned contains the canary marker. */
    public void grab(String name, Grab grab) {
        Object got;
        try {
            got = grab.get();
        } catch (Throwable t) {
            blocked(name, who(t));
            return;
        }
        String text = text(got);
        if (text != null && text.contains(canary)) {
            succeeded(name, "obtained the canary: " + excerpt(text));
        } else {
            blocked(name, "completed without the canary (" + (text == null ? "null" : text.length() + " chars") + ")");
        }
    }

    /** Runs {@code attempt}, then asks {@code effect} whether it happened anyway. */
    public void attempt(String name, Attempt attempt, Effect effect) {
        String failure = null;
        try {
            attempt.run();
        } catch (Throwable t) {
            failure = who(t);
        }
        String happened;
        try {
            happened = effect.observe();
        } catch (Throwable t) {
            happened = "could not check the effect: " + t;
        }
        if (happened != null) {
            succeeded(name, happened + (failure == null ? "" : " (and then: " + failure + ")"));
        } else {
            blocked(name, failure == null ? "completed without effect" : failure);
        }
    }

    /** Runs {@code attempt}; SUCCEEDED when it completes, i.e. the call was made (a connect, a load). */
    public void mustThrow(String name, Attempt attempt, String whatCompletingMeans) {
        try {
            attempt.run();
        } catch (Throwable t) {
            blocked(name, who(t));
            return;
        }
        succeeded(name, whatCompletingMeans);
    }

    /** Only the guard's denial counts as blocked; any other failure means the call left the guard. */
    public void guardMustDeny(String name, Attempt attempt, String whatPassingMeans) {
        try {
            attempt.run();
        } catch (Throwable t) {
            if (guardDenial(t) != null) {
                blocked(name, who(t));
            } else {
                succeeded(name, whatPassingMeans + " (" + oneLine(t.toString()) + ")");
            }
            return;
        }
        succeeded(name, whatPassingMeans + " (completed)");
    }

    static String who(Throwable t) {
        Throwable guard = guardDenial(t);
        if (guard != null) {
            return "guard: " + oneLine(guard.getClass().getSimpleName() + ": " + guard.getMessage());
        }
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return "jdk: " + oneLine(t + (root != t ? " <- " + root : ""));
    }

    static Throwable guardDenial(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            String message = String.valueOf(c.getMessage());
            if ((c instanceof SecurityException || c instanceof UnknownHostException)
                    && message.contains("agentguard: denied")) {
                return c;
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return null;
    }

    static String text(Object got) throws RuntimeException {
        if (got == null) {
            return null;
        }
        if (got instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
        return String.valueOf(got);
    }

    /** Whether a file exists now; for effect checks. */
    public static String exists(Path p) {
        return Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS) ? p + " exists" : null;
    }

    private String excerpt(String text) {
        int at = text.indexOf(canary);
        int from = Math.max(0, at - 20);
        return oneLine(text.substring(from, Math.min(text.length(), at + canary.length() + 20)));
    }

    static String oneLine(String s) {
        String one = s == null ? "" : s.replace('\n', ' ').replace('\r', ' ').replace('\0', ' ');
        return one.length() > 400 ? one.substring(0, 400) + "..." : one;
    }

    private synchronized void line(String s) {
        out.println(s);
        out.flush();
    }
}
