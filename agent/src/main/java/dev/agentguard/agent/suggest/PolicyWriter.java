package dev.agentguard.agent.suggest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;

/**
 * Writes a {@link SuggestedPolicy} as policy YAML (POLICY.md section 2). Every string is written as a
 * double-quoted scalar (JSON string syntax, which YAML reads the same), so no path, argument or name can
 * change the document's structure. Copied base sections are written in JSON flow style for the same reason.
 */
final class PolicyWriter {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final StringBuilder out = new StringBuilder(4096);

    static String write(SuggestedPolicy p) {
        return new PolicyWriter().render(p);
    }

    private String render(SuggestedPolicy p) {
        for (String line : p.header) {
            out.append("# ").append(line).append('\n');
        }
        for (String line : p.notes) {
            out.append("# ").append(line.replace('\n', ' ').replace('\r', ' ')).append('\n');
        }
        out.append("version: 1\n");
        out.append("mode: enforce\n");
        for (Map.Entry<String, JsonNode> e : p.copied.entrySet()) {
            out.append(e.getKey()).append(": ").append(flow(e.getValue())).append('\n');
        }
        out.append("files:\n");
        list("  ", "read", p.fileRead);
        list("  ", "write", p.fileWrite);
        list("  ", "deny", p.fileDeny);
        if (!p.exec.isEmpty() || !p.execDeny.isEmpty() || !p.strip.isEmpty() || !p.envPass.isEmpty()) {
            out.append("process:\n");
            argvs("exec", p.exec);
            argvs("deny", p.execDeny);
            if (!p.strip.isEmpty() || !p.envPass.isEmpty()) {
                out.append("  env:\n");
                if (!p.strip.isEmpty()) {
                    list("    ", "strip", p.strip);
                }
                if (!p.envPass.isEmpty()) {
                    list("    ", "pass", p.envPass);
                }
            }
        }
        if (!p.connect.isEmpty() || !p.listen.isEmpty() || !p.resolve.isEmpty() || !p.networkDeny.isEmpty()) {
            out.append("network:\n");
            list("  ", "connect", p.connect);
            list("  ", "listen", p.listen);
            list("  ", "resolve", p.resolve);
            list("  ", "deny", p.networkDeny);
        }
        out.append("env:\n");
        list("  ", "read", p.envRead);
        out.append("native:\n");
        list("  ", "load", p.nativeLoad);
        if (!p.notGranted.isEmpty()) {
            out.append("\n# Denied in the audited run, not granted (review; grant by hand only what the program needs):\n");
            for (String line : p.notGranted) {
                out.append("#   ").append(line.replace('\n', ' ').replace('\r', ' ')).append('\n');
            }
        }
        return out.toString();
    }

    private void list(String indent, String key, List<String> values) {
        if (values.isEmpty()) {
            out.append(indent).append(key).append(": []\n");
            return;
        }
        out.append(indent).append(key).append(":\n");
        for (String value : values) {
            out.append(indent).append("  - ").append(quote(value)).append('\n');
        }
    }

    private void argvs(String key, List<List<String>> patterns) {
        if (patterns.isEmpty()) {
            return;
        }
        out.append("  ").append(key).append(":\n");
        for (List<String> argv : patterns) {
            out.append("    - [");
            for (int i = 0; i < argv.size(); i++) {
                out.append(i == 0 ? "" : ", ").append(quote(argv.get(i)));
            }
            out.append("]\n");
        }
    }

    /** A JSON string literal: YAML's double-quoted scalar with the same escapes. */
    static String quote(String value) {
        StringBuilder sb = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f) || c == 0x2028 || c == 0x2029
                    || c == 0xfeff) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }

    private static String flow(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a section of the base policy: " + e.getMessage(), e);
        }
    }
}
