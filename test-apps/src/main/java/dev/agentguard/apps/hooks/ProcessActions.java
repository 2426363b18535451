package dev.agentguard.apps.hooks;

import java.util.List;
import java.util.Map;

/** Actions for the process hooks: each child leaves a marker file, so the parent can see whether it ran. */
final class ProcessActions {
    private ProcessActions() {}

    static void register(Map<String, HookActions.Spec> actions) {
        actions.put("java.lang.ProcessImpl#start([Ljava/lang/String;Ljava/util/Map;Ljava/lang/String;"
                + "[Ljava/lang/ProcessBuilder$Redirect;Z)", new HookActions.Spec("process", "exec-marker", s -> {
            Process p = Runtime.getRuntime().exec(new String[] {"touch", s.file("exec-marker").toString()});
            return "child exited " + p.waitFor();
        }));
        actions.put("java.lang.ProcessBuilder#startPipeline(Ljava/util/List;)", new HookActions.Spec("process", "pipe-marker", s -> {
            List<Process> ps = ProcessBuilder.startPipeline(List.of(
                    new ProcessBuilder("touch", s.file("pipe-marker").toString()),
                    new ProcessBuilder("true")));
            for (Process p : ps) {
                p.waitFor();
            }
            return "pipeline of " + ps.size() + " ran";
        }));
    }
}
