package dev.agentguard.policy.shell;

import dev.agentguard.policy.shell.Lexer.Kind;
import dev.agentguard.policy.shell.Lexer.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Recursive-descent parser for the decided subset of the POSIX shell grammar (XCU 2.10.2):
 *
 * <pre>
 * script    : list EOF
 * list      : newlines* (and_or ((';' | '&amp;' | NEWLINE+) and_or)* (';' | '&amp;')?)? newlines*
 * and_or    : pipeline (('&amp;&amp;' | '||') newlines* pipeline)*
 * pipeline  : '!'? command ('|' newlines* command)*
 * command   : '(' list ')' redirect* | '{' list '}' redirect* | simple
 * simple    : (NAME=word | redirect)* (word (word | redirect)*)?
 * redirect  : [0-9]? ('&lt;' | '&gt;' | '&gt;&gt;' | '&gt;|' | '&lt;&gt;' | '&lt;&amp;' | '&gt;&amp;' | '&lt;&lt;' | '&lt;&lt;-') word
 * </pre>
 *
 * Everything else (control flow, functions, {@code case}, bash keywords) is refused with its name and
 * position: the guard decides only what it fully understands.
 */
final class Parser {
    /** Reserved words of sh and bash that start constructs the guard does not decide. */
    private static final Set<String> REFUSED_RESERVED = Set.of("if", "then", "else", "elif", "fi", "do", "done",
            "case", "esac", "while", "until", "for", "in", "function", "select", "coproc", "time", "[[", "]]");

    /** How deep subshells and groups may nest. */
    static final int MAX_DEPTH = 32;

    private final Lexer lexer;
    private Token tok;
    private int depth;
    private int lastEnd;

    private Parser(String script) throws UndecidableScript {
        this.lexer = new Lexer(script);
    }

    /** Parses a whole script or throws naming the first construct outside the subset. */
    static Syntax.Script parse(String script) throws UndecidableScript {
        Parser p = new Parser(script);
        p.advance();
        Syntax.Script list = p.list(null);
        if (p.tok.kind() != Kind.EOF) {
            throw p.unexpected();
        }
        return list;
    }

    private void advance() throws UndecidableScript {
        tok = lexer.next();
    }

    private void skipNewlines() throws UndecidableScript {
        while (tok.kind() == Kind.NEWLINE) {
            advance();
        }
    }

    private boolean isPlainWord(String text) {
        return tok.kind() == Kind.WORD && tok.word().isPlain(text);
    }

    /** @param closer ")" or "}" for a nested list, null at the top */
    private Syntax.Script list(String closer) throws UndecidableScript {
        List<Syntax.Item> items = new ArrayList<>();
        while (true) {
            skipNewlines();
            if (atListEnd(closer)) {
                break;
            }
            Syntax.AndOr andOr = andOr();
            boolean background = false;
            if (tok.isOp("&")) {
                background = true;
                advance();
            } else if (tok.isOp(";")) {
                advance();
            } else if (tok.kind() != Kind.NEWLINE && !atListEnd(closer)) {
                throw unexpected();
            }
            items.add(new Syntax.Item(andOr, background));
        }
        return new Syntax.Script(List.copyOf(items));
    }

    private boolean atListEnd(String closer) {
        if (tok.kind() == Kind.EOF) {
            return true;
        }
        if (")".equals(closer)) {
            return tok.isOp(")");
        }
        return "}".equals(closer) && isPlainWord("}");
    }

    private Syntax.AndOr andOr() throws UndecidableScript {
        List<Syntax.Pipeline> pipelines = new ArrayList<>();
        List<String> ops = new ArrayList<>();
        pipelines.add(pipeline());
        while (tok.isOp("&&") || tok.isOp("||")) {
            ops.add(tok.op());
            advance();
            skipNewlines();
            pipelines.add(pipeline());
        }
        return new Syntax.AndOr(List.copyOf(pipelines), List.copyOf(ops));
    }

    private Syntax.Pipeline pipeline() throws UndecidableScript {
        boolean negated = false;
        if (isPlainWord("!")) {
            negated = true;
            advance();
            if (isPlainWord("!")) {
                throw new UndecidableScript("a second '!'", tok.start());
            }
        }
        List<Syntax.Command> commands = new ArrayList<>();
        commands.add(command());
        while (tok.isOp("|")) {
            advance();
            skipNewlines();
            commands.add(command());
        }
        return new Syntax.Pipeline(negated, List.copyOf(commands));
    }

    private Syntax.Command command() throws UndecidableScript {
        int start = tok.start();
        boolean compound = tok.isOp("(") || isPlainWord("{");
        if (compound && ++depth > MAX_DEPTH) {
            // Bounded recursion: the parser must not run out of stack on "( ( ( …".
            throw new UndecidableScript("subshells and groups nested more than " + MAX_DEPTH + " deep", start);
        }
        try {
            return compoundOrSimple(start);
        } finally {
            if (compound) {
                depth--;
            }
        }
    }

    private Syntax.Command compoundOrSimple(int start) throws UndecidableScript {
        if (tok.isOp("(")) {
            advance();
            Syntax.Script body = nonEmpty(list(")"), start, "an empty subshell '( )'");
            if (!tok.isOp(")")) {
                throw unexpected();
            }
            lastEnd = tok.start() + 1;
            advance();
            return new Syntax.Subshell(body, redirects(), start);
        }
        if (isPlainWord("{")) {
            advance();
            Syntax.Script body = nonEmpty(list("}"), start, "an empty group '{ }'");
            if (!isPlainWord("}")) {
                throw unexpected();
            }
            lastEnd = tok.start() + 1;
            advance();
            return new Syntax.Group(body, redirects(), start);
        }
        if (tok.kind() == Kind.WORD) {
            Word w = tok.word();
            if (w.unquotedPrefix() == w.value().length() && !w.tilde() && REFUSED_RESERVED.contains(w.value())) {
                throw new UndecidableScript("the reserved word '" + w.value() + "' (" + reservedWhy(w.value()) + ")",
                        w.start());
            }
            if (w.isPlain("}") || w.isPlain("!")) {
                throw unexpected();
            }
        }
        return simple(start);
    }

