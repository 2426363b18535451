package dev.agentguard.policy.jvm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentguard.policy.Decision;
import dev.agentguard.policy.Policy;
import dev.agentguard.policy.load.PolicyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code jvm.agents}: loading and its errors, and the decision on {@code JVMTI.agent_load} on real files. */
class AgentGrantsTest {
    @TempDir
    Path root;
    private Path tools;

    @AfterEach
    void writable() throws Exception {
        if (tools != null) {
            Files.setPosixFilePermissions(tools, PosixFilePermissions.fromString("rwx------"));
        }
    }

    private Policy parse(String... lines) throws PolicyException {
        return JvmSectionTest.parse(JvmSectionTest.JVM.withWorkdir(root.resolve("work").toString()), lines);
    }

    @Test
    void entriesMustBeOnePlainAbsoluteFile() {
        assertThat(JvmSectionTest.problems("jvm:", "  agents: [lib/x.so]")).singleElement().asString().contains("absolute");
        assertThat(JvmSectionTest.problems("jvm:", "  agents: [\"/opt/../x.so\"]")).singleElement().asString().contains("normalized");
        assertThat(JvmSectionTest.problems("jvm:", "  agents: [\"/opt/*.so\"]")).singleElement().asString().contains("no glob");
        assertThat(JvmSectionTest.problems("jvm:", "  agents: [\"/opt/a=b.jar\"]")).singleElement().asString().contains("'='");
        assertThat(JvmSectionTest.problems("jvm:", "  agents: [\"/opt/a b.so\"]")).singleElement().asString().contains("space");
        assertThat(JvmSectionTest.problems("jvm:", "  agents:", "    - path: /opt/a.so", "      sha256: abc"))
                .singleElement().asString().contains("64 hexadecimal");
        assertThat(JvmSectionTest.problems("jvm:", "  agents:", "    - sha256: abc")).singleElement().asString().contains("needs a path");
        assertThat(JvmSectionTest.problems("jvm:", "  agents:", "    - path: /opt/a.so", "      name: x"))
                .singleElement().asString().contains("name");
        assertThat(JvmSectionTest.problems("jvm:", "  diagnostics: [JVMTI.agent_load]")).singleElement().asString()
                .contains("jvm.agents");
    }

    @Test
    void decidesOnTheFileNotTheName() throws Exception {
        Path work = Files.createDirectories(root.resolve("work/out"));
        tools = Files.createDirectories(root.resolve("tools"));
        Path lib = Files.writeString(tools.resolve("libp.so"), "not really a library");
        Path jar = tools.resolve("p.jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Agent-Class", "com.example.Profiler");
        new JarOutputStream(Files.newOutputStream(jar), manifest).close();
        Path bootJar = tools.resolve("boot.jar");
        manifest.getMainAttributes().putValue("Boot-Class-Path", "../work/out/evil.jar");
        new JarOutputStream(Files.newOutputStream(bootJar), manifest).close();
        Files.createSymbolicLink(tools.resolve("link.so"), work.resolve("evil.so"));
        Files.writeString(work.resolve("evil.so"), "evil");
        String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(lib)));
        for (Path p : List.of(lib, jar, bootJar)) {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("r--r--r--"));
        }
        Files.setPosixFilePermissions(tools, PosixFilePermissions.fromString("r-xr-xr-x"));
        Policy policy = parse("files:", "  write: [\"${workdir}/out/**\"]", "jvm:", "  agents:",
                "    - path: " + lib, "      sha256: " + digest.toUpperCase(),
                "    - " + jar, "    - " + bootJar, "    - " + tools.resolve("link.so"),
                "    - ${workdir}/out/evil.so");

        AgentLoads.Verdict library = policy.decideDiagnostic("JVMTI.agent_load " + lib + " start,event=cpu");
        assertThat(library.decision().allowed()).as(library.decision().reason()).isTrue();
        assertThat(library.decision().rule()).isEqualTo("jvm.agents[0]");
        assertThat(library.agentClass()).isNull();
        AgentLoads.Verdict java = policy.decideDiagnostic("JVMTI.agent_load " + jar);
        assertThat(java.decision().rule()).isEqualTo("jvm.agents[1]");
        assertThat(java.agentClass()).isEqualTo("com.example.Profiler");
        assertThat(java.realPath()).isEqualTo(jar.toRealPath().toString());

        assertThat(denied(policy, "JVMTI.agent_load " + bootJar)).contains("Boot-Class-Path");
        assertThat(denied(policy, "JVMTI.agent_load " + tools.resolve("link.so"))).contains("could replace");
        assertThat(denied(policy, "JVMTI.agent_load " + work.resolve("evil.so"))).contains("files.write[0]");
        assertThat(denied(policy, "JVMTI.agent_load " + work.resolve("other.so"))).contains("no jvm.agents rule");
        assertThat(denied(policy, "JVMTI.agent_load  " + lib)).contains("written plainly");
        assertThat(denied(policy, "JVMTI.agent_load \"" + lib + "\"")).contains("written plainly");
        assertThat(denied(policy, "JVMTI.agent_load " + tools + "/./libp.so")).contains("written plainly");
        assertThat(denied(policy, "JVMTI.agent_load")).contains("written plainly");

        // A writable folder on the class path comes before the agent jar: a Java agent is refused, a native one not.
        Policy planted = JvmSectionTest.parse(new dev.agentguard.policy.PolicyContext(root.resolve("work").toString(),
                "/home/u", "/tmp", "/opt/jdk", 42, "/usr/bin", List.of(work.resolve("classes").toString()), null),
                "files:", "  write: [\"${workdir}/out/**\"]", "jvm:", "  agents: [" + jar + ", " + lib + "]");
        assertThat(planted.decideDiagnostic("JVMTI.agent_load " + jar).decision().reason())
                .contains("class path entry " + work.resolve("classes"));
        assertThat(planted.decideDiagnostic("JVMTI.agent_load " + lib).decision().allowed()).isTrue();

        // The file changed after the policy pinned it (by someone who could write it): refused.
        Files.setPosixFilePermissions(tools, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(lib, PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(denied(policy, "JVMTI.agent_load " + lib)).contains("may write the file");
        Files.writeString(lib, "swapped");
        Files.setPosixFilePermissions(lib, PosixFilePermissions.fromString("r--r--r--"));
        assertThat(denied(policy, "JVMTI.agent_load " + lib)).contains("may write its folder");
        Files.setPosixFilePermissions(tools, PosixFilePermissions.fromString("r-xr-xr-x"));
        assertThat(denied(policy, "JVMTI.agent_load " + lib)).contains("sha256");
    }

    private static String denied(Policy policy, String line) {
        Decision d = policy.decideDiagnostic(line).decision();
        assertThat(d.allowed()).as(line).isFalse();
        return d.reason();
    }
}
