package dev.agentguard.policy.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentguard.policy.DefaultPolicy;
import dev.agentguard.policy.Policy;
import dev.agentguard.policy.PolicyContext;
import dev.agentguard.policy.file.FileAccess;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A {@code ${workdir}} grant that would cover the whole disk or the home directory refuses the start, with the
 * reason and the fix on one line; {@code files.allow_broad_workdir: true} grants it on purpose.
 */
class BroadWorkdirTest {
    private static PolicyContext at(String workdir) {
        return new PolicyContext(workdir, "/home/u", "/tmp", "/opt/jdk", 42, "/usr/bin:/bin", List.of(), null);
    }

    private static List<String> defaultProblems(String workdir) {
        try {
            DefaultPolicy.load(at(workdir), Overrides.NONE);
        } catch (PolicyException e) {
            return e.problems();
        }
        throw new AssertionError("the default policy loaded with ${workdir} = " + workdir);
    }

    @Test
    void theDefaultPolicyRefusesTheRootTheHomeDirectoryAndAbove() {
        assertThat(defaultProblems("/")).hasSize(2).allSatisfy(p -> assertThat(p)
                .contains("'${workdir}/**' would grant /home/u/.bashrc and everything beside it, because ${workdir}"
                        + " is /, the root directory; start the program in its own folder")
                .contains("set files.allow_broad_workdir: true").doesNotContain("\n"));
        assertThat(defaultProblems("/home/u").get(0)).contains("files.read[0]")
                .contains("because ${workdir} is /home/u, the home directory");
        assertThat(defaultProblems("/home/u").get(1)).contains("files.write[0]");
        assertThat(defaultProblems("/home")).first().asString()
                .contains("because ${workdir} is /home, above the home directory /home/u");
    }

    @Test
    void aProjectFolderStarts() throws Exception {
        for (String dir : new String[] {"/home/u/project", "/srv/app", "/home/other", "/home/u2"}) {
            Policy p = DefaultPolicy.load(at(dir), Overrides.NONE);
            assertThat(p.files().decide(FileAccess.READ, dir + "/a.txt", dir + "/a.txt").allowed()).as(dir).isTrue();
        }
    }

    @Test
    void aPolicyMayGrantItOnPurpose() throws Exception {
        String yaml = String.join("\n", "version: 1", "files:", "  read: [\"${workdir}/**\"]",
                "  allow_broad_workdir: true", "");
        Policy p = PolicyLoader.parse("p.yaml", "/etc/p.yaml", yaml, at("/"), Overrides.NONE);
        assertThat(p.files().decide(FileAccess.READ, "/home/u/.bashrc", "/home/u/.bashrc").allowed()).isTrue();
    }

    @Test
    void onlyGrantsThatReachTheHomeDirectoryAreRefused() throws Exception {
        // ${workdir}/out/** at ~ is ~/out only; ${home}/** says what it grants.
        String yaml = String.join("\n", "version: 1", "files:", "  read: [\"${workdir}/out/**\", \"${home}/**\"]",
                "  write: [\"${workdir}/*.txt\"]", "");
        Policy p = PolicyLoader.parse("p.yaml", "/etc/p.yaml", yaml, at("/home/u"), Overrides.NONE);
        assertThat(p.files().decide(FileAccess.READ, "/home/u/.bashrc", "/home/u/.bashrc").allowed()).isTrue();
    }

    @Test
    void theKeyIsABoolean() {
        String yaml = String.join("\n", "version: 1", "files:", "  allow_broad_workdir: yes", "");
        assertThatThrownBy(() -> PolicyLoader.parse("p.yaml", "/etc/p.yaml", yaml, at("/w"), Overrides.NONE))
                .isInstanceOf(PolicyException.class)
                .hasMessageContaining("'files.allow_broad_workdir' must be true or false");
    }

    @Test
    void theSecretSetHoldsTheCredentialsUsersHave() throws Exception {
        Policy p = DefaultPolicy.load(at("/home/u/project"), Overrides.NONE);
        for (String secret : new String[] {"/home/u/project/.git-credentials", "/home/u/.git-credentials",
                "/home/u/.bash_history", "/home/u/.zsh_history", "/home/u/.python_history", "/home/u/.history",
                "/home/u/.local/share/fish/fish_history", "/home/u/.m2/settings.xml",
                "/home/u/.m2/settings-security.xml", "/home/u/.config/gcloud/application_default_credentials.json",
                "/home/u/project/application_default_credentials.json", "/home/u/.npmrc", "/home/u/.pypirc",
                "/home/u/.config/some-tool/credentials.json", "/home/u/project/.env"}) {
            assertThat(p.files().decide(FileAccess.READ, secret, secret).allowed()).as(secret).isFalse();
            assertThat(p.files().decide(FileAccess.READ, secret, secret).rule()).as(secret).startsWith("files.deny[");
        }
        for (String plain : new String[] {"/home/u/project/pom.xml", "/home/u/project/history.md",
                "/home/u/project/src/npmrc.txt"}) {
            assertThat(p.files().decide(FileAccess.READ, plain, plain).allowed()).as(plain).isTrue();
        }
    }
}
