package dev.agentguard.agent.enforce;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentguard.policy.Policy;
import dev.agentguard.policy.PolicyContext;
import dev.agentguard.policy.load.Overrides;
import dev.agentguard.policy.load.PolicyLoader;
import dev.agentguard.policy.process.ProgramResolver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which path the JDK executes for a decided start: the real program, or a link the application cannot change. */
class ExecPathTest {
    @TempDir
    Path tmp;
    private Path root;
    private Policy policy;

    @BeforeEach
    void world() throws Exception {
        root = tmp.toRealPath();
        Path tool = Files.writeString(Files.createDirectories(root.resolve("sys/lib")).resolve("multicall"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createDirectories(root.resolve("sys/bin"));
        Files.createSymbolicLink(root.resolve("sys/bin/sh"), Path.of("../lib/multicall"));
        Files.createSymbolicLink(root.resolve("sys/lib/hop"), Path.of("multicall"));
        Files.createSymbolicLink(root.resolve("sys/bin/two-hops"), Path.of("../lib/hop"));
        Files.createDirectories(root.resolve("work/out"));
        Files.createSymbolicLink(root.resolve("work/out/sh"), tool);
        String text = "version: 1\nmode: enforce\naudit: {file: " + root.resolve("audit.jsonl") + "}\n"
                + "files:\n  write: [\"" + root.resolve("work/out") + "/**\"]\n";
        PolicyContext context = new PolicyContext(root.resolve("work").toString(), root.toString(), root.toString(),
                System.getProperty("java.home"), 4242L, "/usr/bin:/bin", List.of(), null);
        policy = PolicyLoader.parse("exec.yaml", null, text, context, Overrides.NONE);
    }

    private String exec(String argv0) {
        ProgramResolver.Found found = ProgramResolver.locate(argv0, "", root.resolve("work").toString());
        assertThat(found).as(argv0).isNotNull();
        return ExecPath.of(found, policy.files());
    }

    @Test
    void aLinkStraightToTheProgramInAFolderNobodyMayWriteKeepsItsName() {
        assertThat(exec(root + "/sys/bin/sh")).isEqualTo(root + "/sys/bin/sh");
        assertThat(exec(root + "/sys/bin/../bin/sh")).isEqualTo(root + "/sys/bin/sh");
    }

    @Test
    void aLinkTheApplicationMayReplaceIsNotExecuted() {
        assertThat(exec("out/sh")).isEqualTo(root + "/sys/lib/multicall");
    }

    @Test
    void aLinkToAnotherLinkIsNotExecuted() {
        assertThat(exec(root + "/sys/bin/two-hops")).isEqualTo(root + "/sys/lib/multicall");
    }

    @Test
    void aProgramThatIsNoLinkIsItsRealPath() {
        assertThat(exec(root + "/sys/lib/../lib/multicall")).isEqualTo(root + "/sys/lib/multicall");
    }
}
