package dev.agentguard.agent.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CallerFinderTest {

    @Test
    void skipsJdkAndGuardFrames() {
        // This test class is under dev.agentguard., so the first frame outside is JUnit's.
        String caller = CallerFinder.find();
        assertThat(caller).startsWith("org.junit.").matches("[\\w.$]+\\.[\\w$<>]+\\([\\w$]+\\.java:\\d+\\)");
    }

    @Test
    void reportsTheFirstFrameOutsideTheSkippedPackages() {
        String caller = CallerFinder.find("java.", "jdk.");
        assertThat(caller).startsWith(
                "dev.agentguard.agent.audit.CallerFinderTest.reportsTheFirstFrameOutsideTheSkippedPackages(CallerFinderTest.java:");
    }

    @Test
    void neverReportsItsOwnFrames() {
        String caller = CallerFinder.find("java.", "jdk.", "org.");
        assertThat(caller).doesNotContain("CallerFinder.").doesNotContain("CallerFinder$");
    }

    @Test
    void returnsNullWhenEveryFrameIsSkipped() {
        assertThat(CallerFinder.find("")).isNull();
    }

    @Test
    void formatsLikeAStackTraceLine() {
        assertThat(CallerFinder.format("a.B", "run", "B.java", 12)).isEqualTo("a.B.run(B.java:12)");
        assertThat(CallerFinder.format("a.B", "run", "B.java", -1)).isEqualTo("a.B.run(B.java)");
        assertThat(CallerFinder.format("a.B", "run", null, 12)).isEqualTo("a.B.run(Unknown Source)");
    }
}
