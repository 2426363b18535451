package dev.agentguard.apps.toolloop;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The six tools, written the way an agent author would: plain JDK calls, no guard awareness. */
final class Tools {
    ToolResult call(String tool, JsonNode args) {
        String argument = args.isObject() && args.size() == 1 ? args.elements().next().toString() : args.toString();
        try {
            switch (tool) {
                case "read_file":
                    return ToolResult.ok(tool, argument, Files.readString(path(args.path("path").asText())));
                case "write_file":
                    Path target = path(args.path("path").asText());
                    Files.writeString(target, args.path("content").asText());
                    return ToolResult.ok(tool, argument, "wrote " + target);
                case "list_dir":
                    String[] names = new File(args.path("path").asText(".")).list();
                    return ToolResult.ok(tool, argument, names == null ? "(not a directory)" : String.join(", ", names));
                case "run_command":
                    return ToolResult.ok(tool, argument, run(args.path("argv")));
                case "http_get":
                    URL url = URI.create(args.path("url").asText()).toURL();
                    try (InputStream in = url.openStream()) {
                        return ToolResult.ok(tool, argument, new String(in.readAllBytes(), StandardCharsets.UTF_8));
                    }
                case "get_env":
                    String value = System.getenv(args.path("name").asText());
                    return ToolResult.ok(tool, argument, value == null ? "(not set)" : "(set, " + value.length() + " chars)");
                default:
                    return ToolResult.ok(tool, argument, "unknown tool");
            }
        } catch (Exception | Error e) {
            return ToolResult.failed(tool, argument, e);
        }
    }

    private static Path path(String text) {
        return Path.of(text.startsWith("~/") ? System.getProperty("user.home") + text.substring(1) : text);
    }

    private static String run(JsonNode argv) throws Exception {
        List<String> command = new ArrayList<>();
        argv.forEach(a -> command.add(a.asText()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = p.getInputStream().readAllBytes();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        return "exit " + p.exitValue() + ": " + new String(output, StandardCharsets.UTF_8).trim();
    }
}
