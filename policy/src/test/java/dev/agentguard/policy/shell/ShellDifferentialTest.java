package dev.agentguard.policy.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The parser against the real shells: every script of the corpus that the guard allows is run by dash and
 * by bash, with fake programs that record their argv, and every program start the shell really made must
 * be one the guard decided and allowed, with the same arguments. A quoting or splitting rule that the
 * parser got wrong shows up here as an argv the guard never saw.
 */
class ShellDifferentialTest {
    private static final String[] SHELLS = {"/bin/dash", "/bin/bash"};

    @BeforeAll
    static void layOut() throws Exception {
        ShellCorpusTest.layOut();
    }

    /** Program starts the real shells made, over all scripts: proves the comparison saw something. */
    private static final AtomicInteger SEEN = new AtomicInteger();

    @AfterAll
    static void cleanUp() throws Exception {
        ShellCorpusTest.cleanUp();
        assertThat(SEEN.get()).as("program starts recorded by the fake programs").isGreaterThan(150);
    }

    @TestFactory
    Stream<DynamicTest> whatTheShellRunsWasDecidedAndAllowed() throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        for (ShellCorpusTest.Case c : ShellCorpusTest.cases()) {
            if (!c.expected().equals("allow")) {
                continue;
            }
            for (String shell : SHELLS) {
                if (!new File(shell).canExecute()) {
                    continue;
                }
                tests.add(DynamicTest.dynamicTest(shell + " line " + c.line() + ": " + c.script(),
                        () -> check(shell, c.script())));
            }
        }
        assertThat(tests).hasSizeGreaterThan(100);
        return tests.stream();
    }

    private static void check(String shell, String script) throws Exception {
        ShellVerdict verdict = ShellCorpusTest.policy.decideStart(List.of("sh", "-c", script));
        assertThat(verdict.decision().allowed()).isTrue();
        Set<List<String>> decided = new HashSet<>();
        for (ShellPart part : verdict.parts()) {
            if (part.argv() != null && part.decision().allowed()) {
                List<String> argv = new ArrayList<>(part.argv());
                argv.set(0, argv.get(0).substring(argv.get(0).lastIndexOf('/') + 1));
                decided.add(argv);
            }
        }
        Path work = ShellCorpusTest.root.resolve("work");
        Path log = Files.createTempDirectory(ShellCorpusTest.root, "log");
        ProcessBuilder pb = new ProcessBuilder(shell, "-c", script).directory(work.toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().clear();
        pb.environment().put("PATH", ShellCorpusTest.root.resolve("bin") + ":/bin");
        pb.environment().put("HOME", ShellCorpusTest.root.resolve("home").toString());
        pb.environment().put("CORPUS_LOG", log.toString());
        Process p = pb.start();
        p.getOutputStream().close();
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        List<Path> records;
        try (Stream<Path> files = Files.list(log)) {
            records = files.toList();
        }
        for (Path record : records) {
            String text = Files.readString(record);
            if (text.isEmpty()) {
                continue; // a background start that has made its file but not written it yet
            }
            List<String> argv = Arrays.asList(text.split("\037", -1));
            argv = argv.subList(0, argv.size() - 1);
            assertThat(decided).as("argvs the guard decided and allowed").contains(argv);
            SEEN.incrementAndGet();
        }
    }
}
