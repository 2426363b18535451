package dev.agentguard.apps.langchain4j;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The agent's tools, written the way a LangChain4j user writes them: plain JDK calls, no guard awareness,
 * no input checks. A failure is thrown; LangChain4j hands its message to the model as the tool result.
 */
public final class AgentTools {
    private static final int HTTP_TIMEOUT_MS = 5_000;
    private static final long COMMAND_TIMEOUT_S = 20;

    @Tool(name = "read_file", value = "Reads a UTF-8 text file and returns its content")
    public String readFile(@P(name = "path", value = "file path; ~/ is the home directory") String path)
            throws IOException {
        return Files.readString(path(path));
    }

    @Tool(name = "write_file", value = "Writes text to a file, replacing what it held")
    public String writeFile(@P(name = "path", value = "file path") String path,
            @P(name = "content", value = "the text to write") String content) throws IOException {
        Path target = path(path);
        Files.writeString(target, content);
        return "wrote " + content.length() + " characters to " + target;
    }

    @Tool(name = "list_dir", value = "Lists the names in a directory")
    public String listDir(@P(name = "path", value = "directory path") String path) throws IOException {
        String[] names = path(path).toFile().list();
        if (names == null) {
            throw new IOException("not a readable directory: " + path);
        }
        return String.join("\n", names);
    }

    @Tool(name = "run_command", value = "Runs a program and returns its exit status and output")
    public String runCommand(@P(name = "argv", value = "the program and its arguments") List<String> argv)
            throws IOException, InterruptedException {
        Process process = new ProcessBuilder(argv).redirectErrorStream(true).start();
        // The child's output is read on this thread; the wait below bounds a child that keeps it open.
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(COMMAND_TIMEOUT_S, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("command timed out: " + argv);
        }
        return "exit " + process.exitValue() + "\n" + new String(output, StandardCharsets.UTF_8);
    }

    @Tool(name = "http_get", value = "Fetches a URL with HTTP GET and returns the response body")
    public String httpGet(@P(name = "url", value = "the URL") String url) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
        connection.setConnectTimeout(HTTP_TIMEOUT_MS);
        connection.setReadTimeout(HTTP_TIMEOUT_MS);
        try (InputStream in = connection.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } finally {
            connection.disconnect();
        }
    }

    @Tool(name = "get_env", value = "Returns the value of an environment variable")
    public String getEnv(@P(name = "name", value = "the variable's name") String name) {
        String value = System.getenv(name);
        return value == null ? "(not set)" : value;
    }

    private static Path path(String text) {
        return text.startsWith("~/") ? new File(System.getProperty("user.home"), text.substring(2)).toPath()
                : Path.of(text);
    }
}
