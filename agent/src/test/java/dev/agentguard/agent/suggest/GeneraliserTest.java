package dev.agentguard.agent.suggest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GeneraliserTest {
    private final Generaliser generaliser = new Generaliser("/home/u", "/tmp");

    private List<Generaliser.Grant> grants(String... paths) {
        return generaliser.generalise(Set.of(paths), Set.of());
    }

    @Test
    void manyFilesInOneFolderBecomeOneFolderGrant() {
        assertThat(grants("/w/out/a.txt", "/w/out/b.txt", "/w/out/c.txt"))
                .containsExactly(new Generaliser.Grant("/w/out", true));
    }

    @Test
    void aListedFolderCountsAsUsedInItself() {
        assertThat(grants("/w/out", "/w/out/a.txt", "/w/out/b.txt"))
                .containsExactly(new Generaliser.Grant("/w/out", true));
    }

    @Test
    void oneOffFilesStayExact() {
        assertThat(grants("/w/out/a.txt", "/w/notes.md", "/etc/app.conf"))
                .containsExactly(new Generaliser.Grant("/etc/app.conf", false),
                        new Generaliser.Grant("/w/notes.md", false), new Generaliser.Grant("/w/out/a.txt", false));
    }

    @Test
    void theGrantIsTheFolderTheFilesWereIn_neverAnAncestor() {
        List<Generaliser.Grant> grants = grants("/w/a/b/1", "/w/a/b/2", "/w/a/b/3", "/w/a/other");
        assertThat(grants).containsExactly(new Generaliser.Grant("/w/a/b", true), new Generaliser.Grant("/w/a/other", false));
        assertThat(grants.get(0).covers("/w/a/x")).isFalse();
    }

    @Test
    void neverTheRootHomeTmpOrATopLevelFolder() {
        assertThat(grants("/a", "/b", "/c")).extracting(Generaliser.Grant::folder).containsOnly(false);
        assertThat(grants("/home/u/.bashrc", "/home/u/.profile", "/home/u/notes")).extracting(Generaliser.Grant::folder)
                .containsOnly(false);
        assertThat(grants("/tmp/x", "/tmp/y", "/tmp/z")).extracting(Generaliser.Grant::folder).containsOnly(false);
        assertThat(grants("/etc/a", "/etc/b", "/etc/c")).extracting(Generaliser.Grant::folder).containsOnly(false);
        assertThat(grants("/home/v1", "/home/v2", "/home/v3")).extracting(Generaliser.Grant::folder).containsOnly(false);
    }

    @Test
    void aFolderUnderHomeOrTmpMayBeGranted() {
        assertThat(grants("/home/u/p/1", "/home/u/p/2", "/home/u/p/3"))
                .containsExactly(new Generaliser.Grant("/home/u/p", true));
        assertThat(grants("/tmp/run/1", "/tmp/run/2", "/tmp/run/3"))
                .containsExactly(new Generaliser.Grant("/tmp/run", true));
    }

    @Test
    void nestedFolderGrantsCollapseIntoTheOuterOne() {
        List<Generaliser.Grant> grants = grants("/w/o", "/w/o/1", "/w/o/2", "/w/o/d", "/w/o/d/1", "/w/o/d/2", "/w/o/d/3");
        assertThat(grants).containsExactly(new Generaliser.Grant("/w/o", true));
    }

    @Test
    void overflowFoldersAreGrantedUnlessTooBroad() {
        assertThat(generaliser.generalise(Set.of("/w/a"), Set.of("/w/big", "/home/u")))
                .containsExactly(new Generaliser.Grant("/home/u", false), new Generaliser.Grant("/w/a", false),
                        new Generaliser.Grant("/w/big", true));
    }
}
