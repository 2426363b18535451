package dev.agentguard.policy.shell;

import java.util.List;

/**
 * The parsed form of the supported subset of the POSIX Shell Command Language (POSIX.1-2017 XCU
 * section 2.9): lists, and-or lists, pipelines, simple commands, subshells and brace groups.
 * Everything else is refused by the parser before a tree exists.
 */
public final class Syntax {
    private Syntax() {
    }

    /** A list: and-or lists separated by {@code ;}, {@code &} or newlines. */
    public record Script(List<Item> items) {
    }

    /** One and-or list, and whether it ends with {@code &} (runs in the background, in a subshell). */
    public record Item(AndOr andOr, boolean background) {
    }

    /** Pipelines joined by {@code &&} / {@code ||}; {@code ops.get(i)} joins pipeline i and i+1. */
    public record AndOr(List<Pipeline> pipelines, List<String> ops) {
    }

    /** Commands joined by {@code |}, optionally negated by a leading {@code !}. */
    public record Pipeline(boolean negated, List<Command> commands) {
    }

    /** A command: simple, a subshell {@code ( … )} or a brace group <code>{ …; }</code>. */
    public sealed interface Command permits Simple, Subshell, Group {
        List<Redirect> redirects();

        int start();
    }

    /**
     * {@code NAME=value … word … } with redirections anywhere among them.
     *
     * @param end 0-based index just past the command's last character, so its text can be shown
     */
    public record Simple(List<Word> assignments, List<Word> words, List<Redirect> redirects, int start, int end)
            implements Command {
    }

    public record Subshell(Script body, List<Redirect> redirects, int start) implements Command {
    }

    public record Group(Script body, List<Redirect> redirects, int start) implements Command {
    }

    /**
     * A redirection.
     *
     * @param fd the file descriptor it applies to
     * @param op {@code < > >> >| <> <& >& << <<-}
     * @param target the file, the descriptor ({@code <&} / {@code >&}) or the here-document delimiter (the
     *     body is data for the command's input; the lexer has refused it when it would expand)
     */
    public record Redirect(int fd, String op, Word target, int start) {
        /** Whether the shell opens a file by name for this redirection. */
        public boolean opensFile() {
            return !op.startsWith("<<") && !op.equals("<&") && !op.equals(">&");
        }

        public boolean reads() {
            return op.equals("<") || op.equals("<>");
        }

        public boolean writes() {
            return op.startsWith(">") || op.equals("<>");
        }
    }
}
