package dev.agentguard.frameworks.springai;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.ai.tool.annotation.Tool;
import org.springframework.ai.tool.annotation.ToolParam;

/**
 * The agent's tool: reads a text file, relative to the working directory, {@code ~/} meaning the home
 * directory. An error (the guard's denial among them) is returned to the model as the tool's result, the way
 * agent tools usually report failures.
 */
public class FileTools {
    @Tool(name = "read_file", description = "Read a text file and return its content")
    public String readFile(@ToolParam(description = "the file's path") String path) {
        String expanded = path.startsWith("~/") ? System.getProperty("user.home") + path.substring(1) : path;
        try {
            return Files.readString(Path.of(expanded));
        } catch (IOException | SecurityException e) {
            return "error: " + e.getMessage();
        }
    }
}
