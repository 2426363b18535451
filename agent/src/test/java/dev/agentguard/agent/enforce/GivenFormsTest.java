package dev.agentguard.agent.enforce;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentguard.policy.file.PathForms;
import java.util.List;
import org.junit.jupiter.api.Test;

class GivenFormsTest {
    private static final String WORKDIR = "/w/project";

    @Test
    void givesWhatPathFormsGives() {
        GivenForms forms = new GivenForms(WORKDIR);
        for (String path : List.of("a/b.txt", "./a//b/../c", "..", "../x/.env", "", ".", "a/", "/abs/x", "/abs/./y/../z",
                "/", "dir/\u00e9t\u00e9", "x/../../..")) {
            String expected = PathForms.givenForm(path, WORKDIR);
            assertThat(forms.of(path)).as(path).isEqualTo(expected);
            assertThat(forms.of(new String(path))).as("again, another String of the same text: " + path).isEqualTo(expected);
        }
    }

    @Test
    void aRelativeTextIsMadeOnceAndAnEqualTextFindsIt() {
        GivenForms forms = new GivenForms(WORKDIR);
        String first = forms.of("data/d1/small.txt");
        assertThat(forms.of("data/d1/small.txt")).isSameAs(first);
        assertThat(forms.of(new StringBuilder("data/d1/").append("small.txt").toString())).isSameAs(first);
    }

    @Test
    void textsThatShareASlotGetTheirOwnForms() {
        GivenForms forms = new GivenForms(WORKDIR);
        // "Aa" and "BB" have the same hash code, so they share a slot: each must still get its own form.
        assertThat(forms.of("Aa")).isEqualTo("/w/project/Aa");
        assertThat(forms.of("BB")).isEqualTo("/w/project/BB");
        assertThat(forms.of("Aa")).isEqualTo("/w/project/Aa");
    }

    @Test
    void anAbsoluteNormalizedTextIsItsOwnForm() {
        GivenForms forms = new GivenForms(WORKDIR);
        String path = "/etc/hosts";
        assertThat(forms.of(path)).isSameAs(path);
    }

    @Test
    void aTextLongerThanThePathLimitIsNotKept() {
        GivenForms forms = new GivenForms(WORKDIR);
        String kept = "k".repeat(TextMemory.LONGEST_KEPT);
        assertThat(forms.of(kept)).isSameAs(forms.of(kept)).isEqualTo(WORKDIR + "/" + kept);
        String tooLong = "n".repeat(TextMemory.LONGEST_KEPT + 1);
        String first = forms.of(tooLong);
        assertThat(first).isEqualTo(WORKDIR + "/" + tooLong);
        assertThat(forms.of(tooLong)).as("made again, not kept").isEqualTo(first).isNotSameAs(first);
    }

    @Test
    void threadsFillingOneSlotEachGetTheirOwnForm() throws Exception {
        GivenForms forms = new GivenForms(WORKDIR);
        // Same hash code, so one slot: each thread's fill evicts the other's, and a read must never see half of one.
        String[] texts = {"AaAa", "BBBB", "AaBB", "BBAa"};
        java.util.concurrent.atomic.AtomicReference<String> wrong = new java.util.concurrent.atomic.AtomicReference<>();
        Thread[] threads = new Thread[4];
        for (int t = 0; t < threads.length; t++) {
            String mine = texts[t];
            String expected = WORKDIR + "/" + mine;
            threads[t] = new Thread(() -> {
                for (int i = 0; i < 200_000 && wrong.get() == null; i++) {
                    String got = forms.of(new String(mine.toCharArray()));
                    if (!expected.equals(got)) {
                        wrong.set(mine + " -> " + got);
                    }
                }
            });
        }
        for (Thread thread : threads) {
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(wrong.get()).isNull();
    }
}
