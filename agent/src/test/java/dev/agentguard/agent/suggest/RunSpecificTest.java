package dev.agentguard.agent.suggest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A forked JVM's command line: what changes every run becomes *, what does not stays. */
class RunSpecificTest {
    @Test
    void timestampsRandomNumbersAndIdsBecomeStars() {
        assertThat(RunSpecific.glob("/w/target/surefire/surefirebooter-20261206201751263_3.jar"))
                .isEqualTo("/w/target/surefire/surefirebooter-*_3.jar");
        assertThat(RunSpecific.glob("/tmp/surefire8734628734628736428")).isEqualTo("/tmp/surefire*");
        assertThat(RunSpecific.glob("2026-12-06T20-17-51_263-jvmRun1")).isEqualTo("2026-12-06T20-17-51_263-jvmRun1");
        assertThat(RunSpecific.glob("-Dsession=3f2a9c1be07d44a1b2c3d4e5f6a7b8c9")).isEqualTo("-Dsession=*");
        assertThat(RunSpecific.glob("--id=123e4567-e89b-12d3-a456-426614174000.log")).isEqualTo("--id=*.log");
        assertThat(RunSpecific.glob("/tmp/vertx-cache/-7318267342112387765")).isEqualTo("/tmp/vertx-cache/-*");
    }

    @Test
    void ordinaryArgumentsStay() {
        for (String arg : new String[] {"-Xmx512m", "--port=8080", "17.0.15", "status", "-XX:+UseG1GC",
            "/usr/lib/jvm/java-17-openjdk-amd64/bin/java", "1234567", "deadbeef", "\\*.java", "HEAD~3"}) {
            assertThat(RunSpecific.glob(arg)).as(arg).isEqualTo(arg);
        }
    }
}
