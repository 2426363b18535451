package dev.agentguard.policy.load;

import dev.agentguard.policy.PatternException;
import dev.agentguard.policy.Policy;
import dev.agentguard.policy.file.PathGlob;
import dev.agentguard.policy.net.ConnectEntry;
import dev.agentguard.policy.net.HostPattern;
import dev.agentguard.policy.net.ListenEntry;
import dev.agentguard.policy.net.NetworkRules;
import dev.agentguard.policy.net.UnixPathMatcher;
import java.util.List;

/** Compiles the {@code network} section (POLICY.md section 6). {@code unix:} entries take path globs. */
final class NetworkSection {
    private static final List<String> KEYS = List.of("connect", "listen", "resolve", "deny", "resolver");
    private static final String UNIX = "unix:";

    private NetworkSection() {}

    static void compile(YamlNode node, SectionContext s, Policy.Builder policy) {
        YamlNode.MapNode network = s.nodes.map(node, "network", KEYS);
        NetworkRules.Builder rules = NetworkRules.builder();
        // Anonymous classes, not lambdas: this runs at every guarded start, where each lambda is a class
        // spun at run time (and its bootstrap's compiles).
        entries(network, "connect", s, new EntryCompiler() {
            @Override
            public void compile(String id, YamlNode.ScalarNode item, String text) throws PatternException {
                if (text.startsWith(UNIX)) {
                    rules.connectUnix(id, unix(s, item, text));
                } else {
                    rules.connect(id, ConnectEntry.parse(text));
                }
            }
        });
        entries(network, "listen", s, new EntryCompiler() {
            @Override
            public void compile(String id, YamlNode.ScalarNode item, String text) throws PatternException {
                if (text.startsWith(UNIX)) {
                    rules.listenUnix(id, unix(s, item, text));
                } else {
                    rules.listen(id, ListenEntry.parse(text));
                }
            }
        });
        entries(network, "resolve", s, new EntryCompiler() {
            @Override
            public void compile(String id, YamlNode.ScalarNode item, String text) throws PatternException {
                rules.resolve(id, HostPattern.parse(text));
            }
        });
        entries(network, "deny", s, new EntryCompiler() {
            @Override
            public void compile(String id, YamlNode.ScalarNode item, String text) throws PatternException {
                if (text.startsWith(UNIX)) {
                    rules.denyUnix(id, unix(s, item, text));
                } else {
                    rules.deny(id, ConnectEntry.parse(text));
                }
            }
        });
        // Not expanded beyond variables: a class name, compared exactly (JDK 18+ resolver providers).
        entries(network, "resolver", s, new EntryCompiler() {
            @Override
            public void compile(String id, YamlNode.ScalarNode item, String text) throws PatternException {
                rules.resolver(id, text);
            }
        });
        policy.network(rules.build());
    }

    /** Compiles one entry of a network list; a problem with it is thrown as a {@link PatternException}. */
    private interface EntryCompiler {
        void compile(String ruleId, YamlNode.ScalarNode item, String expanded) throws PatternException;
    }

    /** Each string of {@code network.KEY}, variables expanded, given its rule id; problems are recorded at the item. */
    private static void entries(YamlNode.MapNode network, String key, SectionContext s, EntryCompiler compiler) {
        List<YamlNode.ScalarNode> items = s.nodes.strings(Nodes.get(network, key), "network." + key);
        for (int i = 0; i < items.size(); i++) {
            YamlNode.ScalarNode item = items.get(i);
            String text = item == null ? null : s.expand(item);
            if (text == null) {
                continue;
            }
            try {
                compiler.compile("network." + key + "[" + i + "]", item, text);
            } catch (PatternException e) {
                s.nodes.problem(item, e.getMessage());
            }
        }
    }

    private static UnixPathMatcher unix(SectionContext s, YamlNode.ScalarNode written, String expanded)
            throws PatternException {
        // A "~/" right after "unix:" means the home folder, as it does at the start of a file pattern.
        String path = s.vars.expand(expanded.substring(UNIX.length()));
        PathGlob glob = PathGlob.compile(path);
        // The rules add the "unix:" prefix when they quote the entry.
        String text = written.text().startsWith(UNIX) ? written.text().substring(UNIX.length()) : written.text();
        return new UnixPathMatcher() {
            @Override
            public boolean matches(String path) {
                return glob.matches(path);
            }

            @Override
            public String pattern() {
                return text;
            }
        };
    }
}
