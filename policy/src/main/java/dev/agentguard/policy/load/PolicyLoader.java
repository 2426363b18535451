package dev.agentguard.policy.load;

import dev.agentguard.policy.AuditSettings;
import dev.agentguard.policy.Mode;
import dev.agentguard.policy.PatternException;
import dev.agentguard.policy.Policy;
import dev.agentguard.policy.PolicyContext;
import dev.agentguard.policy.env.EnvNamePattern;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads a policy file strictly (POLICY.md sections 2-9) and compiles it into an immutable {@link Policy}.
 *
 * <p>Every problem is collected with its {@code file:line:col}; if there is any, loading fails with all of
 * them. There is no partial policy and no fallback.
 */
public final class PolicyLoader {
    static final List<String> TOP_LEVEL_KEYS = List.of(
            "version", "mode", "vars", "audit", "files", "process", "network", "env", "native", "budgets",
            "killswitch", "jvm");
    private static final String DEFAULT_AUDIT_FILE = "agentguard-audit.jsonl";

    private PolicyLoader() {}

    /** Loads the policy at {@code file}; problems name the file as it was given. */
    public static Policy load(Path file, PolicyContext context) throws PolicyException {
        return load(file, context, Overrides.NONE);
    }

    /** Loads the policy at {@code file} with the agent line's overrides applied. */
    public static Policy load(Path file, PolicyContext context, Overrides overrides) throws PolicyException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            Problems problems = new Problems(file.toString());
            problems.addWithoutPosition("cannot read the policy: " + describe(e));
            throw new PolicyException(problems.lines());
        }
        String absolute = file.toAbsolutePath().normalize().toString();
        return parse(file.toString(), absolute, text, context, overrides);
    }

    /**
     * Compiles policy text.
     *
     * @param displayName the name used in problem lines (as the user gave it)
     * @param policyPath  the absolute path of the file, protected from writes; null for the embedded policy
     */
    public static Policy parse(String displayName, String policyPath, String text, PolicyContext context,
                               Overrides overrides) throws PolicyException {
        return parse(displayName, policyPath, text, context, overrides, YAML);
    }

    /** Reads policy text into a tree, recording YAML problems; null when it is not YAML. */
    interface TreeReader {
        YamlNode read(Problems problems, String text);
    }

    /** A named class, not a lambda: a lambda's first call bootstraps invokedynamic at start. */
    private static final class EventReader implements TreeReader {
        @Override
        public YamlNode read(Problems problems, String text) {
            return new YamlReader(problems).read(text);
        }
    }

    private static final TreeReader YAML = new EventReader();

    /** Compiles policy text read by {@code reader}: the parity tests compile with the former reader too. */
    static Policy parse(String displayName, String policyPath, String text, PolicyContext context,
                        Overrides overrides, TreeReader reader) throws PolicyException {
        Problems problems = new Problems(displayName);
        YamlNode root = reader.read(problems, text);
        if (root == null) {
            throw new PolicyException(problems.lines());
        }
        Nodes nodes = new Nodes(problems);
        YamlNode.MapNode top = nodes.map(root, "", TOP_LEVEL_KEYS);
        if (top == null) {
            if (problems.isEmpty()) {
                problems.add(root, "the policy must be a map with at least 'version: 1'");
            }
            throw new PolicyException(problems.lines());
        }

        readVersion(top, nodes, problems);
        // The file's mode is read (and checked) even when the agent line overrides it.
        Mode fileMode = readMode(top, nodes);
        Mode mode = overrides.mode() != null ? overrides.mode() : fileMode;
        Vars vars = readVars(top, nodes, context);
        AuditSettings audit = readAudit(top, nodes, vars, context);
        if (overrides.auditFile() != null) {
            audit = audit.withFile(absolute(overrides.auditFile(), context));
        }
        String killswitch = readKillswitch(top, nodes, vars, context);

        SectionContext sections = new SectionContext(nodes, vars, context);
        Policy.Builder policy = Policy.builder()
                .source(displayName, policyPath, sha256(text))
                .mode(mode)
                .audit(audit)
                .killswitchFile(killswitch)
                .context(context);
        FilesSection.compile(Nodes.get(top, "files"), sections, policy, policyPath, audit, killswitch);
        List<EnvNamePattern> strip = ProcessSection.compile(Nodes.get(top, "process"), sections, policy);
        NetworkSection.compile(Nodes.get(top, "network"), sections, policy);
        EnvSection.compile(Nodes.get(top, "env"), sections, policy, strip);
        NativeSection.compile(Nodes.get(top, "native"), sections, policy);
        BudgetsSection.compile(Nodes.get(top, "budgets"), sections, policy);
        JvmSection.compile(Nodes.get(top, "jvm"), sections, policy);

        if (!problems.isEmpty()) {
            throw new PolicyException(problems.lines());
        }
        return policy.build();
    }

    private static void readVersion(YamlNode.MapNode top, Nodes nodes, Problems problems) {
        YamlNode version = Nodes.get(top, "version");
        if (Nodes.isAbsent(version)) {
            problems.add(top, "missing required key 'version' (write 'version: 1')");
            return;
        }
        YamlNode.ScalarNode scalar = nodes.string(version, "version", true);
        if (scalar != null && !scalar.text().equals("1")) {
            problems.add(version, "unsupported version '" + scalar.text() + "' (the only version is 1)");
        }
    }

    private static Mode readMode(YamlNode.MapNode top, Nodes nodes) {
        YamlNode.ScalarNode mode = nodes.string(Nodes.get(top, "mode"), "mode", false);
        if (mode == null) {
            return Mode.ENFORCE;
        }
        switch (mode.text()) {
            case "enforce": return Mode.ENFORCE;
            case "audit": return Mode.AUDIT;
            default:
                nodes.problem(mode, "unknown mode '" + mode.text() + "' (expected: enforce, audit)");
                return Mode.ENFORCE;
        }
    }

    private static Vars readVars(YamlNode.MapNode top, Nodes nodes, PolicyContext context) {
        Vars vars = new Vars(context);
        YamlNode.MapNode map = nodes.map(Nodes.get(top, "vars"), "vars", null);
        if (map != null) {
            for (YamlNode.Entry entry : map.entries().values()) {
                YamlNode.ScalarNode value = nodes.string(entry.value(), "vars." + entry.key(), false);
                if (value == null) {
                    if (Nodes.isAbsent(entry.value())) {
                        nodes.problem(entry.value(), "'vars." + entry.key() + "' has no value");
                    }
                    continue;
                }
                try {
                    vars.define(entry.key(), value.text());
                } catch (PatternException e) {
                    nodes.problem(value, e.getMessage());
                }
            }
        }
        return vars;
    }

    private static AuditSettings readAudit(YamlNode.MapNode top, Nodes nodes, Vars vars, PolicyContext context) {
        YamlNode.MapNode audit = nodes.map(Nodes.get(top, "audit"), "audit", List.of("file", "allowed", "message_grants", "console"));
        String file = DEFAULT_AUDIT_FILE;
        YamlNode.ScalarNode fileNode = nodes.string(Nodes.get(audit, "file"), "audit.file", false);
        if (fileNode != null) {
            try {
                file = vars.expand(fileNode.text());
            } catch (PatternException e) {
                nodes.problem(fileNode, e.getMessage());
            }
            if (file.isEmpty()) {
                nodes.problem(fileNode, "'audit.file' is empty");
            }
        }
        AuditSettings.Allowed allowed = AuditSettings.Allowed.FIRST;
        YamlNode.ScalarNode allowedNode = nodes.string(Nodes.get(audit, "allowed"), "audit.allowed", false);
        if (allowedNode != null) {
            switch (allowedNode.text()) {
                case "none":
                    allowed = AuditSettings.Allowed.NONE;
                    break;
                case "first":
                    allowed = AuditSettings.Allowed.FIRST;
                    break;
                case "all":
                    allowed = AuditSettings.Allowed.ALL;
                    break;
                default:
                    nodes.problem(allowedNode, "unknown value '" + allowedNode.text()
                            + "' for 'audit.allowed' (expected: none, first, all)");
            }
        }
        Boolean messageGrants = nodes.bool(Nodes.get(audit, "message_grants"), "audit.message_grants");
        AuditSettings.Console console = AuditSettings.Console.NONE;
        YamlNode.ScalarNode consoleNode = nodes.string(Nodes.get(audit, "console"), "audit.console", false);
        if (consoleNode != null) {
            switch (consoleNode.text()) {
                case "none" -> console = AuditSettings.Console.NONE;
                case "denials" -> console = AuditSettings.Console.DENIALS;
                default -> nodes.problem(consoleNode, "unknown value '" + consoleNode.text()
                        + "' for 'audit.console' (expected: none, denials)");
            }
        }
        return new AuditSettings(absolute(file, context), allowed, Boolean.TRUE.equals(messageGrants), console);
    }

    private static String readKillswitch(YamlNode.MapNode top, Nodes nodes, Vars vars, PolicyContext context) {
        YamlNode.MapNode killswitch = nodes.map(Nodes.get(top, "killswitch"), "killswitch", List.of("file"));
        YamlNode.ScalarNode file = nodes.string(Nodes.get(killswitch, "file"), "killswitch.file", false);
        if (file == null) {
            return null;
        }
        try {
            String expanded = vars.expand(file.text());
            if (!expanded.startsWith("/")) {
                nodes.problem(file, "'killswitch.file' must be an absolute path, not '" + file.text() + "'");
                return null;
            }
            return absolute(expanded, context);
        } catch (PatternException e) {
            nodes.problem(file, e.getMessage());
            return null;
        }
    }

    static String absolute(String file, PolicyContext context) {
        Path path = Path.of(file);
        if (!path.isAbsolute()) {
            path = Path.of(context.workdir()).resolve(path);
        }
        return path.normalize().toString();
    }

    /** The fingerprint in the start record; see {@link Sha256} for why it is not {@code MessageDigest}. */
    private static String sha256(String text) {
        return Sha256.hex(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String describe(Exception e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
