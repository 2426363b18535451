package dev.agentguard.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 13, item 4, "Done when": a second thread swaps a directory by two renames the policy allows, while
 * the program opens a path under it thousands of times, by java.io and NIO, to read, write and create; and
 * the same with the file itself swapped for a planted link to the outside file (reads and writes). The
 * guard decides reads on the descriptor the kernel opened and pins writes to the folder it decided, so no
 * attempt wins: checked from outside, the canary never reaches the program, the outside file is unchanged,
 * and nothing is created next to it. Every loop is bounded by a count and a time cap.
 *
 * <p>Audit mode lets every access through by design; a race there means the access reached the outside
 * folder, and the guard's duty is to have recorded it: whenever the outside was read, written or created in,
 * the audit log holds a {@code would_deny} record of that open naming the outside path.
 */
class SwapRaceTest {
    private static final List<String> KINDS = List.of("read-io", "read-nio", "write-io", "write-nio", "create-io",
            "create-nio", "leaf-read-io", "leaf-read-nio", "leaf-write-io", "leaf-write-nio");

    @TempDir
    Path tmp;

    static int[] jdks() {
        return Jdks.REQUIRED;
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("jdks")
    void noSwapWinsInEnforceMode(int jdk) throws Exception {
        World world = World.create(tmp, "enforce");
        ChildJvm.Result result = world.race(jdk, 3000, 5000);

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout()).as(result.toString()).doesNotContain(world.canary).doesNotContain("LEAKED")
                .doesNotContain("SWAPPER");
        for (String kind : KINDS) {
            Race race = Race.of(result, kind);
            assertThat(race.attempts).as(kind + "\n" + result).isGreaterThan(0);
            assertThat(race.swaps).as("the swapper ran during " + kind + "\n" + result).isGreaterThan(0);
            assertThat(race.denied).as("some attempts met the swapped folder: " + kind + "\n" + result)
                    .isGreaterThan(0);
        }
        world.assertOutsideUntouched(result);
    }

    @ParameterizedTest(name = "JDK {0}")
    @MethodSource("jdks")
    void everyRaceWonInAuditModeIsRecordedAsWouldDeny(int jdk) throws Exception {
        World world = World.create(tmp, "audit");
        ChildJvm.Result result = world.race(jdk, 400, 2000);

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout()).as(result.toString()).doesNotContain("SWAPPER");
        AuditLogFile audit = AuditLogFile.read(world.audit);
        String outsideFile = world.outside.resolve("file").toString();
        boolean readOutside = result.lines().stream().anyMatch(l -> l.startsWith("LEAKED "));
        if (readOutside) {
            assertThat(audit.where("would_deny", "file")).as("reads of the outside file recorded\n" + result)
                    .anyMatch(r -> r.path("op").asText().equals("open") && r.toString().contains(outsideFile));
        }
        boolean written = !Files.readString(world.outside.resolve("file")).equals(world.canary);
        boolean created;
        try (Stream<Path> entries = Files.list(world.outside)) {
            created = entries.count() > 1;
        }
        if (written || created) {
            assertThat(audit.where("would_deny", "file")).as("writes in the outside folder recorded\n" + result)
                    .anyMatch(r -> r.path("op").asText().equals("open-write")
                            && r.toString().contains(world.outside.toString()));
        }
    }

    /** The result line of one race. */
    private static final class Race {
        long attempts;
        long denied;
        long swaps;

        static Race of(ChildJvm.Result result, String kind) {
            String line = result.lines().stream().filter(l -> l.startsWith("RESULT " + kind + " ")).findFirst()
                    .orElseThrow(() -> new AssertionError("no result for " + kind + "\n" + result));
            Race race = new Race();
            for (String part : line.split(" ")) {
                if (part.startsWith("attempts=")) {
                    race.attempts = Long.parseLong(part.substring(9));
                } else if (part.startsWith("denied=")) {
                    race.denied = Long.parseLong(part.substring(7));
                } else if (part.startsWith("swaps=")) {
                    race.swaps = Long.parseLong(part.substring(6));
                }
            }
            return race;
        }
    }

    /**
     * work/out/d/file (harmless), work/out/alt: a link planted to the outside folder, which holds file (the
     * canary). Read is granted in work, write in work/out; the outside is granted nothing.
     */
    private static final class World {
        final Path root;
        final Path out;
        final Path outside;
        final Path audit;
        final Path policy;
        final String canary = "swap-race-canary-" + System.nanoTime();

        private World(Path root, String mode) throws Exception {
            this.root = root;
            Path work = Files.createDirectories(root.resolve("work"));
            out = Files.createDirectories(work.resolve("out"));
            Files.writeString(Files.createDirectories(out.resolve("d")).resolve("file"), "harmless");
            outside = Files.createDirectories(root.resolve("outside"));
            Files.writeString(outside.resolve("file"), canary);
            Files.createSymbolicLink(out.resolve("alt"), outside);
            // The leaf races swap the file itself for a planted link to the outside file.
            Files.writeString(out.resolve("leaf"), "harmless");
            Files.createSymbolicLink(out.resolve("leaflink"), outside.resolve("file"));
            audit = root.resolve("audit.jsonl");
            policy = root.resolve("policy.yaml");
            Files.writeString(policy, String.join("\n",
                    "version: 1",
                    "mode: " + mode,
                    "audit: {file: " + audit + "}",
                    "files:",
                    "  read: [\"" + work + "/**\"]",
                    "  write: [\"" + out + "/**\"]",
                    ""));
        }

        static World create(Path tmp, String mode) throws Exception {
            return new World(tmp.toRealPath(), mode);
        }

        ChildJvm.Result race(int jdk, int attempts, int millis) throws Exception {
            List<String> args = new ArrayList<>(List.of(out.toString(), Integer.toString(attempts),
                    Integer.toString(millis)));
            args.addAll(KINDS);
            return ChildJvm.on(jdk).agent(policy.toString()).workdir(root.resolve("work")).timeout(120)
                    .run("dev.agentguard.apps.attacks.SwapRaceAttack", args.toArray(new String[0]));
        }

        void assertOutsideUntouched(ChildJvm.Result result) throws Exception {
            assertThat(Files.readString(outside.resolve("file"))).as("the outside file\n" + result).isEqualTo(canary);
            try (Stream<Path> entries = Files.list(outside)) {
                assertThat(entries.map(p -> p.getFileName().toString()).toList())
                        .as("nothing created outside\n" + result).containsExactly("file");
            }
        }
    }
}
