package dev.agentguard.agent.suggest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The suggestion before it is written: each policy list as pattern text, the base policy's other sections
 * as written, and the comment lines. Plain data, filled by {@link Suggester}, written by {@link PolicyWriter}.
 */
final class SuggestedPolicy {
    final List<String> header = new ArrayList<>();
    /** Comment lines after the header: choices the reviewer should know about (a credential stripped). */
    final List<String> notes = new ArrayList<>();
    /** Base sections copied as written: vars, audit, budgets, killswitch (absent keys are left out). */
    final Map<String, JsonNode> copied = new LinkedHashMap<>();
    final List<String> fileRead = new ArrayList<>();
    final List<String> fileWrite = new ArrayList<>();
    final List<String> fileDeny = new ArrayList<>();
    final List<List<String>> exec = new ArrayList<>();
    final List<List<String>> execDeny = new ArrayList<>();
    final List<String> strip = new ArrayList<>();
    final List<String> envPass = new ArrayList<>();
    final List<String> connect = new ArrayList<>();
    final List<String> listen = new ArrayList<>();
    final List<String> resolve = new ArrayList<>();
    final List<String> networkDeny = new ArrayList<>();
    final List<String> envRead = new ArrayList<>();
    final List<String> nativeLoad = new ArrayList<>();
    /** The comment block "denied in the audited run, not granted". */
    final List<String> notGranted = new ArrayList<>();

    static void addOnce(List<String> list, String value) {
        if (value != null && !list.contains(value)) {
            list.add(value);
        }
    }
}
