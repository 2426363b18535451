package dev.agentguard.agent.enforce;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentguard.policy.file.PathForms;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.LinkOption;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A remembered real form is used only for the same, unchanged file: whatever replaces a path (a link to
 * another file, a changed file, another file) is resolved again. The changes here are made outside the
 * guard's hooks, as another process would make them.
 */
class RealFormsTest {
    @TempDir
    Path tmp;

    private Path dir;
    private Path granted;
    private Path secret;
    private RealForms realForms;

    @BeforeEach
    void files() throws Exception {
        dir = Files.createDirectories(tmp.toRealPath().resolve("work"));
        granted = Files.writeString(dir.resolve("granted.txt"), "granted");
        secret = Files.writeString(Files.createDirectories(tmp.toRealPath().resolve("outside")).resolve("secret.txt"),
                "secret");
        realForms = new RealForms(dir.toString());
    }

    @Test
    void anUnchangedFileIsRememberedAndAnsweredTheSame() {
        assertThat(realForms.forRead("granted.txt")).isEqualTo(granted.toString());
        assertThat(realForms.size()).isEqualTo(1);
        assertThat(realForms.forRead(granted.toString())).isEqualTo(granted.toString());
    }

    @Test
    void aLinkSwappedInForARememberedFileIsResolvedAgain() throws Exception {
        assertThat(realForms.forRead(granted.toString())).isEqualTo(granted.toString());
        Path swap = dir.resolve("swap");
        Files.createSymbolicLink(swap, secret);
        Files.move(swap, granted, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        assertThat(realForms.forRead(granted.toString())).isEqualTo(secret.toString());
    }

    @Test
    void aLinkToARememberedFileGetsThatFilesRealForm() throws Exception {
        assertThat(realForms.forRead(secret.toString())).isEqualTo(secret.toString());
        Path link = Files.createSymbolicLink(dir.resolve("link"), secret);
        assertThat(realForms.forRead(link.toString())).isEqualTo(secret.toString());
    }

    @Test
    void aChangedFileIsResolvedAgainEvenWithItsOldPath() throws Exception {
        assertThat(realForms.forRead(granted.toString())).isEqualTo(granted.toString());
        // Same file object moved away and a directory link put in its place: its time and size change with
        // the write below, so the remembered form is not used.
        Path moved = secret.resolveSibling("moved.txt");
        Files.move(granted, moved);
        Files.writeString(moved, "changed after the move");
        Files.createSymbolicLink(granted, moved);
        assertThat(realForms.forRead(granted.toString())).isEqualTo(moved.toString());
    }

    @Test
    void aMissingFileIsResolvedAsAlwaysAndNotRemembered() {
        assertThat(realForms.forRead("missing/new.txt")).isEqualTo(dir.resolve("missing/new.txt").toString());
        assertThat(realForms.size()).isZero();
    }

    @Test
    void aFileRewrittenInPlaceWithItsTimeResetKeepsItsOwnRealForm() throws Exception {
        FileTime time = Files.getLastModifiedTime(granted);
        assertThat(realForms.forRead(granted.toString())).isEqualTo(granted.toString());
        Files.writeString(granted, "grantee"); // same size
        Files.setLastModifiedTime(granted, time);
        // Same file, same place: the remembered form is still its location.
        assertThat(realForms.forRead(granted.toString())).isEqualTo(granted.toString());
    }

    @Test
    void forgetDropsEverything() {
        realForms.forRead(granted.toString());
        realForms.forget();
        assertThat(realForms.size()).isZero();
    }

    // ---- forObject: the real form of the object a query's own look found -------------------------------

    private static BasicFileAttributes look(Path path, boolean noFollow) throws Exception {
        return noFollow ? Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
                : Files.readAttributes(path, BasicFileAttributes.class);
    }

    @Test
    void anObjectIsNamedByItsOwnRealFormAndRememberedByItsFileKey() throws Exception {
        assertThat(realForms.forObject("granted.txt", look(granted, false), false)).isEqualTo(granted.toString());
        assertThat(realForms.size()).isEqualTo(1);
        // A warm look at the same unchanged object is answered from memory, whichever path reached it.
        Path link = Files.createSymbolicLink(dir.resolve("link"), granted);
        assertThat(realForms.forObject(link.toString(), look(link, false), false)).isEqualTo(granted.toString());
    }

    @Test
    void aLinkSwappedInUnderAWarmMemoryIsDecidedOnTheObjectTheLookFound() throws Exception {
        assertThat(realForms.forObject(granted.toString(), look(granted, false), false)).isEqualTo(granted.toString());
        Path swap = dir.resolve("swap");
        Files.createSymbolicLink(swap, secret);
        Files.move(swap, granted, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        assertThat(realForms.forObject(granted.toString(), look(granted, false), false)).isEqualTo(secret.toString());
    }

    @Test
    void aFolderSwappedUnderAWarmMemoryIsDecidedOnTheObjectTheLookFound() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("folder"));
        Path notes = Files.writeString(folder.resolve("secret.txt"), "notes");
        assertThat(realForms.forObject(notes.toString(), look(notes, false), false)).isEqualTo(notes.toString());
        // The folder is moved away (the remembered file with it) and a link to the secret's folder takes its name.
        Files.move(folder, dir.resolve("folder-old"));
        Files.createSymbolicLink(folder, secret.getParent());
        assertThat(realForms.forObject(notes.toString(), look(notes, false), false)).isEqualTo(secret.toString());
    }

