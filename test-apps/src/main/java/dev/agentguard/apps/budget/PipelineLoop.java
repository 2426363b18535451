package dev.agentguard.apps.budget;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Process pipelines under a {@code process.exec} rate budget; each child is {@code touch DIR/<marker>}, so the
 * parent counts the children that really ran. Usage: {@code PipelineLoop <mode> <dir>}:
 * <ul>
 *   <li>{@code three}: three two-stage pipelines ({@code pipe-N-a | pipe-N-b}), then one single start;
 *   <li>{@code nested}: a two-stage pipeline ({@code outer-a | outer-b}) whose builder list starts a second
 *       two-stage pipeline ({@code inner-a | inner-b}) while the JDK is between the outer stages, then two
 *       single starts ({@code single-1}, {@code single-2});
 *   <li>{@code failed}: a pipeline whose second stage the JDK refuses after the first started (its input is
 *       not a pipe), then four single starts with the refused stage's own argv ({@code touch DIR/again}).
 * </ul>
 * Prints one line per attempt: {@code <what> started} or {@code <what> denied: <message>}.
 */
public final class PipelineLoop {
    private PipelineLoop() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[1]);
        switch (args[0]) {
            case "three":
                for (int i = 0; i < 3; i++) {
                    pipeline("PIPELINE " + i, List.of(touch(dir, "pipe-" + i + "-a"), touch(dir, "pipe-" + i + "-b")));
                }
                single("SINGLE", dir, "single");
                break;
            case "nested":
                List<ProcessBuilder> outer = new ArrayList<>(List.of(touch(dir, "outer-a"), touch(dir, "outer-b"))) {
                    private int reads;

                    @Override
                    public ProcessBuilder get(int index) {
                        // The guard reads each stage once before the pipeline; the JDK reads them again while
                        // it starts them. Between outer-a and outer-b, start another pipeline.
                        if (index == 1 && ++reads == 2) {
                            pipeline("INNER", List.of(touch(dir, "inner-a"), touch(dir, "inner-b")));
                        }
                        return super.get(index);
                    }
                };
                pipeline("OUTER", outer);
                single("SINGLE-1", dir, "single-1");
                single("SINGLE-2", dir, "single-2");
                break;
            case "failed":
                ProcessBuilder refused = touch(dir, "again").redirectInput(ProcessBuilder.Redirect.INHERIT);
                pipeline("FAILED", List.of(touch(dir, "first"), refused));
                for (int i = 1; i <= 4; i++) {
                    single("AGAIN-" + i, dir, "again");
                }
                break;
            default:
                throw new IllegalArgumentException("mode: three, nested or failed");
        }
    }

    private static ProcessBuilder touch(Path dir, String marker) {
        return new ProcessBuilder("touch", dir.resolve(marker).toString());
    }

    private static void pipeline(String what, List<ProcessBuilder> stages) {
        try {
            for (Process stage : ProcessBuilder.startPipeline(stages)) {
                stage.waitFor();
            }
            System.out.println(what + " started");
        } catch (SecurityException e) {
            System.out.println(what + " denied: " + e.getMessage());
        } catch (Exception e) {
            System.out.println(what + " failed: " + e);
        }
    }

    private static void single(String what, Path dir, String marker) {
        try {
            touch(dir, marker).start().waitFor();
            System.out.println(what + " started");
        } catch (SecurityException e) {
            System.out.println(what + " denied: " + e.getMessage());
        } catch (Exception e) {
            System.out.println(what + " failed: " + e);
        }
    }
}
