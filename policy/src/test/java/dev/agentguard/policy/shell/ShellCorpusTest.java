package dev.agentguard.policy.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentguard.policy.Decision;
import dev.agentguard.policy.Policy;
import dev.agentguard.policy.PolicyContext;
import dev.agentguard.policy.load.Overrides;
import dev.agentguard.policy.load.PolicyLoader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The corpus: every line of {@code corpus.tsv} is a script decided as {@code sh -c SCRIPT} under
 * {@code corpus-policy.yaml}, with its expected decision and rule (and, where given, a text of the reason).
 * Fake programs ({@code git}, {@code curl}, …) are laid out in a temporary {@code bin} that comes first on
 * {@code PATH}; {@code /bin} follows, so {@code sh}, {@code dash} and {@code bash} are the real shells.
 */
class ShellCorpusTest {
    private static final String[] PROGRAMS = {"git", "cat", "curl", "tee", "ls", "nohup", "env", "find", "grep", "wc",
        "sort", "head", "mvn", "java", "xargs", "timeout", "nice", "rm", "python3", "make", "wget", "ssh", "base64",
        "nc", "tar", "chmod", "sleep", "stdbuf", "sudo", "setsid"};

    record Case(int line, String expected, String script, String reasonHas) {
    }

    static Path root;
    static Policy policy;

    @BeforeAll
    static void layOut() throws Exception {
        root = Files.createTempDirectory("shell-corpus").toRealPath();
        Path bin = Files.createDirectories(root.resolve("bin"));
        for (String name : PROGRAMS) {
            exe(bin.resolve(name));
        }
        Path work = Files.createDirectories(root.resolve("work"));
        Files.createDirectories(work.resolve("src"));
        Files.createDirectories(work.resolve("out"));
        Files.createDirectories(work.resolve("target"));
        Files.writeString(work.resolve("README.md"), "readme\n");
        exe(work.resolve("bin2/tool"));
        // A Java runtime image (bin/NAME next to lib/modules): a JVM the guard would start under itself.
        exe(work.resolve("jre/bin/java"));
        Files.createDirectories(work.resolve("jre/lib"));
        Files.writeString(work.resolve("jre/lib/modules"), "");
        Files.createSymbolicLink(work.resolve("out/cwdlink"), Path.of("/proc/self/cwd"));
        Path home = Files.createDirectories(root.resolve("home"));
        Files.createDirectories(home.resolve(".ssh"));
        Files.writeString(home.resolve(".ssh/id_rsa"), "secret\n");
        String path = bin + ":/bin";
        PolicyContext context = new PolicyContext(work.toString(), home.toString(), root.resolve("tmp").toString(),
                "/opt/jdk", 42, path, List.of(), null);
        policy = PolicyLoader.parse("corpus-policy.yaml", root.resolve("p.yaml").toString(),
                resource("corpus-policy.yaml"), context, Overrides.NONE);
    }

    @AfterAll
    static void cleanUp() throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
        }
    }

    private static void exe(Path p) throws IOException {
        Files.createDirectories(p.getParent());
        // Each fake program records its argv, in a file of its own (background starts run at the same time),
        // when CORPUS_LOG names a directory: ShellDifferentialTest reads them.
        Files.writeString(p, "#!/bin/sh\n[ -n \"$CORPUS_LOG\" ] && printf '%s\\037' \"${0##*/}\" \"$@\""
                + " > \"$(mktemp \"$CORPUS_LOG/argv.XXXXXX\")\"\nexit 0\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    static String resource(String name) throws IOException {
        try (InputStream in = ShellCorpusTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static List<Case> cases() throws IOException {
        List<Case> out = new ArrayList<>();
        String[] lines = resource("corpus.tsv").split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] cols = line.split("\t", -1);
            String script = cols[1].replace("<NL>", "\n").replace("<TAB>", "\t").replace("<CR>", "\r");
            out.add(new Case(i + 1, cols[0], script, cols.length > 2 ? cols[2] : null));
        }
        return out;
    }

    @Test
    void theCorpusHoldsAtLeast200ScriptsOfBothKinds() throws IOException {
        List<Case> all = cases();
        assertThat(all).hasSizeGreaterThanOrEqualTo(200);
        assertThat(all.stream().filter(c -> c.expected().equals("allow")).count()).isGreaterThanOrEqualTo(80);
        assertThat(all.stream().filter(c -> c.expected().startsWith("deny")).count()).isGreaterThanOrEqualTo(120);
    }

    @TestFactory
    Stream<DynamicTest> everyScriptGetsItsExpectedDecision() throws IOException {
        return cases().stream().map(c -> DynamicTest.dynamicTest("line " + c.line() + ": " + c.script(), () -> {
            ShellVerdict verdict = policy.decideStart(List.of("sh", "-c", c.script()));
            Decision d = verdict.decision();
            String got = d.allowed() ? "allow" : "deny:" + d.rule();
            assertThat(got).as("%s%n%s", d, String.join("\n", verdict.parts().stream()
                    .map(ShellPart::describe).toList())).isEqualTo(c.expected());
            if (c.reasonHas() != null && !c.reasonHas().isEmpty()) {
                assertThat(d.reason()).contains(c.reasonHas());
            }
            assertThat(d.reason()).doesNotContain("\n");
        }));
    }
}
