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
    private static final List<String> KEYS = List.of("connect", "listen", "resolve", "deny");
    private static final String UNIX = "unix:";

    private NetworkSection() {}

    static void compile(YamlNode node, SectionContext s, Policy.Builder policy) {
        YamlNode.MapNode network = s.nodes.map(node, "network", KEYS);
        NetworkRules.Builder rules = NetworkRules.builder();
        List<YamlNode.ScalarNode> connect = s.nodes.strings(Nodes.get(network, "connect"), "network.connect");
        for (int i = 0; i < connect.size(); i++) {
            YamlNode.ScalarNode item = connect.get(i);
            String text = item == null ? null : s.expand(item);
            if (text == null) {
                continue;
            }
            String id = "network.connect[" + i + "]";
            try {
                if (text.startsWith(UNIX)) {
                    rules.connectUnix(id, unix(s, item, text));
                } else {
                    rules.connect(id, ConnectEntry.parse(text));
                }
            } catch (PatternException e) {
                s.nodes.problem(item, e.getMessage());
            }
        }
        List<YamlNode.ScalarNode> listen = s.nodes.strings(Nodes.get(network, "listen"), "network.listen");
        for (int i = 0; i < listen.size(); i++) {
            YamlNode.ScalarNode item = listen.get(i);
            String text = item == null ? null : s.expand(item);
            if (text == null) {
                continue;
            }
            String id = "network.listen[" + i + "]";
            try {
                if (text.startsWith(UNIX)) {
                    rules.listenUnix(id, unix(s, item, text));
                } else {
                    rules.listen(id, ListenEntry.parse(text));
                }
            } catch (PatternException e) {
                s.nodes.problem(item, e.getMessage());
            }
        }
        List<YamlNode.ScalarNode> resolve = s.nodes.strings(Nodes.get(network, "resolve"), "network.resolve");
        for (int i = 0; i < resolve.size(); i++) {
            YamlNode.ScalarNode item = resolve.get(i);
            if (item == null) {
                continue;
            }
            String text = s.expand(item);
            if (text == null) {
                continue;
            }
            try {
                rules.resolve("network.resolve[" + i + "]", HostPattern.parse(text));
            } catch (PatternException e) {
                s.nodes.problem(item, e.getMessage());
            }
        }
        List<YamlNode.ScalarNode> deny = s.nodes.strings(Nodes.get(network, "deny"), "network.deny");
        for (int i = 0; i < deny.size(); i++) {
            YamlNode.ScalarNode item = deny.get(i);
            String text = item == null ? null : s.expand(item);
            if (text == null) {
                continue;
            }
            String id = "network.deny[" + i + "]";
            try {
                if (text.startsWith(UNIX)) {
                    rules.denyUnix(id, unix(s, item, text));
                } else {
                    rules.deny(id, ConnectEntry.parse(text));
                }
            } catch (PatternException e) {
                s.nodes.problem(item, e.getMessage());
            }
        }
        policy.network(rules.build());
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