    private static String reservedWhy(String word) {
        switch (word) {
            case "time":
                return "runs another command";
            case "[[":
            case "]]":
                return "bash conditional";
            case "function":
                return "defines a function";
            default:
                return "control flow is not decided";
        }
    }

    private static Syntax.Script nonEmpty(Syntax.Script body, int start, String what) throws UndecidableScript {
        if (body.items().isEmpty()) {
            throw new UndecidableScript(what, start);
        }
        return body;
    }

    private List<Syntax.Redirect> redirects() throws UndecidableScript {
        List<Syntax.Redirect> out = new ArrayList<>();
        while (isRedirectStart()) {
            out.add(redirect());
        }
        if (tok.kind() == Kind.WORD) {
            throw unexpected();
        }
        return List.copyOf(out);
    }

    private boolean isRedirectStart() {
        return tok.kind() == Kind.IO_NUMBER || (tok.kind() == Kind.OP && isRedirectOp(tok.op()));
    }

    private static boolean isRedirectOp(String op) {
        return op.startsWith("<") || op.startsWith(">");
    }

    private Syntax.Simple simple(int start) throws UndecidableScript {
        List<Word> assignments = new ArrayList<>();
        List<Word> words = new ArrayList<>();
        List<Syntax.Redirect> redirects = new ArrayList<>();
        while (true) {
            if (isRedirectStart()) {
                redirects.add(redirect());
            } else if (tok.kind() == Kind.WORD) {
                Word w = tok.word();
                if (words.isEmpty() && isAssignment(w)) {
                    assignments.add(w);
                } else {
                    if (words.isEmpty() && isAppendAssignment(w)) {
                        throw new UndecidableScript("the bash assignment '" + w.source() + "'", w.start());
                    }
                    words.add(w);
                }
                lastEnd = w.start() + w.source().length();
                advance();
                if (words.size() == 1 && tok.isOp("(")) {
                    throw new UndecidableScript("a function definition '" + w.source() + "()'", w.start());
                }
            } else {
                break;
            }
        }
        if (assignments.isEmpty() && words.isEmpty() && redirects.isEmpty()) {
            throw unexpected();
        }
        return new Syntax.Simple(List.copyOf(assignments), List.copyOf(words), List.copyOf(redirects), start, lastEnd);
    }

    private Syntax.Redirect redirect() throws UndecidableScript {
        int start = tok.start();
        int fd = -1;
        if (tok.kind() == Kind.IO_NUMBER) {
            fd = tok.fd();
            advance();
        }
        if (tok.kind() != Kind.OP || !isRedirectOp(tok.op())) {
            throw unexpected();
        }
        String op = tok.op();
        if (fd < 0) {
            fd = op.startsWith("<") ? 0 : 1;
        }
        advance();
        if (tok.kind() != Kind.WORD) {
            throw new UndecidableScript("a redirection '" + op + "' without a target", start);
        }
        Word target = tok.word();
        lastEnd = target.start() + target.source().length();
        if (op.equals("<<") || op.equals("<<-")) {
            lexer.hereDoc(target, op.equals("<<-"));
        } else if (op.equals("<&") || op.equals(">&")) {
            String v = target.value();
            boolean fdOrClose = !target.tilde() && (v.equals("-") || (v.length() == 1 && Character.isDigit(v.charAt(0))));
            if (!fdOrClose) {
                throw new UndecidableScript("'" + op + target.source() + "' (only a digit or '-' after " + op
                        + " is decided; bash would open a file)", start);
            }
        } else if (target.glob()) {
            throw new UndecidableScript("a pattern in the redirection target '" + target.source() + "'", target.start());
        } else if (target.value().isEmpty() && !target.tilde()) {
            throw new UndecidableScript("an empty redirection target", target.start());
        }
        advance();
        return new Syntax.Redirect(fd, op, target, start);
    }

    /** {@code NAME=…} with {@code NAME=} unquoted (XCU 2.10.2 rule 7). */
    static boolean isAssignment(Word w) {
        int eq = w.value().indexOf('=');
        return !w.tilde() && eq > 0 && eq < w.unquotedPrefix() && isName(w.value(), eq);
    }

    private static boolean isAppendAssignment(Word w) {
        int eq = w.value().indexOf("+=");
        return !w.tilde() && eq > 0 && eq < w.unquotedPrefix() && isName(w.value(), eq);
    }

    static boolean isName(String s, int end) {
        for (int k = 0; k < end; k++) {
            char c = s.charAt(k);
            boolean ok = c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (k > 0 && c >= '0' && c <= '9');
            if (!ok) {
                return false;
            }
        }
        return end > 0;
    }

    private UndecidableScript unexpected() {
        String what;
        switch (tok.kind()) {
            case EOF:
                what = "the end of the script";
                break;
            case NEWLINE:
                what = "a newline";
                break;
            case OP:
                what = "'" + tok.op() + "'";
                break;
            default:
                what = "'" + tok.word().source() + "'";
        }
        return new UndecidableScript("unexpected " + what + " (not valid sh syntax)", tok.start());
    }
}
