package dev.agentguard.agent.audit;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/**
 * The opt-in console line ({@code audit.console: denials}): one line on the JVM's standard error per
 * distinct denial, that is once per rule and target, so a developer sees what the policy stops without
 * reading the audit log, and a loop that is denied a thousand times prints once.
 *
 * <p>It writes to file descriptor 2 through a stream made when the guard starts, never through
 * {@code System.err}: the application may have replaced that with its own object, and the guard must not
 * call application code while it is deciding. Lines are redacted like the audit log, and control
 * characters in them (a path may hold a newline) are shown as {@code \\uXXXX}, so a crafted name cannot
 * forge a console line. At most
 * {@link #MAX_LINES} lines are shown; after that one line says that further denials are in the log only.
 */
public final class ConsoleDenials {
    static final int MAX_LINES = 10_000;
    /** Longest line shown; a target has no length limit in Java (the kernel refuses it only later). */
    static final int MAX_LINE_CHARS = 2_000;
    /** Longest target kept whole in the set of shown denials; a longer one is kept as a prefix and a hash. */
    private static final int MAX_KEY_CHARS = 256;

    private final OutputStream out;
    private final Set<String> shown = new HashSet<>();
    private boolean full;

    ConsoleDenials(OutputStream out) {
        this.out = out;
    }

    /** Writes to the JVM's standard error (descriptor 2). */
    public static ConsoleDenials toStandardError() {
        return new ConsoleDenials(new FileOutputStream(FileDescriptor.err));
    }

    /**
     * Shows {@code line} (one line, the denial message) unless the same rule and target were shown before.
     * A failed write is ignored: the audit record, written before, is what fails closed.
     */
    public void show(String rule, String target, String line) {
        String text;
        synchronized (shown) {
            if (full) {
                return;
            }
            if (!shown.add(key(rule, target))) {
                return;
            }
            if (shown.size() >= MAX_LINES) {
                full = true;
                text = bounded(oneLine(Redactor.redact(line))) + "\nagentguard: " + MAX_LINES
                        + " distinct denials shown; further ones are in the audit log only\n";
            } else {
                text = bounded(oneLine(Redactor.redact(line))) + "\n";
            }
        }
        try {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException ignored) {
            // The console is a convenience; the audit record is the account of the denial.
        }
    }

    /**
     * The rule and target as remembered: whole when short, else a prefix, the length and a hash, so 10,000
     * distinct targets of a million characters each do not stay in memory (two that collide show once).
     */
    private static String key(String rule, String target) {
        if (target.length() <= MAX_KEY_CHARS) {
            return rule + '\u0000' + target;
        }
        return rule + '\u0000' + target.substring(0, MAX_KEY_CHARS) + '\u0000' + target.length() + '\u0000'
                + target.hashCode();
    }

    /** {@code line} cut to {@link #MAX_LINE_CHARS}, after redaction, so no secret is left half-cut and unredacted. */
    private static String bounded(String line) {
        if (line.length() <= MAX_LINE_CHARS) {
            return line;
        }
        return line.substring(0, MAX_LINE_CHARS) + "... (" + (line.length() - MAX_LINE_CHARS)
                + " characters cut; the audit log has the whole message)";
    }

    /** Characters held in the set of shown denials (for the test of its bound). */
    long rememberedChars() {
        synchronized (shown) {
            long n = 0;
            for (String s : shown) {
                n += s.length();
            }
            return n;
        }
    }

    /** Marks and overrides that reorder how a terminal shows the rest of a line (Trojan-Source style). */
    private static boolean isBidiControl(char c) {
        return c == '\u061c' || c == '\u200e' || c == '\u200f' || (c >= '\u202a' && c <= '\u202e')
                || (c >= '\u2066' && c <= '\u2069');
    }

    /** {@code text} with control characters (and the Unicode line separators and bidi controls) as {@code \\uXXXX}. */
    static String oneLine(String text) {
        StringBuilder sb = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean control = c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f) || c == '\u2028' || c == '\u2029'
                    || isBidiControl(c);
            if (control && sb == null) {
                sb = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (control) {
                sb.append("\\u").append(String.format("%04x", (int) c));
            } else if (sb != null) {
                sb.append(c);
            }
        }
        return sb == null ? text : sb.toString();
    }
}