    @Test
    void aLookThatNoLongerMatchesThePathNamesNothing() throws Exception {
        // The look saw the granted file; by the time the path is resolved a link to the secret is in its place.
        BasicFileAttributes before = look(granted, false);
        Path swap = dir.resolve("swap");
        Files.createSymbolicLink(swap, secret);
        Files.move(swap, granted, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        assertThat(realForms.forObject(granted.toString(), before, false)).isNull();
        assertThat(realForms.size()).isZero();
    }

    @Test
    void aLinkLookedAtItselfIsNamedAsTheLinkAndKeptApartFromWhatItReaches() throws Exception {
        Path link = Files.createSymbolicLink(dir.resolve("link"), secret);
        assertThat(realForms.forObject(link.toString(), look(link, true), true)).isEqualTo(link.toString());
        assertThat(realForms.forObject(link.toString(), look(link, false), false)).isEqualTo(secret.toString());
        // Warm now: each answer stays its own.
        assertThat(realForms.forObject(link.toString(), look(link, true), true)).isEqualTo(link.toString());
        assertThat(realForms.forObject(link.toString(), look(link, false), false)).isEqualTo(secret.toString());
        // The link replaced by one to the granted file: the followed look names the new target.
        Path swap = dir.resolve("swap");
        Files.createSymbolicLink(swap, granted);
        Files.move(swap, link, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        assertThat(realForms.forObject(link.toString(), look(link, false), false)).isEqualTo(granted.toString());
    }

    // ---- forMissing: a missing last component, from its folder's remembered real form ------------------

    @Test
    void aMissingNameIsItsFoldersRealFormPlusTheName() throws Exception {
        Path link = Files.createSymbolicLink(dir.resolve("to-outside"), secret.getParent());
        assertThat(realForms.forMissing(link + "/new.txt", false)).isEqualTo(secret.getParent() + "/new.txt");
        assertThat(realForms.forMissing("new.txt", false)).isEqualTo(dir + "/new.txt");
        // the same answers as the full resolution
        assertThat(PathForms.realForm(link + "/new.txt", dir.toString())).isEqualTo(secret.getParent() + "/new.txt");
    }

    @Test
    void aFolderSwappedUnderAWarmMemoryGivesTheNewFoldersRealForm() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("folder"));
        assertThat(realForms.forMissing(folder + "/new.txt", false)).isEqualTo(folder + "/new.txt");
        Files.move(folder, dir.resolve("folder-old"));
        Files.createSymbolicLink(folder, secret.getParent());
        assertThat(realForms.forMissing(folder + "/new.txt", false)).isEqualTo(secret.getParent() + "/new.txt");
        assertThat(realForms.forRead(folder + "/new.txt")).isEqualTo(secret.getParent() + "/new.txt");
    }

    @Test
    void aDanglingLinkOrAMissingFolderIsLeftToTheFullResolution() throws Exception {
        Path dangling = Files.createSymbolicLink(dir.resolve("dangling"), secret.resolveSibling("not-yet.txt"));
        assertThat(realForms.forMissing(dangling.toString(), false)).isNull();
        // a query whose answer is "missing" whatever the name is decides the link as the name it is
        assertThat(realForms.forMissing(dangling.toString(), true)).isEqualTo(dangling.toString());
        assertThat(realForms.forRead(dangling.toString())).isEqualTo(secret.resolveSibling("not-yet.txt").toString());
        assertThat(realForms.forMissing(dir + "/no-folder/new.txt", false)).isNull();
        assertThat(realForms.forMissing(dir + "/new/", false)).isNull();
        assertThat(realForms.forMissing(dir + "/..", false)).isNull();
    }
}

