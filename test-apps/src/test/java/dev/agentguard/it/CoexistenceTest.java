package dev.agentguard.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentguard.apps.hooks.HookActions;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The guard among other agents (issue 12): JaCoCo's runtime agent from Maven Central on the command line
 * before or after guard.jar, and a second agent that retransforms every hooked JDK class once the hooks
 * are in. Every hook must still deny (the policy grants none of the actions), with no effect.
 */
class CoexistenceTest {
    @TempDir
    Path root;

    static Stream<Arguments> matrix() {
        List<Arguments> out = new ArrayList<>();
        for (int jdk : Jdks.REQUIRED) {
            out.add(Arguments.of(jdk, true));
            out.add(Arguments.of(jdk, false));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "JDK {0}, JaCoCo before the guard: {1}")
    @MethodSource("matrix")
    void everyHookStillDeniesAfterAnotherAgentRetransformsIt(int jdk, boolean jacocoFirst) throws Exception {
        List<String> ids = HookTableCoverageTest.hookIds(jdk);
        HookSandbox sandbox = HookSandbox.create(root);
        Path retransformer = retransformAgentJar(root.resolve("retransform-agent.jar"));
        try (LoopbackListener listener = new LoopbackListener()) {
            Path policy = sandbox.writePolicy("enforce", false, listener.port());
            // An agent after the guard on the command line has its jar opened by the JDK once the hooks are
            // in, like any class-path read: the operator grants it (policy reference section 11a).
            String text = Files.readString(policy);
            assertThat(text).containsOnlyOnce("files:\n  read: [");
            Files.writeString(policy, text.replace("files:\n  read: [", "files:\n  read: [\"" + jacocoAgent() + "\", \""
                    + retransformer + "\", "));
            String guard = "-javaagent:" + ChildJvm.GUARD_JAR + "=" + policy;
            // A fixed session id: JaCoCo's default one holds the host name, and that lookup, made in its premain
            // before the guard's when JaCoCo comes first, would take the test's resolver provider before the
            // guard's hook is in, and the guard would then refuse to start (policy reference, network.resolver).
            String jacoco = "-javaagent:" + jacocoAgent() + "=output=none,jmx=false,sessionid=coexistence";
            List<String> agents = new ArrayList<>(jacocoFirst ? List.of(jacoco, guard) : List.of(guard, jacoco));
            agents.add("-javaagent:" + retransformer);
            ChildJvm.Result result = sandbox.childWithAgents(jdk, agents, listener.port())
                    .run("dev.agentguard.apps.hooks.RetransformingActions", ids.toArray(new String[0]));
            assertThat(result.exitCode()).as(result.toString()).isZero();
            long classes = ids.stream().map(id -> id.substring(0, id.indexOf('#'))).distinct().count();
            assertThat(result.lines()).as(result.toString())
                    .contains("RETRANSFORMED " + classes + " true")
                    .contains("JACOCO true");
            Map<String, String> outcomes = HookTableCoverageTest.outcomes(result);
            for (String id : ids) {
                if (HookActions.FIXED.containsKey(id)) {
                    sandbox.assertFixed(id, outcomes, "enforce", result);
                    continue;
                }
                if (HookActions.PROTECTED.containsKey(id)) {
                    assertThat(outcomes.get(id + "#denied")).as(id + "\n" + result).startsWith("denied agentguard: denied");
                    continue;
                }
                // A denied metadata query answers as for a missing file; everything else throws the denial.
                assertThat(outcomes.get(id)).as(id + "\n" + result)
                        .startsWith(HookActions.QUERIES.containsKey(id) ? "absent " : "denied ");
            }
            sandbox.assertEffects(ids, true, listener);
        }
    }

    /** JaCoCo's runtime agent jar, a test dependency of this module (Maven Central). */
    static Path jacocoAgent() throws IOException {
        for (URL url : Collections.list(ClassLoader.getSystemClassLoader().getResources("META-INF/MANIFEST.MF"))) {
            String text = url.toString();
            if (text.startsWith("jar:file:") && text.contains("org.jacoco.agent") && text.contains("-runtime.jar")) {
                return Path.of(java.net.URI.create(text.substring("jar:".length(), text.indexOf("!/"))));
            }
        }
        throw new IllegalStateException("org.jacoco.agent:runtime is not on the test class path");
    }

    /** The retransforming agent as its own jar (Premain-Class, Can-Retransform-Classes). */
    static Path retransformAgentJar(Path jar) throws IOException {
        return TestJars.write(jar, Map.of("Premain-Class", "dev.agentguard.apps.hooks.RetransformAgent",
                        "Can-Retransform-Classes", "true"),
                List.of("dev.agentguard.apps.hooks.RetransformAgent", "dev.agentguard.apps.hooks.RetransformAgent$Watcher"));
    }
}
