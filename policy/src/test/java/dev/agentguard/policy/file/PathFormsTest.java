package dev.agentguard.policy.file;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

class PathFormsTest {

    @ParameterizedTest(name = "givenForm({0}, {1}) = {2}")
    @CsvSource(delimiter = '|', value = {
            "/a/b           | /w    | /a/b",
            "a/b            | /w    | /w/a/b",
            "b              | /w/x  | /w/x/b",
            "''             | /w    | /w",
            ".              | /w    | /w",
            "./a            | /w    | /w/a",
            "a/./b/.        | /w    | /w/a/b",
            "..             | /w/x  | /w",
            "../..          | /w/x  | /",
            "../../../..    | /w/x  | /",
            "/..            | /w    | /",
            "/../a          | /w    | /a",
            "/a/../../../b  | /w    | /b",
            "a/../b         | /w    | /w/b",
            "//a//b//       | /w    | /a/b",
            "/a/b/          | /w    | /a/b",
            "a/             | /w    | /w/a",
            "/              | /w    | /",
            "//             | /w    | /",
            "/.             | /w    | /",
            "x              | /w/   | /w/x",
            "x              | //w//y/../z | /w/z/x",
            "x              | w     | /w/x",
            "...            | /w    | /w/...",
            "/a/..b/.c      | /w    | /a/..b/.c",
            "a b/ c         | /w    | /w/a b/ c",
    })
    void givenForm(String path, String workdir, String expected) {
        assertThat(PathForms.givenForm(path, workdir)).isEqualTo(expected);
    }

    @Test
    void aNormalizedAbsolutePathComesBackAsTheSameInstance() {
        String p = new String("/home/u/project/src/Main.java");
        assertThat(PathForms.givenForm(p, "/w")).isSameAs(p);
        String root = new String("/");
        assertThat(PathForms.givenForm(root, "/w")).isSameAs(root);
    }

    @TempDir
    Path tmp;
    String root;
    String work;
    String secret;

    @BeforeEach
    void layout() throws IOException {
        root = tmp.toRealPath().toString();
        work = root + "/work";
        secret = root + "/secret";
        Files.createDirectories(Path.of(work, "sub"));
        Files.createDirectories(Path.of(secret));
        Files.writeString(Path.of(secret, "key"), "k");
        Files.writeString(Path.of(work, "file.txt"), "f");
        link(work + "/out", secret);                 // directory link escaping the work dir
        link(work + "/key", secret + "/key");        // file link escaping the work dir
        link(work + "/rel", "../secret");            // relative link
        link(work + "/dangling", "../secret/new");   // dangling link into the secret dir
        link(work + "/dangling-abs", secret + "/abs-new");
        link(work + "/chain", "rel");                // link to a link
        link(work + "/loop1", "loop2");
        link(work + "/loop2", "loop1");
    }

    private static void link(String at, String target) throws IOException {
        Files.createSymbolicLink(Path.of(at), Path.of(target));
    }

    private String real(String path) {
        return PathForms.realForm(path, work);
    }

    @Test
    void anExistingPathWithoutLinksIsItself() {
        assertThat(real(work + "/file.txt")).isEqualTo(work + "/file.txt");
        assertThat(real("file.txt")).isEqualTo(work + "/file.txt");
        assertThat(real("./sub/../file.txt")).isEqualTo(work + "/file.txt");
        assertThat(real("")).isEqualTo(work);
        assertThat(real("/")).isEqualTo("/");
    }

    @Test
    void aLinkOutOfTheWorkDirResolvesToItsTarget() {
        assertThat(real("key")).isEqualTo(secret + "/key");
        assertThat(real("out/key")).isEqualTo(secret + "/key");
        assertThat(real(work + "/rel/key")).isEqualTo(secret + "/key");
        assertThat(real("chain/key")).isEqualTo(secret + "/key");
    }

    @Test
    void dotDotAfterALinkIsTakenFromTheLinkTarget() {
        // the kernel resolves out -> secret first, so out/.. is the parent of secret, not the work dir
        assertThat(real("out/..")).isEqualTo(root);
        assertThat(real("out/../secret/key")).isEqualTo(secret + "/key");
        assertThat(real("out/../work/file.txt")).isEqualTo(work + "/file.txt");
        // the given form removes .. lexically and lands somewhere else
        assertThat(PathForms.givenForm("out/../secret/key", work)).isEqualTo(work + "/secret/key");
    }

    @Test
    void aMissingLeafUnderALinkedParentResolvesTheParent() {
        assertThat(real("out/new.txt")).isEqualTo(secret + "/new.txt");
        assertThat(real("out/a/b/c.txt")).isEqualTo(secret + "/a/b/c.txt");
        assertThat(real("out/a/../b.txt")).isEqualTo(secret + "/b.txt");
        assertThat(real("sub/new/../../key")).isEqualTo(secret + "/key");
    }

    @Test
    void aDanglingLinkLeafResolvesToWhereTheFileWouldBeCreated() {
        assertThat(real("dangling")).isEqualTo(secret + "/new");
        assertThat(real("dangling-abs")).isEqualTo(secret + "/abs-new");
        assertThat(real("dangling/x")).isEqualTo(secret + "/new/x");
    }

