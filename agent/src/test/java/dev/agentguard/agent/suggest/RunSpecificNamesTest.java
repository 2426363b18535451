package dev.agentguard.agent.suggest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RunSpecificNamesTest {
    @Test
    void belowTmpLongNumbersUuidsAndMktempSuffixesAreRunSpecific() {
        assertThat(RunSpecificNames.segment("-123456789", true)).isEqualTo("*");
        assertThat(RunSpecificNames.segment("123456789", true)).isEqualTo("*");
        assertThat(RunSpecificNames.segment("junit8172635401", true)).isEqualTo("junit*");
        assertThat(RunSpecificNames.segment("agent8237498237.tmp", true)).isEqualTo("agent*.tmp");
        assertThat(RunSpecificNames.segment("tomcat.18081.16359729902073976878", true)).isEqualTo("tomcat.*");
        assertThat(RunSpecificNames.segment("tomcat-docbase.8080.1635972990", true)).isEqualTo("tomcat-docbase.*");
        assertThat(RunSpecificNames.segment("name.Xa9bQ2", true)).isEqualTo("name.*");
        assertThat(RunSpecificNames.segment("tmp.k3j9x2abcd", true)).isEqualTo("tmp.*");
        assertThat(RunSpecificNames.segment("run-3f2b8c1e-9a4d-4e2f-8b1c-0d9e8f7a6b5c", true)).isEqualTo("run-*");
    }

    @Test
    void wordsShortNumbersAndVersionsStay() {
        for (String kept : new String[] {"vertx-cache", "file-cache", "notes.backup", "app.yaml", "v1.2.3",
                "lib-2024.jar", "x86_64", "java-17-openjdk", "12345"}) {
            assertThat(RunSpecificNames.segment(kept, true)).as(kept).isEqualTo(kept);
        }
    }

    @Test
    void outsideTmpOnlyTimestampsAreRunSpecific() {
        assertThat(RunSpecificNames.segment("surefirebooter-20261206201751263_3.jar", false))
                .isEqualTo("surefirebooter-*.jar");
        assertThat(RunSpecificNames.segment("1234567", false)).as("a number outside tmp may be data").isEqualTo("1234567");
        assertThat(RunSpecificNames.segment("name.Xa9bQ2", false)).isEqualTo("name.Xa9bQ2");
        assertThat(RunSpecificNames.segment("209913999999", false)).as("month 13 is no date").isEqualTo("209913999999");
    }

    @Test
    void anEscapedSegmentIsLeftAlone() {
        assertThat(RunSpecificNames.segment("a\\*123456789", true)).isEqualTo("a\\*123456789");
    }
}
