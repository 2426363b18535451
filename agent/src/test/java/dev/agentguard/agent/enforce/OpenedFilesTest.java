package dev.agentguard.agent.enforce;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The forms an open file is decided in, from what readlink of its descriptor says. */
class OpenedFilesTest {
    @Test
    void aPathIsDecidedAsItIs() {
        assertThat(OpenedFiles.primary("/w/a.txt", "/w/link")).isEqualTo("/w/a.txt");
        assertThat(OpenedFiles.alternate("/w/a.txt")).isNull();
    }

    @Test
    void aDeletedFileIsDecidedAtItsOldPathAndUnderTheWholeName() {
        assertThat(OpenedFiles.primary("/home/u/.ssh/id_rsa (deleted)", "/w/x")).isEqualTo("/home/u/.ssh/id_rsa");
        assertThat(OpenedFiles.alternate("/home/u/.ssh/id_rsa (deleted)")).isEqualTo("/home/u/.ssh/id_rsa (deleted)");
    }

    @Test
    void somethingThatIsNoFileIsDecidedOnTheGivenForm() {
        assertThat(OpenedFiles.primary("pipe:[12345]", "/dev/stdin")).isEqualTo("/dev/stdin");
        assertThat(OpenedFiles.alternate("pipe:[12345]")).isNull();
        assertThat(OpenedFiles.primary(null, "/w/x")).isEqualTo("/w/x");
    }

    @Test
    void aNameThatIsOnlyTheSuffixIsAName() {
        assertThat(OpenedFiles.primary("/ (deleted)", "/w/x")).isEqualTo("/ (deleted)");
    }
}
