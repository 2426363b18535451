package dev.agentguard.agent.suggest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.agentguard.policy.Policy;
import dev.agentguard.policy.PolicyContext;
import dev.agentguard.policy.load.PolicyException;
import dev.agentguard.policy.load.PolicyLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code --base} policy: compiled (it must be valid, and it answers "is this already granted or
 * denied?") and as written, so that its entries, variables and settings are carried into the suggestion
 * in the user's own words.
 */
final class BasePolicy {
    private final Policy compiled;
    private final JsonNode written;

    private BasePolicy(Policy compiled, JsonNode written) {
        this.compiled = compiled;
        this.written = written;
    }

    static BasePolicy load(Path file, PolicyContext context) throws PolicyException, IOException {
        Policy compiled = PolicyLoader.load(file, context);
        JsonNode written = new ObjectMapper(new YAMLFactory())
                .readTree(Files.readString(file, StandardCharsets.UTF_8));
        return new BasePolicy(compiled, written);
    }

    Policy compiled() {
        return compiled;
    }

    /** A top-level section as written ({@code vars}, {@code budgets}, ...), or null when absent. */
    JsonNode section(String name) {
        JsonNode node = written.get(name);
        return node == null || node.isNull() ? null : node;
    }

    /** The strings of the list at {@code section.key} ({@code files.read}), as written. */
    List<String> strings(String section, String key) {
        List<String> out = new ArrayList<>();
        JsonNode list = written.path(section).path(key);
        for (JsonNode item : list) {
            out.add(item.asText());
        }
        return out;
    }

    /** The argv patterns at {@code process.KEY}, as written. */
    List<List<String>> argvs(String key) {
        List<List<String>> out = new ArrayList<>();
        for (JsonNode pattern : written.path("process").path(key)) {
            List<String> argv = new ArrayList<>();
            for (JsonNode element : pattern) {
                argv.add(element.asText());
            }
            out.add(argv);
        }
        return out;
    }

    /** {@code process.env.strip}, as written. */
    List<String> strip() {
        List<String> out = new ArrayList<>();
        for (JsonNode item : written.path("process").path("env").path("strip")) {
            out.add(item.asText());
        }
        return out;
    }
}
