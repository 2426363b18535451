package dev.agentguard.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 13, remembered objects: a read decided allowed is remembered by the object (device, inode, ctime) and the
 * path it was reached through. A granted file read twice through a granted link, then turned into a denied one
 * reached through that same link (renamed into the denied folder, hard-linked there and removed, its mode changed and
 * its folder moved there, deleted and a denied file made on the freed inode), must be decided again and
 * denied: by java.io, by NIO and by a query ({@code KnownObjectAttack}). Without the ctime in the key, every
 * one of these (the reuse case whenever the inode number came back) would have been answered from memory.
 */
class KnownObjectTest {
    @TempDir
    Path tmp;

    static int[] jdks() {
        return Jdks.REQUIRED;
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("jdks")
    void aRememberedObjectThatChangedIsDecidedAgain(int jdk) throws Exception {
        Path root = tmp.toRealPath();
        Path work = Files.createDirectories(root.resolve("work"));
        dev.agentguard.apps.attacks.KnownObjectAttack.setUp(work);
        Path policy = root.resolve("policy.yaml");
        Files.writeString(policy, String.join("\n",
                "version: 1",
                "mode: enforce",
                "audit: {file: " + root.resolve("audit.jsonl") + "}",
                "files:",
                "  read: [\"" + work + "/pub/**\", \"" + work + "/mix/f*\", \"" + work + "/l*\"]",
                "  write: [\"" + work + "/**\"]",
                ""));
        ChildJvm.Result result = ChildJvm.on(jdk).agent(policy.toString()).workdir(work).timeout(180)
                .run("dev.agentguard.apps.attacks.KnownObjectAttack", work.toString());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        String out = result.stdout();
        assertThat(out).as(result.toString()).contains("DONE 3").doesNotContain("denied-reuse-canary")
                .doesNotContain(" read ").doesNotContain(" error ").doesNotContain("before denied");
        for (String c : new String[] {"rename", "link", "chmod"}) {
            assertThat(out).as(result.toString()).contains("CASE " + c + " before ok")
                    .contains("CASE " + c + " io denied").contains("CASE " + c + " nio denied")
                    .contains("CASE " + c + " size denied");
        }
        assertThat(out.split("CASE reuse io denied", -1)).as(result.toString()).hasSize(21);
        assertThat(out.split("CASE reuse nio denied", -1)).as(result.toString()).hasSize(21);
        assertThat(out.split("CASE reuse size denied", -1)).as(result.toString()).hasSize(21);
        long reused = 0;
        for (int i = 0; i < 20; i++) {
            // The inode number alone: the key's text differs between JDKs (the device's base).
            Object inode = Files.getAttribute(work.resolve("mix/s" + i), "unix:ino");
            if (out.contains("INODE " + i + " ") && out.contains("ino=" + inode + ")")
                    && out.split("INODE " + i + " ", 2)[1].lines().findFirst().orElse("").contains("ino=" + inode + ")")) {
                reused++;
            }
        }
        // How often the kernel handed the freed inode number to the denied file (not asserted: the file system
        // decides; on ext4 it usually does).
        System.out.println("KnownObjectTest JDK " + jdk + ": " + reused + " of 20 denied files reused the freed inode");
    }
}
