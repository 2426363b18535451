package dev.agentguard.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentguard.apps.hooks.HookActions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the hook matrix cannot see for the NIO provider hooks. Under its denying policy nothing in the
 * sandbox is readable, so a write through an attribute view is stopped by the read that obtains the view,
 * and in-place writes (times, permissions, xattrs, deletes) leave no new file. Here:
 * <ul>
 *   <li>under a policy that grants reading the sandbox but not writing, every NIO write is stopped by its
 *       own hook (the denial names its op) and left the sandbox as it was;</li>
 *   <li>under the granting policy the in-place writes did happen (so the checks above can fail);</li>
 *   <li>ZipFile opens are checked (through the provider's readAttributes and RandomAccessFile.open);</li>
 *   <li>a read whose JDK body passes through a second hooked method is recorded once;</li>
 *   <li>a plain program starts and does NIO I/O under the embedded default policy.</li>
 * </ul>
 */
class NioHookEffectsTest {
    private static final String UNIX = "sun.nio.fs.UnixFileSystemProvider#";
    private static final String SDS = "sun.nio.fs.UnixSecureDirectoryStream";
    private static final String READ_ATTRIBUTES =
            "sun.nio.fs.LinuxFileSystemProvider#readAttributes(Ljava/nio/file/Path;Ljava/lang/Class;[Ljava/nio/file/LinkOption;)";

    /** Every NIO write action and the op its own hook records. */
    private static final Map<String, String> WRITES = new LinkedHashMap<>();

    static {
        WRITES.put(UNIX + "newByteChannel(Ljava/nio/file/Path;Ljava/util/Set;[Ljava/nio/file/attribute/FileAttribute;)", "open-write");
        WRITES.put(UNIX + "newFileChannel(Ljava/nio/file/Path;Ljava/util/Set;[Ljava/nio/file/attribute/FileAttribute;)", "open-write");
        WRITES.put(UNIX + "newAsynchronousFileChannel(Ljava/nio/file/Path;Ljava/util/Set;Ljava/util/concurrent/ExecutorService;[Ljava/nio/file/attribute/FileAttribute;)", "open-write");
        WRITES.put(UNIX + "createDirectory(Ljava/nio/file/Path;[Ljava/nio/file/attribute/FileAttribute;)", "mkdir");
        WRITES.put(UNIX + "implDelete(Ljava/nio/file/Path;Z)", "delete");
        WRITES.put(UNIX + "copy(Ljava/nio/file/Path;Ljava/nio/file/Path;[Ljava/nio/file/CopyOption;)", "copy");
        WRITES.put(UNIX + "move(Ljava/nio/file/Path;Ljava/nio/file/Path;[Ljava/nio/file/CopyOption;)", "move");
        WRITES.put(UNIX + "createSymbolicLink(Ljava/nio/file/Path;Ljava/nio/file/Path;[Ljava/nio/file/attribute/FileAttribute;)", "symlink");
        WRITES.put(UNIX + "createLink(Ljava/nio/file/Path;Ljava/nio/file/Path;)", "link");
        WRITES.put("sun.nio.fs.AbstractFileSystemProvider#setAttribute(Ljava/nio/file/Path;Ljava/lang/String;Ljava/lang/Object;[Ljava/nio/file/LinkOption;)", "setAttribute");
        WRITES.put("sun.nio.fs.UnixFileAttributeViews$Basic#setTimes(Ljava/nio/file/attribute/FileTime;Ljava/nio/file/attribute/FileTime;Ljava/nio/file/attribute/FileTime;)", "setTimes");
        WRITES.put("sun.nio.fs.UnixFileAttributeViews$Posix#setMode(I)", "setMode");
        WRITES.put("sun.nio.fs.UnixFileAttributeViews$Posix#setOwners(II)", "setOwners");
        WRITES.put("sun.nio.fs.UnixUserDefinedFileAttributeView#write(Ljava/lang/String;Ljava/nio/ByteBuffer;)", "write");
        WRITES.put("sun.nio.fs.UnixUserDefinedFileAttributeView#delete(Ljava/lang/String;)", "delete");
        WRITES.put("sun.nio.fs.LinuxDosFileAttributeView#updateDosAttribute(IZ)", "updateDosAttribute");
        WRITES.put(SDS + "#<init>(Lsun/nio/fs/UnixPath;JILjava/nio/file/DirectoryStream$Filter;)", "open-write");
        WRITES.put(SDS + "#newByteChannel(Ljava/nio/file/Path;Ljava/util/Set;[Ljava/nio/file/attribute/FileAttribute;)", "open-write");
        WRITES.put(SDS + "#deleteFile(Ljava/nio/file/Path;)", "deleteFile");
        WRITES.put(SDS + "#deleteDirectory(Ljava/nio/file/Path;)", "deleteDirectory");
        WRITES.put(SDS + "#move(Ljava/nio/file/Path;Ljava/nio/file/SecureDirectoryStream;Ljava/nio/file/Path;)", "move");
        WRITES.put(SDS + "$BasicFileAttributeViewImpl#setTimes(Ljava/nio/file/attribute/FileTime;Ljava/nio/file/attribute/FileTime;Ljava/nio/file/attribute/FileTime;)", "setTimes");
        WRITES.put(SDS + "$PosixFileAttributeViewImpl#setPermissions(Ljava/util/Set;)", "setPermissions");
        WRITES.put(SDS + "$PosixFileAttributeViewImpl#setOwners(II)", "setOwners");
        WRITES.put("nio:Files.newOutputStream", "open-write");
    }

    @TempDir
    Path root;

    static int[] jdks() {
        return Jdks.REQUIRED;
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("jdks")
    void everyWriteIsStoppedByItsOwnHookWhenOnlyReadingIsGranted(int jdk) throws Exception {
        HookSandbox sandbox = HookSandbox.create(root);
        List<String> ids = writeIdsOn(jdk);
        Map<String, String> outcomes = run(sandbox, jdk, readOnlyPolicy(sandbox), ids);
        for (String id : ids) {
            String outcome = outcomes.get(id);
            assertThat(outcome).as(id).isNotNull()
                    .startsWith("denied ").contains("agentguard: denied file " + WRITES.get(id) + " ")
                    .doesNotContain("guard-error");
            String effect = HookActions.ACTIONS.get(id).effectFile();
            if (effect != null) {
                assertThat(sandbox(sandbox).resolve(effect)).as(id + " left its file").doesNotExist();
            }
        }
        assertInPlaceWrites(sandbox(sandbox), false);
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("jdks")
    void inPlaceWritesHappenWhenGranted(int jdk) throws Exception {
        HookSandbox sandbox = HookSandbox.create(root);
        List<String> ids = writeIdsOn(jdk);
        Map<String, String> outcomes = run(sandbox, jdk, sandbox.writePolicy("enforce", true, 9), ids);
        for (String id : ids) {
            assertThat(outcomes.get(id)).as(id).startsWith("ok ");
        }
        assertInPlaceWrites(sandbox(sandbox), true);
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("jdks")
    void zipFileOpensAreChecked(int jdk) throws Exception {
        HookSandbox sandbox = HookSandbox.create(root);
        assertThat(run(sandbox, jdk, sandbox.writePolicy("enforce", true, 9), List.of("nio:ZipFile")).get("nio:ZipFile"))
                .startsWith("ok entries 1");
        Files.deleteIfExists(sandbox.auditLog());
        assertThat(run(sandbox, jdk, sandbox.writePolicy("enforce", false, 9), List.of("nio:ZipFile")).get("nio:ZipFile"))
                .startsWith("denied ").contains("nio.zip");
        assertThat(AuditLogFile.read(sandbox.auditLog()).has("deny", "file", "nio.zip")).isTrue();
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("jdks")
    void aReadPassingThroughTwoHooksIsRecordedOnce(int jdk) throws Exception {
        HookSandbox sandbox = HookSandbox.create(root);
        String exists = jdk == 17 ? UNIX + "exists(Ljava/nio/file/Path;)" : UNIX + "exists(Ljava/nio/file/Path;[Ljava/nio/file/LinkOption;)";
        List<String> ids = List.of(READ_ATTRIBUTES, "nio:Files.newInputStream", exists);
        Map<String, String> outcomes = run(sandbox, jdk, sandbox.writePolicy("audit", false, 9), ids);
        for (String id : ids) {
            assertThat(outcomes.get(id)).as(id).startsWith("ok ");
        }
        Map<String, Integer> perOp = new LinkedHashMap<>();
        for (JsonNode r : AuditLogFile.read(sandbox.auditLog()).where("would_deny", "file")) {
            if (r.path("target").asText().endsWith("/nio-read.txt")) {
                perOp.merge(r.path("op").asText(), 1, Integer::sum);
            }
        }
        assertThat(perOp).as("would_deny records on nio-read.txt by op")
                .containsExactlyInAnyOrderEntriesOf(Map.of("readAttributes", 1, "open", 1, "exists", 1));
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("jdks")
    void aPlainProgramRunsUnderTheDefaultPolicy(int jdk) throws Exception {
        HookSandbox sandbox = HookSandbox.create(root);
        ChildJvm.Result result = ChildJvm.on(jdk).agent(null).workdir(sandbox(sandbox))
                .option("-Dag.sandbox=" + sandbox(sandbox))
                .run("dev.agentguard.apps.hooks.HookActions", "nio:Files.newInputStream", "nio:ZipFile",
                        "nio:Files.newOutputStream");
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(HookTableCoverageTest.outcomes(result).values()).as(result.toString()).allMatch(o -> o.startsWith("ok "));
    }

    private static List<String> writeIdsOn(int jdk) throws IOException, InterruptedException {
        List<String> rows = HookTableCoverageTest.hookIds(jdk);
        List<String> ids = new ArrayList<>();
        for (String id : WRITES.keySet()) {
            if (rows.contains(id) || id.startsWith("nio:")) {
                ids.add(id);
            }
        }
        assertThat(ids).hasSizeGreaterThan(20);
        return ids;
    }

    private static Path sandbox(HookSandbox sandbox) {
        return sandbox.auditLog().getParent().resolve("sandbox");
    }

    private Path readOnlyPolicy(HookSandbox sandbox) throws IOException {
        String yaml = String.join("\n",
                "version: 1",
                "mode: enforce",
                "audit:",
                "  file: " + sandbox.auditLog(),
                "  allowed: all",
                "files:",
                "  read: [\"" + sandbox(sandbox) + "/**\"]",
                "env:",
                "  read: [\"PATH\"]",
                "");
        Path policy = root.resolve("policy-nio-read-only.yaml");
        Files.writeString(policy, yaml, StandardCharsets.UTF_8);
        return policy;
    }

    private static Map<String, String> run(HookSandbox sandbox, int jdk, Path policy, List<String> ids)
            throws IOException, InterruptedException {
        ChildJvm.Result result = sandbox.child(jdk, policy, 9).run("dev.agentguard.apps.hooks.HookActions",
                ids.toArray(new String[0]));
        assertThat(result.exitCode()).as(result.toString()).isZero();
        Map<String, String> outcomes = HookTableCoverageTest.outcomes(result);
        assertThat(outcomes.keySet()).as(result.toString()).containsAll(ids);
        return outcomes;
    }

    /** The in-place writes of the NIO actions: all happened ({@code done}) or none did. */
    private static void assertInPlaceWrites(Path dir, boolean done) throws IOException {
        for (String name : NioFiles.TIMES) {
            assertThat(Files.getLastModifiedTime(dir.resolve(name)).toMillis()).as("mtime of " + name)
                    .isEqualTo(done ? 0L : NioFiles.START.toMillis());
        }
        for (String name : NioFiles.MODES) {
            assertThat(Files.getPosixFilePermissions(dir.resolve(name))).as("mode of " + name)
                    .isEqualTo(done ? PosixFilePermissions.fromString("rw-------") : NioFiles.START_MODE);
        }
        for (String name : NioFiles.DELETED) {
            assertThat(Files.exists(dir.resolve(name))).as(name + " still there").isEqualTo(!done);
        }
        assertThat(NioFiles.hasXattr(dir.resolve("nio-xattr.txt"), NioFiles.XATTR)).as("xattr written").isEqualTo(done);
        assertThat(NioFiles.hasXattr(dir.resolve("nio-xattr-del.txt"), NioFiles.XATTR)).as("xattr kept").isEqualTo(!done);
        assertThat(NioFiles.hasXattr(dir.resolve("nio-dos.txt"), "DOSATTRIB")).as("DOS attribute written").isEqualTo(done);
    }
}
