package dev.agentguard.agent.suggest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TmpFoldersTest {
    @Test
    void everyFolderBetweenTmpAndAWrittenPath() {
        assertThat(TmpFolders.around(List.of("/tmp/a/b/c.txt", "/tmp/top.txt", "/w/out/x"), List.of("/tmp/d/e"),
                "/tmp", "/w")).containsExactly("/tmp/a", "/tmp/a/b", "/tmp/d", "/tmp/d/e");
    }

    @Test
    void neverTheWorkingDirectoryOrAFolderAboveIt() {
        // A program started in a folder under /tmp (mktemp -d; cd): that folder exists before it runs.
        assertThat(TmpFolders.around(List.of("/tmp/run.X1/work/out/a.txt"), List.of(), "/tmp", "/tmp/run.X1/work"))
                .containsExactly("/tmp/run.X1/work/out");
    }
}
