package dev.agentguard.agent.enforce;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentguard.policy.Decision;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The link between an allowed JVMTI.agent_load and the agentmain call that follows it on the same thread. */
class GrantedAgentsTest {
    private static final Decision GRANT = Decision.allow("jvm.agents[0]", "granted");

    /** A class the system class loader takes from a jar: JUnit's own annotation. */
    private static String junitJar() throws Exception {
        return Path.of(Test.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toRealPath().toString();
    }

    @Test
    void withoutAnAllowedLoadOnThisThreadAgentmainIsRefused() {
        GrantedAgents agents = new GrantedAgents();
        assertThat(agents.agentmain(Test.class.getName())).isSameAs(GrantedAgents.NOT_GRANTED);
    }

    @Test
    void theGrantedJarsAgentClassRunsOnceOnTheSameThreadOnly() throws Exception {
        GrantedAgents agents = new GrantedAgents();
        agents.expect(Test.class.getName(), junitJar(), GRANT);
        Decision[] elsewhere = new Decision[1];
        Thread other = new Thread(() -> elsewhere[0] = agents.agentmain(Test.class.getName()));
        other.start();
        other.join();
        assertThat(elsewhere[0].allowed()).isFalse();
        assertThat(agents.agentmain(Test.class.getName())).isSameAs(GRANT);
        // Consumed: a second agentmain on this thread is refused.
        assertThat(agents.agentmain(Test.class.getName()).allowed()).isFalse();
    }

    @Test
    void anotherClassOrAClassFromAnotherJarIsRefused() throws Exception {
        GrantedAgents agents = new GrantedAgents();
        agents.expect(Test.class.getName(), junitJar(), GRANT);
        assertThat(agents.agentmain("com.example.Other").reason()).contains("not the Agent-Class");
        // The granted jar named, but the class path resolves the class from this module's own classes.
        agents.expect(GrantedAgentsTest.class.getName(), junitJar(), GRANT);
        assertThat(agents.agentmain(GrantedAgentsTest.class.getName()).reason()).contains("not to the granted jar");
        agents.expect(Test.class.getName(), junitJar(), GRANT);
        agents.clear();
        assertThat(agents.agentmain(Test.class.getName()).allowed()).isFalse();
    }
}
