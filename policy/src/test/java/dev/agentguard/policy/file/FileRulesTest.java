package dev.agentguard.policy.file;

import dev.agentguard.policy.Decision;
import dev.agentguard.policy.PatternException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import static dev.agentguard.policy.file.FileAccess.READ;
import static dev.agentguard.policy.file.FileAccess.WRITE;
import static org.assertj.core.api.Assertions.assertThat;

class FileRulesTest {
    static final String HOME = "/home/u";
    static final String WORK = "/home/u/proj";
    static final String TMP = "/tmp";
    static final String JAVA_HOME = "/usr/lib/jvm/java-17";

    /** Expands the variables the way the loader does, for these tests only. */
    static String expand(String written) {
        return written.replace("${workdir}", WORK).replace("${home}", HOME).replace("${tmp}", TMP);
    }

    static List<PathRule> rules(String section, String... written) {
        List<PathRule> out = new ArrayList<>();
        for (int i = 0; i < written.length; i++) {
            try {
                out.add(PathRule.compile("files." + section + "[" + i + "]", written[i], expand(written[i])));
            } catch (PatternException e) {
                throw new AssertionError(e);
            }
        }
        return out;
    }

    static PathGlob glob(String pattern) {
        try {
            return PathGlob.compile(pattern);
        } catch (PatternException e) {
            throw new AssertionError(e);
        }
    }

    static List<ProtectedPath> protectedPaths() {
        return List.of(
                new ProtectedPath(glob(WORK + "/agentguard-audit.jsonl"), EnumSet.of(READ, WRITE), "the audit log"),
                new ProtectedPath(glob(WORK + "/policy.yaml"), EnumSet.of(WRITE), "the policy file"),
                new ProtectedPath(glob("/run/agentguard"), EnumSet.of(WRITE), "the killswitch folder"),
                new ProtectedPath(glob("/proc/*/environ"), EnumSet.of(READ, WRITE), "a process environment"),
                new ProtectedPath(glob("/proc/*/mem"), EnumSet.of(READ, WRITE), "process memory"));
    }

    static final FileRules RULES = new FileRules(
            rules("read", "${workdir}/**", "${tmp}/**"),
            rules("write", "${workdir}/out/**", "/srv/drop/**"),
            rules("deny", "${home}/.ssh/**", "**/.env", "**/*secret*"),
            List.of(glob(JAVA_HOME + "/**"), glob("/etc/hosts"), glob("/dev/null")),
            List.of(glob("/dev/null")),
            protectedPaths());

    static Decision decide(FileAccess access, String path) {
        return RULES.decide(access, path, path);
    }

    static void assertDecision(Decision d, boolean allowed, String rule, String reason) {
        assertThat(d.allowed()).as("allowed: %s", d).isEqualTo(allowed);
        assertThat(d.rule()).as("rule: %s", d).isEqualTo(rule);
        assertThat(d.reasonWithGrants()).isEqualTo(reason);
    }

    // --- grants -------------------------------------------------------------------------------------

    @Test
    void aReadRuleGrantsReading() {
        assertDecision(decide(READ, WORK + "/src/A.java"), true, "files.read[0]", "granted by files.read[0] '${workdir}/**'");
        assertDecision(decide(READ, WORK), true, "files.read[0]", "granted by files.read[0] '${workdir}/**'");
        assertDecision(decide(READ, "/tmp/x"), true, "files.read[1]", "granted by files.read[1] '${tmp}/**'");
    }

    @Test
    void allowedDecisionsAreTheSameInstanceEveryTime() {
        Decision a = decide(READ, WORK + "/a");
        assertThat(decide(READ, WORK + "/b/c")).isSameAs(a);
        assertThat(RULES.decide(READ, WORK + "/x", "/tmp/y")).isSameAs(decide(READ, "/tmp/z"));
        assertThat(decide(READ, "/etc/hosts")).isSameAs(decide(READ, "/etc/hosts"));
    }

    @Test
    void readingDoesNotGrantWriting() {
        assertDecision(decide(WRITE, WORK + "/src/A.java"), false, "default-deny",
                "no files.write rule grants /home/u/proj/src/A.java; writes are granted under: ${workdir}/out/**, /srv/drop/**");
        assertDecision(decide(WRITE, WORK + "/out/report.txt"), true, "files.write[0]",
                "granted by files.write[0] '${workdir}/out/**'");
    }

