package dev.agentguard.agent.enforce;

import dev.agentguard.bootstrap.GuardBridge;
import java.util.AbstractMap;
import java.util.Collections;
import java.util.Map;
import java.util.Set;

/**
 * The map that {@code System.getenv()} returns under the guard: the variables the policy passes (in audit
 * mode all of them), unmodifiable, and a lookup by name of a variable that the policy hides is decided as
 * {@code System.getenv(name)} is, and recorded as a read of that name.
 *
 * <p>Why: frameworks resolve a variable from the whole map, not with {@code getenv(name)}; Spring resolves
 * {@code ${OPENAI_API_KEY}} with {@code map.get("OPENAI_API_KEY")}. Without this, an audited run records only
 * "the whole environment was read", {@code suggest} cannot tell the key the application used from the 45
 * variables it merely listed, and an enforced run sends the literal placeholder with nothing pointing at the
 * guard. With it, the log (and the opt-in console line) names the variable that was looked up and hidden.
 *
 * <p>Holds no hidden value: only the names of the hidden variables, so the values stay out of reach of
 * anything that inspects the map. Iterating the map is a listing, not a lookup, and records nothing more.
 */
final class LookedUpEnvironment extends AbstractMap<String, String> {
    private final Map<String, String> visible;
    private final Set<String> hidden;

    /** {@code visible}: what the policy passes (owned by this map); {@code hidden}: names it holds back. */
    LookedUpEnvironment(Map<String, String> visible, Set<String> hidden) {
        this.visible = Collections.unmodifiableMap(visible);
        this.hidden = hidden;
    }

    @Override
    public String get(Object key) {
        String value = visible.get(key);
        if (key instanceof String && hidden.contains(key)) {
            // Decided and recorded as getenv(name): null under enforce, the value under audit.
            return GuardBridge.getenv((String) key, value);
        }
        return value;
    }

    @Override
    public boolean containsKey(Object key) {
        return get(key) != null;
    }

    @Override
    public String getOrDefault(Object key, String defaultValue) {
        String value = get(key);
        return value != null ? value : defaultValue;
    }

    @Override
    public Set<Entry<String, String>> entrySet() {
        return visible.entrySet();
    }

    @Override
    public Set<String> keySet() {
        return visible.keySet();
    }

    @Override
    public int size() {
        return visible.size();
    }
}
