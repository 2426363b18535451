package dev.agentguard.policy.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The tree the parser builds for the decided subset, and the positions it reports. */
class ParserTest {
    private static Syntax.Simple only(String script) throws UndecidableScript {
        Syntax.Script s = Parser.parse(script);
        assertThat(s.items()).hasSize(1);
        return (Syntax.Simple) s.items().get(0).andOr().pipelines().get(0).commands().get(0);
    }

    private static List<String> values(List<Word> words) {
        return words.stream().map(Word::value).toList();
    }

    @Test
    void quoteRemovalJoinsAndSplitsWordsAsTheShellDoes() throws Exception {
        Syntax.Simple c = only("g'i't \"st\"at\\us 'a b' \"c;d\" e\\ f ''");
        assertThat(values(c.words())).containsExactly("git", "status", "a b", "c;d", "e f", "");
        assertThat(c.words().get(1).unquotedPrefix()).isEqualTo(0);
    }

    @Test
    void backslashNewlineDisappearsEvenInsideAnOperator() throws Exception {
        Syntax.Script s = Parser.parse("git sta\\\ntus &\\\n& git diff");
        Syntax.AndOr andOr = s.items().get(0).andOr();
        assertThat(andOr.ops()).containsExactly("&&");
        assertThat(values(((Syntax.Simple) andOr.pipelines().get(0).commands().get(0)).words()))
                .containsExactly("git", "status");
    }

    @Test
    void assignmentsAreOnlyUnquotedNamesBeforeTheCommandWord() throws Exception {
        Syntax.Simple c = only("A=1 B='x y' cmd C=2 \"D\"=3");
        assertThat(values(c.assignments())).containsExactly("A=1", "B=x y");
        assertThat(values(c.words())).containsExactly("cmd", "C=2", "D=3");
    }

    @Test
    void redirectionsCarryTheirDescriptorAndOperator() throws Exception {
        Syntax.Simple c = only("cmd 2>>err <in >|out 3<>rw 2>&1 <&-");
        assertThat(c.redirects()).extracting(Syntax.Redirect::fd).containsExactly(2, 0, 1, 3, 2, 0);
        assertThat(c.redirects()).extracting(Syntax.Redirect::op).containsExactly(">>", "<", ">|", "<>", ">&", "<&");
        assertThat(c.redirects()).extracting(Syntax.Redirect::opensFile)
                .containsExactly(true, true, true, true, false, false);
    }

    @Test
    void hereDocumentBodiesAreSkippedAndTheNextLineIsACommand() throws Exception {
        Syntax.Script s = Parser.parse("cat <<'A' <<-B\nbody $x\nA\n\tbody\n\tB\nls");
        assertThat(s.items()).hasSize(2);
        assertThat(values(((Syntax.Simple) s.items().get(1).andOr().pipelines().get(0).commands().get(0)).words()))
                .containsExactly("ls");
    }

    @Test
    void groupsSubshellsNegationAndBackground() throws Exception {
        Syntax.Script s = Parser.parse("! { a; b; } > f & (c | d)");
        assertThat(s.items()).hasSize(2);
        assertThat(s.items().get(0).background()).isTrue();
        Syntax.Pipeline first = s.items().get(0).andOr().pipelines().get(0);
        assertThat(first.negated()).isTrue();
        assertThat(first.commands().get(0)).isInstanceOf(Syntax.Group.class);
        assertThat(first.commands().get(0).redirects()).hasSize(1);
        assertThat(s.items().get(1).andOr().pipelines().get(0).commands().get(0)).isInstanceOf(Syntax.Subshell.class);
    }

    @Test
    void tildeAndGlobsAreMarkedNotExpanded() throws Exception {
        Syntax.Simple c = only("ls ~ ~/x a*b '*' \\? [ab] [ x~");
        List<Word> w = c.words();
        assertThat(w.get(1).tilde()).isTrue();
        assertThat(w.get(1).expand("/h")).isEqualTo("/h");
        assertThat(w.get(2).expand("/h")).isEqualTo("/h/x");
        assertThat(w.get(2).expand(null)).isNull();
        assertThat(w.stream().map(Word::glob).toList())
                .containsExactly(false, false, false, true, false, false, true, false, false);
    }

    @Test
    void refusalsNameTheConstructAndItsPosition() {
        assertThatThrownBy(() -> Parser.parse("git status \"$(id)\""))
                .isInstanceOf(UndecidableScript.class)
                .hasMessage("command substitution $(…) at character 13")
                .satisfies(e -> assertThat(((UndecidableScript) e).position()).isEqualTo(12));
        assertThatThrownBy(() -> Parser.parse("ls\nif true; then ls; fi"))
                .hasMessage("the reserved word 'if' (control flow is not decided) at character 4");
        assertThatThrownBy(() -> Parser.parse("a | | b")).hasMessage("unexpected '|' (not valid sh syntax) at character 5");
    }
}
