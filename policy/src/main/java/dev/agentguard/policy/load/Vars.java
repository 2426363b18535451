package dev.agentguard.policy.load;

import dev.agentguard.policy.PatternException;
import dev.agentguard.policy.PolicyContext;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code ${name}} variables of a policy: the built-ins of section 2 plus the file's own {@code vars}.
 * A leading {@code ~/} means {@code ${home}/}. An undefined variable is an error, never an empty string.
 */
public final class Vars {
    private final Map<String, String> values = new LinkedHashMap<>();

    public Vars(PolicyContext context) {
        values.put("workdir", context.workdir());
        values.put("home", context.home());
        values.put("tmp", context.tmp());
        values.put("java.home", context.javaHome());
        values.put("pid", Long.toString(context.pid()));
    }

    /** Defines a user variable; its value may use the built-ins and variables defined before it. */
    public void define(String name, String rawValue) throws PatternException {
        if (values.containsKey(name)) {
            throw new PatternException("variable '" + name + "' is already defined"
                    + (isBuiltIn(name) ? " (built-in)" : ""));
        }
        if (!name.matches("[A-Za-z_][A-Za-z0-9_.-]*")) {
            throw new PatternException("bad variable name '" + name + "' (letters, digits, '_', '.', '-')");
        }
        values.put(name, expand(rawValue));
    }

    private static boolean isBuiltIn(String name) {
        return name.equals("workdir") || name.equals("home") || name.equals("tmp")
                || name.equals("java.home") || name.equals("pid");
    }

    public String expand(String text) throws PatternException {
        String source = text;
        if (source.equals("~")) {
            source = "${home}";
        } else if (source.startsWith("~/")) {
            source = "${home}/" + source.substring(2);
        }
        StringBuilder out = new StringBuilder(source.length() + 32);
        int i = 0;
        while (i < source.length()) {
            int start = source.indexOf("${", i);
            if (start < 0) {
                out.append(source, i, source.length());
                break;
            }
            int end = source.indexOf('}', start + 2);
            if (end < 0) {
                throw new PatternException("unterminated variable in '" + text + "' (write ${name})");
            }
            String name = source.substring(start + 2, end);
            String value = values.get(name);
            if (value == null) {
                throw new PatternException("undefined variable '${" + name + "}' (defined: "
                        + String.join(", ", values.keySet()) + ")");
            }
            out.append(source, i, start).append(value);
            i = end + 1;
        }
        return out.toString();
    }
}
