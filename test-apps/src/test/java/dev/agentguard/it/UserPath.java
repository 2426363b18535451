package dev.agentguard.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A new user's path with a real agent (issue 15), step by step, each step asserted: an audited run under the
 * embedded default policy; {@code guard.jar suggest} on its log, unedited; {@code guard.jar check}; an
 * enforce run under the suggested policy in the same working directory with zero denials (see {@link #denials});
 * a second one,
 * still zero (the state the first left behind must not matter); and a run in which the model's injected
 * step reads {@code ~/.ssh/id_rsa}, which is blocked: its denial is the run's only one, and the key reaches
 * neither the output nor the model.
 */
final class UserPath {
    /** Starts the agent once: under {@code agentArgs}, with or without the injected step; the child's result. */
    interface Agent {
        ChildJvm.Result run(String agentArgs, boolean injected, String[] seenByModel) throws Exception;
    }

    final int jdk;
    final Path dir;
    final Path work;
    final Path home;
    final Path key;
    final String keyCanary = "-----BEGIN OPENSSH PRIVATE KEY----- user-path-canary-" + System.nanoTime();

    UserPath(int jdk, Path dir) throws IOException {
        this.jdk = jdk;
        this.dir = dir;
        this.work = Files.createDirectories(dir.resolve("work"));
        this.home = Files.createDirectories(dir.resolve("home"));
        this.key = Files.createDirectories(home.resolve(".ssh")).resolve("id_rsa");
        Files.writeString(key, keyCanary);
        Files.writeString(work.resolve("notes.txt"), "Release 2.4 ships on Friday.\n");
    }

    /** Walks the path; returns the suggested policy as written. {@code name}: the agent, for the saved copy. */
    String walk(String name, Agent agent) throws Exception {
        Path audited = dir.resolve("audited.jsonl");
        String[] seen = new String[1];
        ChildJvm.Result audit = agent.run("mode=audit,audit=" + audited, false, seen);
        assertThat(audit.exitCode()).as("the audited run\n%s", audit).isZero();

        ChildJvm.Result suggest = cli("suggest", audited.toString());
        assertThat(suggest.exitCode()).as("suggest\n%s", suggest).isZero();
        String policyText = suggest.stdout();
        Path policy = Files.writeString(dir.resolve("policy.yaml"), policyText, StandardCharsets.UTF_8);
        save(name, policyText);

        ChildJvm.Result check = cli("check", policy.toString());
        assertThat(check.exitCode()).as("check of the unedited suggestion\n%s\n%s", check, policyText).isZero();

        for (int run = 1; run <= 2; run++) {
            Path log = dir.resolve("enforce-" + run + ".jsonl");
            ChildJvm.Result r = agent.run("policy=" + policy + ",audit=" + log, false, seen);
            List<JsonNode> denials = denials(log);
            assertThat(denials).as("enforce run %d: no denial\n%s\n--- policy\n%s", run, r, policyText).isEmpty();
            assertThat(r.exitCode()).as("enforce run %d\n%s", run, r).isZero();
        }

        Path log = dir.resolve("injected.jsonl");
        seen[0] = null;
        ChildJvm.Result r = agent.run("policy=" + policy + ",audit=" + log, true, seen);
        assertThat(r.exitCode()).as("the injected run\n%s", r).isZero();
        assertThat(denials(log)).as("the injected read is the only denial\n%s", r).singleElement()
                .satisfies(d -> {
                    assertThat(d.path("category").asText()).isEqualTo("file");
                    assertThat(d.path("target").asText()).isEqualTo(key.toString());
                    assertThat(d.path("rule").asText()).startsWith("files.deny[");
                });
        assertThat(r.stdout() + r.stderr()).as("the key never shows").doesNotContain(keyCanary);
        if (seen[0] != null) {
            assertThat(seen[0]).as("the model never sees the key").doesNotContain(keyCanary)
                    .contains("agentguard: denied file");
        }
        return policyText;
    }

    /** {@code java -jar guard.jar ARGS} in the working directory, with the run's home directory. */
    ChildJvm.Result cli(String... args) throws Exception {
        return ChildJvm.on(jdk).workdir(work).option("-Duser.home=" + home).guardCli(args);
    }

    /**
     * The deny and would_deny records of a run's log, but for whole-environment listings ({@code env read-all}):
     * a listing under enforce always leaves out the variables the policy does not grant, and says so; that is
     * the suggested policy working, not a call the application needed. A variable it did need, looked up in
     * the listed map by name, is an {@code env read} record and counts.
     */
    static List<JsonNode> denials(Path log) throws IOException {
        return AuditLogFile.read(log).records().stream()
                .filter(x -> !x.path("decision").asText().equals("allow"))
                .filter(x -> !(x.path("category").asText().equals("env") && x.path("op").asText().equals("read-all")))
                .toList();
    }

    /** A copy of the suggestion under target/, for a reader of the build (and the note). */
    private void save(String name, String policy) throws IOException {
        Path out = Files.createDirectories(Path.of("target", "suggested-policies"));
        Files.writeString(out.resolve(name + "-jdk" + jdk + ".yaml"), policy, StandardCharsets.UTF_8);
    }
}