    @Test
    void writingDoesNotGrantReading() {
        assertDecision(decide(WRITE, "/srv/drop/x"), true, "files.write[1]", "granted by files.write[1] '/srv/drop/**'");
        assertDecision(decide(READ, "/srv/drop/x"), false, "default-deny",
                "no files.read rule grants /srv/drop/x; reads are granted under: ${workdir}/**, ${tmp}/**");
    }

    @Test
    void defaultDenyListsTheGrantsAsWritten() {
        assertDecision(decide(READ, "/etc/passwd"), false, "default-deny",
                "no files.read rule grants /etc/passwd; reads are granted under: ${workdir}/**, ${tmp}/**");
        assertDecision(decide(READ, "/"), false, "default-deny",
                "no files.read rule grants /; reads are granted under: ${workdir}/**, ${tmp}/**");
    }

    @Test
    void defaultDenyWithoutAnyRule() {
        FileRules none = new FileRules(List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
        assertDecision(none.decide(READ, "/x", "/x"), false, "default-deny",
                "no files.read rule grants /x; the policy grants no reads");
        assertDecision(none.decide(WRITE, "/x", "/x"), false, "default-deny",
                "no files.write rule grants /x; the policy grants no writes");
    }

    @Test
    void defaultDenyCutsALongListShort() {
        String[] many = new String[11];
        for (int i = 0; i < many.length; i++) {
            many[i] = "/d" + i + "/**";
        }
        FileRules r = new FileRules(rules("read", many), List.of(), List.of(), List.of(), List.of(), List.of());
        assertDecision(r.decide(READ, "/x", "/x"), false, "default-deny",
                "no files.read rule grants /x; reads are granted under: /d0/**, /d1/**, /d2/**, /d3/**, /d4/**,"
                        + " /d5/**, /d6/**, /d7/**, … (3 more)");
        assertDecision(r.decide(READ, "/d10/y", "/d10/y"), true, "files.read[10]", "granted by files.read[10] '/d10/**'");
    }

    // --- both forms ---------------------------------------------------------------------------------

    @Test
    void aLinkOutOfAGrantedDirectoryIsDenied() {
        assertDecision(RULES.decide(READ, WORK + "/link/shadow", "/etc/shadow"), false, "default-deny",
                "/home/u/proj/link/shadow resolves through a symbolic link to /etc/shadow, which no files.read rule"
                        + " grants; reads are granted under: ${workdir}/**, ${tmp}/**");
    }

    @Test
    void theGivenFormMustBeGrantedToo() {
        assertDecision(RULES.decide(READ, "/opt/alias/a.txt", WORK + "/a.txt"), false, "default-deny",
                "no files.read rule grants /opt/alias/a.txt; reads are granted under: ${workdir}/**, ${tmp}/**");
    }

    @Test
    void aRuleGrantingBothFormsIsNamed() {
        assertDecision(RULES.decide(READ, WORK + "/t/x", "/tmp/x"), true, "files.read[1]",
                "granted by files.read[1] '${tmp}/**'");
    }

    @Test
    void theBaselineMayGrantTheRealForm() {
        assertDecision(RULES.decide(READ, WORK + "/jdk/lib/modules", JAVA_HOME + "/lib/modules"), true, "baseline",
                "the JVM baseline grants reading '/usr/lib/jvm/java-17/**'");
    }

    // --- baseline -----------------------------------------------------------------------------------

    @Test
    void baselineGrantsOnlyWhatItLists() {
        assertDecision(decide(READ, "/etc/hosts"), true, "baseline", "the JVM baseline grants reading '/etc/hosts'");
        assertDecision(decide(READ, JAVA_HOME + "/conf/security/java.security"), true, "baseline",
                "the JVM baseline grants reading '/usr/lib/jvm/java-17/**'");
        assertDecision(decide(WRITE, "/dev/null"), true, "baseline", "the JVM baseline grants writing '/dev/null'");
        assertDecision(decide(WRITE, "/etc/hosts"), false, "default-deny",
                "no files.write rule grants /etc/hosts; writes are granted under: ${workdir}/out/**, /srv/drop/**");
        assertDecision(decide(WRITE, JAVA_HOME + "/lib/x"), false, "default-deny",
                "no files.write rule grants /usr/lib/jvm/java-17/lib/x; writes are granted under: ${workdir}/out/**,"
                        + " /srv/drop/**");
    }

    @Test
    void aUserRuleIsNamedBeforeTheBaseline() {
        FileRules r = new FileRules(rules("read", "/etc/**"), List.of(), List.of(), List.of(glob("/etc/hosts")),
                List.of(), List.of());
        assertDecision(r.decide(READ, "/etc/hosts", "/etc/hosts"), true, "files.read[0]", "granted by files.read[0] '/etc/**'");
    }

    // --- deny ---------------------------------------------------------------------------------------

    @Test
    void denyWinsOverAGrant() {
        assertDecision(decide(READ, WORK + "/.env"), false, "files.deny[1]", "/home/u/proj/.env matches files.deny[1] '**/.env'");
        assertDecision(decide(WRITE, WORK + "/out/.env"), false, "files.deny[1]",
                "/home/u/proj/out/.env matches files.deny[1] '**/.env'");
    }

    @Test
    void denyAppliesToUngrantedPathsWithItsOwnReason() {
        assertDecision(decide(READ, HOME + "/.ssh/id_rsa"), false, "files.deny[0]",
                "/home/u/.ssh/id_rsa matches files.deny[0] '${home}/.ssh/**'");
        assertDecision(decide(READ, HOME + "/.ssh"), false, "files.deny[0]",
                "/home/u/.ssh matches files.deny[0] '${home}/.ssh/**'");
    }

    @Test
    void denyCoversEverythingBelowAMatchingDirectory() {
        assertDecision(decide(READ, WORK + "/secrets/db/pass.txt"), false, "files.deny[2]",
                "/home/u/proj/secrets/db/pass.txt is inside /home/u/proj/secrets, which matches files.deny[2] '**/*secret*'");
        assertDecision(decide(READ, WORK + "/.env/inner"), false, "files.deny[1]",
                "/home/u/proj/.env/inner is inside /home/u/proj/.env, which matches files.deny[1] '**/.env'");
        assertThat(decide(READ, WORK + "/.envrc").allowed()).isTrue();
    }

    @Test
    void denyOnTheRealForm() {
        assertDecision(RULES.decide(READ, WORK + "/k", HOME + "/.ssh/id_rsa"), false, "files.deny[0]",
                "/home/u/proj/k resolves through a symbolic link to /home/u/.ssh/id_rsa, which matches files.deny[0]"
                        + " '${home}/.ssh/**'");
        assertDecision(RULES.decide(READ, WORK + "/k", "/tmp/my-secret/a"), false, "files.deny[2]",
                "/home/u/proj/k resolves through a symbolic link to /tmp/my-secret/a, which is inside /tmp/my-secret,"
                        + " which matches files.deny[2] '**/*secret*'");
    }

    @Test
    void aDenyOfTheRootDeniesEverything() {
        FileRules r = new FileRules(rules("read", "/**"), List.of(), rules("deny", "/"), List.of(), List.of(), List.of());
        assertDecision(r.decide(READ, "/a/b", "/a/b"), false, "files.deny[0]", "/a/b is inside /, which matches files.deny[0] '/'");
    }

    // --- protected ----------------------------------------------------------------------------------

    @Test
    void theAuditLogCannotBeReadOrWritten() {
        String audit = WORK + "/agentguard-audit.jsonl";
        assertDecision(decide(READ, audit), false, "protected",
                "/home/u/proj/agentguard-audit.jsonl is protected (the audit log): no policy grants reading it");
        assertDecision(decide(WRITE, audit), false, "protected",
                "/home/u/proj/agentguard-audit.jsonl is protected (the audit log): no policy grants writing it");
    }

    @Test
    void thePolicyFileCanBeReadButNotWritten() {
        assertDecision(decide(READ, WORK + "/policy.yaml"), true, "files.read[0]", "granted by files.read[0] '${workdir}/**'");
        FileRules writeAll = new FileRules(List.of(), rules("write", "/**"), List.of(), List.of(), List.of(), protectedPaths());
        assertDecision(writeAll.decide(WRITE, WORK + "/policy.yaml", WORK + "/policy.yaml"), false, "protected",
                "/home/u/proj/policy.yaml is protected (the policy file): no policy grants writing it");
        assertDecision(writeAll.decide(WRITE, WORK + "/other.yaml", WORK + "/other.yaml"), true, "files.write[0]",
                "granted by files.write[0] '/**'");
    }

    @Test
    void procEnvironAndMemAreProtectedWhateverThePolicySays() {
        FileRules all = new FileRules(rules("read", "/**"), rules("write", "/**"), List.of(), List.of(), List.of(),
                protectedPaths());
        assertDecision(all.decide(READ, "/proc/self/environ", "/proc/4242/environ"), false, "protected",
                "/proc/self/environ is protected (a process environment): no policy grants reading it");
        assertDecision(all.decide(WRITE, "/proc/1/mem", "/proc/1/mem"), false, "protected",
                "/proc/1/mem is protected (process memory): no policy grants writing it");
        assertThat(all.decide(READ, "/proc/self/status", "/proc/4242/status").allowed()).isTrue();
    }

    @Test
    void aLinkToAProtectedFileIsCaught() {
        assertDecision(RULES.decide(READ, WORK + "/log", WORK + "/agentguard-audit.jsonl"), false, "protected",
                "/home/u/proj/log resolves through a symbolic link to /home/u/proj/agentguard-audit.jsonl, which is"
                        + " protected (the audit log): no policy grants reading it");
    }

    @Test
    void protectionCoversThePathItselfNotItsChildren() {
        FileRules all = new FileRules(List.of(), rules("write", "/**"), List.of(), List.of(), List.of(), protectedPaths());
        assertThat(all.decide(WRITE, "/run/agentguard", "/run/agentguard").rule()).isEqualTo("protected");
        assertThat(all.decide(WRITE, "/run/agentguard/other", "/run/agentguard/other").allowed()).isTrue();
    }

    @Test
    void protectionComesBeforeDeny() {
        FileRules r = new FileRules(List.of(), List.of(), rules("deny", "**/*.jsonl"), List.of(), List.of(),
                protectedPaths());
        String audit = WORK + "/agentguard-audit.jsonl";
        assertThat(r.decide(READ, audit, audit).rule()).isEqualTo("protected");
    }

    @Test
    void accessors() {
        assertThat(RULES.readRules()).extracting(PathRule::id).containsExactly("files.read[0]", "files.read[1]");
        assertThat(RULES.writeRules()).extracting(PathRule::written).containsExactly("${workdir}/out/**", "/srv/drop/**");
        assertThat(RULES.denyRules()).hasSize(3);
        assertThat(RULES.baseline(WRITE)).extracting(PathGlob::pattern).containsExactly("/dev/null");
        assertThat(RULES.protectedPaths()).hasSize(5);
    }

    // --- with the real filesystem -------------------------------------------------------------------

    @TempDir
    Path tmp;

    @Test
    void aSymlinkEscapeOnDiskIsDeniedThroughBothForms() throws IOException, PatternException {
        String root = tmp.toRealPath().toString();
        String work = root + "/work";
        Path secretDir = Files.createDirectories(Path.of(root, "elsewhere"));
        Files.writeString(secretDir.resolve("data"), "x");
        Files.createDirectories(Path.of(work));
        Files.createSymbolicLink(Path.of(work, "out"), secretDir);
        Files.createSymbolicLink(Path.of(work, "dangling"), Path.of("../elsewhere/created"));
        FileRules r = new FileRules(
                List.of(PathRule.compile("files.read[0]", "${workdir}/**", work + "/**")),
                List.of(PathRule.compile("files.write[0]", "${workdir}/**", work + "/**")),
                List.of(), List.of(), List.of(), List.of());

        String given = PathForms.givenForm("out/data", work);
        String real = PathForms.realForm("out/data", work);
        assertDecision(r.decide(READ, given, real), false, "default-deny",
                work + "/out/data resolves through a symbolic link to " + root + "/elsewhere/data, which no files.read"
                        + " rule grants; reads are granted under: ${workdir}/**");

        String danglingReal = PathForms.realForm("dangling", work);
        assertDecision(r.decide(WRITE, PathForms.givenForm("dangling", work), danglingReal), false, "default-deny",
                work + "/dangling resolves through a symbolic link to " + root + "/elsewhere/created, which no"
                        + " files.write rule grants; writes are granted under: ${workdir}/**");

        // out/.. is the parent of 'elsewhere' for the kernel, not the work dir
        assertDecision(r.decide(READ, PathForms.givenForm("out/../elsewhere/data", work),
                        PathForms.realForm("out/../elsewhere/data", work)), false, "default-deny",
                work + "/elsewhere/data resolves through a symbolic link to " + root + "/elsewhere/data, which no"
                        + " files.read rule grants; reads are granted under: ${workdir}/**");
        assertThat(r.decide(WRITE, PathForms.givenForm("new/file", work), PathForms.realForm("new/file", work))
                .allowed()).isTrue();
    }
}
