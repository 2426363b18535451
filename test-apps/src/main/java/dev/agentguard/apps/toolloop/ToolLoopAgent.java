package dev.agentguard.apps.toolloop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A plain tool-loop agent with no framework: it replays a scripted "model" conversation (a JSON file of
 * tool calls) and executes each tool with ordinary JDK APIs, the way home-grown agents do. It prints a
 * short account of what was allowed and what was denied.
 *
 * <p>Arguments: none or {@code demo} (the built-in task with a prompt-injected part), {@code task} (the
 * same task without it: what to audit before writing a policy), or a script file.
 *
 * <p>Script format: {@code {"task": "...", "steps": [{"say": "..."}, {"tool": "read_file", "args": {...}}]}}.
 * Tools: read_file(path), write_file(path, content), list_dir(path), run_command(argv),
 * http_get(url), get_env(name).
 */
public final class ToolLoopAgent {
    private final Tools tools;
    private final PrintStream out;

    ToolLoopAgent(Tools tools, PrintStream out) {
        this.tools = tools;
        this.out = out;
    }

    public static void main(String[] args) throws IOException {
        JsonNode script;
        String builtIn = args.length == 0 ? "demo" : args[0];
        if (builtIn.equals("demo") || builtIn.equals("task")) {
            try (var in = ToolLoopAgent.class.getResourceAsStream(builtIn + "-script.json")) {
                script = new ObjectMapper().readTree(in);
            }
        } else {
            script = new ObjectMapper().readTree(Files.readString(Path.of(args[0])));
        }
        List<ToolResult> results = new ToolLoopAgent(new Tools(), System.out).run(script);
        long denied = results.stream().filter(ToolResult::denied).count();
        System.out.println();
        System.out.println("summary: " + (results.size() - denied) + " tool call(s) done, " + denied + " denied by the guard");
    }

    List<ToolResult> run(JsonNode script) {
        out.println("task: " + script.path("task").asText("(none)"));
        List<ToolResult> results = new ArrayList<>();
        for (JsonNode step : script.path("steps")) {
            if (step.has("say")) {
                out.println("model: " + step.get("say").asText());
                continue;
            }
            String tool = step.path("tool").asText();
            ToolResult result = tools.call(tool, step.path("args"));
            results.add(result);
            out.println(result.line());
        }
        return results;
    }
}
