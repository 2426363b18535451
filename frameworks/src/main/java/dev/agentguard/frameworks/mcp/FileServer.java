package dev.agentguard.frameworks.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * An MCP server on the official MCP Java SDK, over stdio: one tool, {@code read_file}, that returns a text
 * file's content (relative to the working directory, {@code ~/} meaning the home directory), or the error as
 * an error result. It runs until its client closes standard input.
 */
public final class FileServer {
    private FileServer() {}

    public static void main(String[] args) throws InterruptedException {
        // Standard output is the protocol: Logback (on the class path for the Spring agent) logs to stderr.
        System.setProperty("logback.configurationFile", "mcp-server-logback.xml");
        McpJsonMapper json = new JacksonMcpJsonMapper(new ObjectMapper());
        McpSchema.Tool tool = McpSchema.Tool.builder().name("read_file").description("Read a text file")
                .inputSchema(Map.of("type", "object", "properties", Map.of("path", Map.of("type", "string")),
                        "required", List.of("path")))
                .build();
        McpSyncServer server = McpServer.sync(new StdioServerTransportProvider(json))
                .serverInfo("agentguard-files", "1.0")
                .capabilities(McpSchema.ServerCapabilities.builder().tools(true).build())
                .toolCall(tool, (exchange, request) -> read(String.valueOf(request.arguments().get("path"))))
                .build();
        // The transport reads standard input on its own threads; stay until the client goes away.
        Runtime.getRuntime().addShutdownHook(new Thread(server::closeGracefully, "mcp-server-close"));
        Thread.currentThread().join();
    }

    private static McpSchema.CallToolResult read(String path) {
        String expanded = path.startsWith("~/") ? System.getProperty("user.home") + path.substring(1) : path;
        try {
            return McpSchema.CallToolResult.builder().addTextContent(Files.readString(Path.of(expanded))).build();
        } catch (IOException | SecurityException e) {
            return McpSchema.CallToolResult.builder().addTextContent("error: " + e.getMessage()).isError(true).build();
        }
    }
}
