package dev.agentguard.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A program that probes optional files the way configuration libraries do (SmallRye Config's
 * {@code ${workdir}/.env}: isDirectory, isRegularFile, checkAccess, readAttributes, ...) starts under the
 * embedded default policy, although {@code **}{@code /.env} is in its secret set. A denied probe answers as
 * for a missing file, both for a path that is not there and for a secret that is (the answer tells
 * nothing), and is recorded as a denial of its rule; the open of the secret still throws.
 */
class QueryAbsentTest {
    @TempDir
    Path dir;

    static Stream<Arguments> matrix() {
        List<Arguments> out = new ArrayList<>();
        for (int jdk : Jdks.REQUIRED) {
            for (String mode : List.of("enforce", "audit")) {
                out.add(Arguments.of(jdk, mode));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "JDK {0}, {1} mode")
    @MethodSource("matrix")
    void deniedProbesAnswerAbsentAndAreRecorded(int jdk, String mode) throws Exception {
        Path home = Files.createDirectories(dir.resolve("home"));
        Path key = Files.createDirectories(home.resolve(".ssh")).resolve("id_rsa");
        Files.writeString(key, "canary-" + System.nanoTime());
        Path work = Files.createDirectories(dir.resolve("work"));

        ChildJvm.Result r = ChildJvm.on(jdk).agent(mode.equals("audit") ? "mode=audit" : null).workdir(work)
                .option("-Duser.home=" + home).env("HOME", home.toString())
                .run("dev.agentguard.apps.config.OptionalFileProbe", "probe:.env", "probe:" + key, "open:" + key);

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).as("the program starts: no probe threw\n" + r).contains("STARTED");
        Map<String, String> missing = answers(r, ".env");
        Map<String, String> secret = answers(r, key.toString());
        assertThat(missing).as(r.toString()).hasSize(11);
        assertThat(missing.values()).as("a missing .env reads as missing\n" + r).allMatch(QueryAbsentTest::absent);
        boolean enforce = mode.equals("enforce");
        if (enforce) {
            assertThat(secret).as("an existing secret answers exactly as a missing file\n" + r).isEqualTo(missing);
            assertThat(r.stdout()).contains("OPEN " + key + " denied agentguard: denied file open " + key);
        } else {
            assertThat(secret).as("audit mode: the probes go ahead and see the file\n" + r)
                    .containsEntry("Files.isDirectory", "false").containsEntry("Files.isRegularFile", "true")
                    .containsEntry("Files.exists", "true").containsEntry("checkAccess", "present")
                    .containsEntry("readAttributes", "present").containsEntry("toRealPath", "present")
                    .containsEntry("File.exists", "true").containsEntry("File.canRead", "true");
            assertThat(r.stdout()).contains("OPEN " + key + " ok ");
        }

        AuditLogFile audit = AuditLogFile.read(work.resolve("agentguard-audit.jsonl"));
        String decision = enforce ? "deny" : "would_deny";
        for (String target : List.of(work.resolve(".env").toString(), key.toString())) {
            List<JsonNode> queries = audit.where(decision, "file").stream()
                    .filter(n -> n.path("target").asText().equals(target) && !n.path("op").asText().equals("open"))
                    .toList();
            Set<String> ops = queries.stream().map(n -> n.path("op").asText()).collect(Collectors.toSet());
            assertThat(ops).as("the denied probes of " + target + " are recorded").contains(
                    "checkAccess", "readAttributes", "toRealPath", "exists", "isFile", "canRead");
            assertThat(queries).allSatisfy(n -> {
                assertThat(n.path("rule").asText()).startsWith("files.deny[");
                assertThat(n.path("details").path("answered").asText()).isEqualTo(enforce ? "absent" : "");
            });
        }
        assertThat(audit.has(decision, "file", key.toString())).isTrue();
        assertThat(Files.readString(work.resolve("agentguard-audit.jsonl"))).doesNotContain("canary-");
    }

    /**
     * Where "absent" is unsafe the query throws: a path granted for writing but not for reading would tell
     * a program that believes it to create or rewrite a file that is there (truncating it).
     */
    @ParameterizedTest(name = "JDK {0}, {1} mode")
    @MethodSource("matrix")
    void aQueryOfAPathGrantedForWritingStillThrows(int jdk, String mode) throws Exception {
        Path work = Files.createDirectories(dir.resolve("work"));
        Path drop = Files.createDirectories(work.resolve("drop"));
        Files.writeString(drop.resolve("log.txt"), "earlier lines\n");
        Path policy = Files.writeString(dir.resolve("write-only.yaml"), String.join("\n",
                "version: 1",
                "mode: " + mode,
                "files:",
                "  read: [\"${workdir}/in/**\"]",
                "  write: [\"${workdir}/drop/**\"]",
                ""));
        ChildJvm.Result r = ChildJvm.on(jdk).agent(policy.toString()).workdir(work)
                .run("dev.agentguard.apps.config.OptionalFileProbe", "probe:drop/log.txt");
        if (mode.equals("enforce")) {
            assertThat(r.exitCode()).as(r.toString()).isNotZero();
            assertThat(r.stderr()).as(r.toString()).contains("GuardDeniedException")
                    .contains("agentguard: denied file").contains("(rule default-deny): no files.read rule grants");
            assertThat(r.stdout()).as("no probe answered").doesNotContain("PROBE ");
        } else {
            assertThat(r.exitCode()).as(r.toString()).isZero();
            assertThat(answers(r, "drop/log.txt")).containsEntry("Files.isRegularFile", "true");
        }
        assertThat(Files.readString(drop.resolve("log.txt"))).isEqualTo("earlier lines\n");
        AuditLogFile audit = AuditLogFile.read(work.resolve("agentguard-audit.jsonl"));
        assertThat(audit.has(mode.equals("enforce") ? "deny" : "would_deny", "file", "drop/log.txt")).isTrue();
        assertThat(audit.records()).noneMatch(n -> n.path("details").path("answered").asText().equals("absent"));
    }

    /**
     * Attack (issue-19 review): a path that passes through a denied file and back out with {@code ..}
     * ({@code .env/../x}) is normalized to an allowed path before it is decided, but the kernel still looks
     * up {@code .env} as a directory: "Not a directory" where the secret exists, "No such file" where it does
     * not. The traversed prefix is decided too, so both answer exactly alike, and the open is denied.
     */
    @ParameterizedTest(name = "JDK {0}, {1} mode")
    @MethodSource("matrix")
    void aDotDotThroughADeniedFileDoesNotTellWhetherItExists(int jdk, String mode) throws Exception {
        Path work = Files.createDirectories(dir.resolve("work"));
        Files.writeString(work.resolve(".env"), "TOKEN=canary-" + System.nanoTime());
        Files.writeString(work.resolve("x"), "x");
        Path sub = Files.createDirectories(work.resolve("sub"));
        Files.writeString(sub.resolve("x"), "x");

        ChildJvm.Result r = ChildJvm.on(jdk).agent(mode.equals("audit") ? "mode=audit" : null).workdir(work)
                .run("dev.agentguard.apps.config.OptionalFileProbe", "probe:.env/../x", "probe:sub/.env/../x",
                        "open:.env/../x");

        if (mode.equals("enforce")) {
            assertThat(r.exitCode()).as(r.toString()).isZero();
            Map<String, String> secret = answers(r, ".env/../x");
            assertThat(secret).as(r.toString()).hasSize(11);
            assertThat(secret.values()).as(r.toString()).allMatch(QueryAbsentTest::absent);
            assertThat(secret).as("an existing secret answers as a missing one\n" + r)
                    .isEqualTo(answers(r, "sub/.env/../x"));
            assertThat(r.stdout()).as(r.toString()).contains("OPEN .env/../x denied agentguard: denied file open");
            AuditLogFile audit = AuditLogFile.read(work.resolve("agentguard-audit.jsonl"));
            assertThat(audit.has("deny", "file", work.resolve(".env").toString())).as(r.toString()).isTrue();
        } else {
            AuditLogFile audit = AuditLogFile.read(work.resolve("agentguard-audit.jsonl"));
            assertThat(audit.has("would_deny", "file", work.resolve(".env").toString())).as(r.toString()).isTrue();
        }
    }

    static boolean absent(String answer) {
        return answer.equals("false") || answer.equals("NoSuchFileException");
    }

    /** Method to answer, for the probes of {@code name}. */
    static Map<String, String> answers(ChildJvm.Result r, String name) {
        Map<String, String> out = new LinkedHashMap<>();
        String prefix = "PROBE " + name + " ";
        for (String line : r.lines()) {
            if (line.startsWith(prefix)) {
                String rest = line.substring(prefix.length());
                int space = rest.indexOf(' ');
                out.put(rest.substring(0, space), rest.substring(space + 1));
            }
        }
        return out;
    }
}
