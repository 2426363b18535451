package dev.agentguard.apps.budget;

import java.nio.file.Path;
import java.util.List;

/**
 * Starts PIPELINES two-stage pipelines ({@code touch DIR/pipe-N-a | touch DIR/pipe-N-b}), then one single
 * process ({@code touch DIR/single}); prints which were allowed. The parent counts the marker files: the
 * children that really ran, so a pipeline that started only its first stage shows.
 */
public final class PipelineLoop {
    private PipelineLoop() {}

    public static void main(String[] args) throws Exception {
        int pipelines = Integer.parseInt(args[0]);
        Path dir = Path.of(args[1]);
        for (int i = 0; i < pipelines; i++) {
            try {
                List<Process> stages = ProcessBuilder.startPipeline(List.of(
                        new ProcessBuilder("touch", dir.resolve("pipe-" + i + "-a").toString()),
                        new ProcessBuilder("touch", dir.resolve("pipe-" + i + "-b").toString())));
                for (Process stage : stages) {
                    stage.waitFor();
                }
                System.out.println("PIPELINE " + i + " started");
            } catch (SecurityException e) {
                System.out.println("PIPELINE " + i + " denied: " + e.getMessage());
            }
        }
        try {
            new ProcessBuilder("touch", dir.resolve("single").toString()).start().waitFor();
            System.out.println("SINGLE started");
        } catch (SecurityException e) {
            System.out.println("SINGLE denied: " + e.getMessage());
        }
    }
}