    @Test
    void trailingAndDuplicateSlashes() {
        assertThat(real("out/")).isEqualTo(secret);
        assertThat(real("out//key/")).isEqualTo(secret + "/key");
        assertThat(real("new-dir/")).isEqualTo(work + "/new-dir");
        assertThat(real(work + "//sub///")).isEqualTo(work + "/sub");
    }

    @Test
    void aNonExistingPathIsNormalizedUnderItsDeepestExistingParent() {
        assertThat(real("a/b/../c")).isEqualTo(work + "/a/c");
        assertThat(real("/no-such-dir-agentguard/x/../y")).isEqualTo("/no-such-dir-agentguard/y");
        assertThat(real("file.txt/child")).isEqualTo(work + "/file.txt/child");
    }

    @Test
    void aLinkLoopIsUndecidable() {
        assertThatThrownBy(() -> real("loop1/x")).isInstanceOf(UndecidablePathException.class)
                .hasMessageContaining("more than 40 symbolic links");
        assertThat(((UndecidablePathException) catchThrowable(() -> real("loop1"))).decision().rule())
                .isEqualTo("undecidable");
    }

    /** ENAMETOOLONG is not "does not exist": a link past 4096 bytes would be resolved by the kernel from a shorter relative path. */
    @Test
    void aPathTooLongToResolveIsUndecidable() throws IOException, InterruptedException {
        String name = "d".repeat(200);
        int levels = 4200 / 201 + 1;
        String relative = (name + "/").repeat(levels);
        // Made by a shell one folder at a time: no single path the JDK would pass is that long.
        Process mk = new ProcessBuilder("sh", "-c", "set -e; for i in $(seq " + levels + "); do mkdir " + name
                + "; cd -P " + name + "; done; ln -s \"$0\" key", secret + "/key").directory(new java.io.File(work))
                .inheritIO().start();
        try {
            assertThat(mk.waitFor()).isZero();
            assertThatThrownBy(() -> real(relative + "key")).isInstanceOf(UndecidablePathException.class)
                    .hasMessageContaining("resolving it failed");
            assertThatThrownBy(() -> PathForms.realFormNoFollow(relative + "key", work))
                    .isInstanceOf(UndecidablePathException.class);
        } finally {
            // JUnit cannot delete a tree this deep by path; rm works its way down.
            new ProcessBuilder("rm", "-rf", name).directory(new java.io.File(work)).start().waitFor();
        }
    }

    @Test
    void aNameTooLongForTheFileSystemIsUndecidable() {
        assertThatThrownBy(() -> real("sub/" + "n".repeat(300) + "/x")).isInstanceOf(UndecidablePathException.class);
    }

    @Test
    void notADirectoryStillResolvesLexically() {
        assertThat(real("file.txt/child/../x")).isEqualTo(work + "/file.txt/x");
    }

    @Test
    void theReplacementCharacterIsUndecidable() {
        assertThatThrownBy(() -> real("K\uFFFD")).isInstanceOf(UndecidablePathException.class);
    }

    @Test
    void aWorkDirReachedThroughALinkResolves() throws IOException {
        String alias = root + "/alias";
        link(alias, work);
        assertThat(PathForms.realForm("file.txt", alias)).isEqualTo(work + "/file.txt");
        assertThat(PathForms.givenForm("file.txt", alias)).isEqualTo(alias + "/file.txt");
    }

    @Test
    void aNulCharacterFallsBackToTheLexicalForm() {
        assertThat(real("a\u0000b/../c")).isEqualTo(work + "/c");
    }

    @Test
    void noFollowResolvesOnlyTheParent() {
        assertThat(PathForms.realFormNoFollow("key", work)).isEqualTo(work + "/key");
        assertThat(PathForms.realFormNoFollow("dangling", work)).isEqualTo(work + "/dangling");
        assertThat(PathForms.realFormNoFollow("out/key", work)).isEqualTo(secret + "/key");
        assertThat(PathForms.realFormNoFollow("out/", work)).isEqualTo(secret);
        assertThat(PathForms.realFormNoFollow("out/..", work)).isEqualTo(root);
        assertThat(PathForms.realFormNoFollow("/", work)).isEqualTo("/");
        assertThat(PathForms.realFormNoFollow("/x", work)).isEqualTo("/x");
        assertThat(PathForms.realFormNoFollow("rel/new", work)).isEqualTo(secret + "/new");
    }

    /** The folders a path enters and leaves with "..", which the kernel looks up although the given form drops them. */
    @Test
    void foldersLeftWithDotDot() {
        assertThat(PathForms.leftWithDotDot("/w/a/b", "/w")).isEmpty();
        assertThat(PathForms.leftWithDotDot("a..b/c", "/w")).isEmpty();
        assertThat(PathForms.leftWithDotDot(".env/../x", "/w")).containsExactly("/w/.env");
        assertThat(PathForms.leftWithDotDot("a/b/../../c/../d", "/w")).containsExactly("/w/a/b", "/w/a", "/w/c");
        assertThat(PathForms.leftWithDotDot("/../x", "/w")).isEmpty();
        assertThat(PathForms.leftWithDotDot("/s/./k/..", "/w")).containsExactly("/s/k");
    }
}
