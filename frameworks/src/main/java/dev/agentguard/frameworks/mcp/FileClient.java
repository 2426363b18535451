package dev.agentguard.frameworks.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The MCP SDK's own client, in a JVM of its own, as an MCP host runs it: starts the server with the command
 * line after {@code --} (over stdio, in this JVM's working directory), initializes, lists the tools and
 * calls {@code read_file} for each path before {@code --}, printing {@code tool PATH -> [error] TEXT}.
 * Usage: {@code FileClient PATH... -- java -javaagent:... -cp ... FileServer}.
 */
public final class FileClient {
    private FileClient() {}

    public static void main(String[] args) {
        int dashes = Arrays.asList(args).indexOf("--");
        List<String> paths = Arrays.asList(args).subList(0, dashes);
        List<String> server = new ArrayList<>(Arrays.asList(args).subList(dashes + 1, args.length));
        ServerParameters parameters = ServerParameters.builder(server.get(0)).args(server.subList(1, server.size()))
                .build();
        StdioClientTransport transport = new StdioClientTransport(parameters,
                new JacksonMcpJsonMapper(new ObjectMapper()));
        transport.setStdErrorHandler(line -> System.out.println("server stderr: " + line));
        try (McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(60))
                .initializationTimeout(Duration.ofSeconds(60)).build()) {
            client.initialize();
            System.out.println("tools: " + client.listTools().tools().stream().map(McpSchema.Tool::name).toList());
            for (String path : paths) {
                McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest("read_file",
                        Map.of("path", path)));
                String text = ((McpSchema.TextContent) result.content().get(0)).text();
                System.out.println("tool " + path + " -> " + (Boolean.TRUE.equals(result.isError()) ? "[error] " : "")
                        + text.replace('\n', ' '));
            }
            client.closeGracefully();
        }
    }
}
