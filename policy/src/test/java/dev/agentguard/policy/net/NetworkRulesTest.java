package dev.agentguard.policy.net;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentguard.policy.Decision;
import dev.agentguard.policy.PatternException;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

class NetworkRulesTest {
    /** Stands in for the file glob engine: {@code /dir/*.sock}-style globs only. */
    private static final class TestGlob implements UnixPathMatcher {
        private final String glob;

        TestGlob(String glob) {
            this.glob = glob;
        }

        @Override
        public boolean matches(String path) {
            int star = glob.indexOf('*');
            if (star < 0) {
                return glob.equals(path);
            }
            String head = glob.substring(0, star);
            String tail = glob.substring(star + 1);
            return path.length() >= head.length() + tail.length() && path.startsWith(head) && path.endsWith(tail)
                    && path.substring(head.length(), path.length() - tail.length()).indexOf('/') < 0;
        }

        @Override
        public String pattern() {
            return glob;
        }
    }

    private static byte[] ip(String s) throws PatternException {
        return IpAddresses.parse(s);
    }

    private static byte[] mapped(String v4) throws PatternException {
        byte[] a = ip(v4);
        return new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1, -1, a[0], a[1], a[2], a[3]};
    }

    private static NetworkRules.Builder add(NetworkRules.Builder b, String section, String... entries)
            throws PatternException {
        for (int i = 0; i < entries.length; i++) {
            String id = "network." + section + "[" + i + "]";
            String text = entries[i];
            String glob = UnixPathMatcher.globOf(text);
            switch (section) {
                case "connect":
                    if (glob != null) {
                        b.connectUnix(id, new TestGlob(glob));
                    } else {
                        b.connect(id, ConnectEntry.parse(text));
                    }
                    break;
                case "deny":
                    if (glob != null) {
                        b.denyUnix(id, new TestGlob(glob));
                    } else {
                        b.deny(id, ConnectEntry.parse(text));
                    }
                    break;
                case "listen":
                    if (glob != null) {
                        b.listenUnix(id, new TestGlob(glob));
                    } else {
                        b.listen(id, ListenEntry.parse(text));
                    }
                    break;
                case "resolve":
                    b.resolve(id, HostPattern.parse(text));
                    break;
                default:
                    throw new IllegalArgumentException(section);
            }
        }
        return b;
    }

    /** The network section of POLICY.md section 2. */
    private static NetworkRules specExample() throws PatternException {
        NetworkRules.Builder b = NetworkRules.builder();
        add(b, "connect", "api.openai.com:443", "*.github.com:443", "127.0.0.1:8080", "10.1.0.0/16:5432",
                "unix:/work/run/*.sock");
        add(b, "listen", "127.0.0.1:8000-8100");
        add(b, "resolve", "internal.example");
        add(b, "deny", "10.1.2.3");
        return b.build();
    }

    private static NetworkRules rules(String... connect) throws PatternException {
        return add(NetworkRules.builder(), "connect", connect).build();
    }

    private static void assertDecision(Decision d, boolean allowed, String rule, String reason) {
        assertThat(d.allowed()).as(d.toString()).isEqualTo(allowed);
        assertThat(d.rule()).isEqualTo(rule);
        assertThat(d.reasonWithGrants()).isEqualTo(reason);
    }

    // ---- resolver providers ----

    @Test
    void aResolverProviderIsGrantedOnlyByItsExactClassName() throws PatternException {
        NetworkRules r = NetworkRules.builder().resolver("network.resolver[0]", "com.example.DohProvider").build();
        assertDecision(r.decideResolverProvider("com.example.DohProvider"), true, "network.resolver[0]",
                "granted by 'com.example.DohProvider'");
        assertThat(r.decideResolverProvider("com.example.DohProvider2").allowed()).isFalse();
        assertThat(r.decideResolverProvider("com.example.dohprovider").allowed()).isFalse();
        Decision none = rules("api.openai.com:443").decideResolverProvider("evil.Mapping");
        assertThat(none.allowed()).isFalse();
        assertThat(none.rule()).isEqualTo("default-deny");
        assertThat(none.reason()).contains("evil.Mapping").contains("network.resolver");
    }

    @Test
    void aResolverEntryMustBeAClassName() {
        for (String bad : new String[] {"", "com..Doh", ".Doh", "Doh.", "com.example.*", "com/example/Doh", "1com.Doh"}) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> NetworkRules.builder().resolver("id", bad))
                    .as(bad).isInstanceOf(PatternException.class);
        }
    }

    // ---- resolve ----

    @Test
    void resolveGrantedByConnectNameOrResolveEntry() throws PatternException {
        NetworkRules r = specExample();
        assertDecision(r.decideResolve("api.openai.com"), true, "network.connect[0]", "granted by 'api.openai.com:443'");
        assertDecision(r.decideResolve("API.github.com."), true, "network.connect[1]", "granted by '*.github.com:443'");
        assertDecision(r.decideResolve("internal.example"), true, "network.resolve[0]", "granted by 'internal.example'");
        assertThat(r.decideResolve("api.openai.com")).isSameAs(r.decideResolve("api.openai.com"));
    }

    @Test
    void resolveDeniedListsResolvableNames() throws PatternException {
        NetworkRules r = specExample();
        assertDecision(r.decideResolve("secret-data.attacker.example"), false, "default-deny",
                "no network.connect or network.resolve rule grants resolving secret-data.attacker.example;"
                        + " names that may be resolved: api.openai.com, *.github.com, internal.example");
        assertThat(r.decideResolve("github.com").allowed()).isFalse();
        assertThat(r.decideResolve("").allowed()).isFalse();
        assertThat(r.decideResolve(null).allowed()).isFalse();
    }

    @Test
    void resolvableNamesAreListedOnce() throws PatternException {
        NetworkRules r = rules("api.openai.com:443", "API.openai.com:80");
        assertThat(r.decideResolve("x.example").reasonWithGrants()).endsWith("names that may be resolved: api.openai.com");
    }

    @Test
    void resolveDeniedByPortlessDenyName() throws PatternException {
        NetworkRules.Builder b = NetworkRules.builder();
        add(b, "connect", "*.github.com:443");
        add(b, "deny", "10.0.0.0/8", "gist.github.com", "raw.github.com:80");
        NetworkRules r = b.build();
        assertDecision(r.decideResolve("gist.github.com"), false, "network.deny[1]",
                "resolving gist.github.com is denied by network.deny 'gist.github.com'");
        assertThat(r.decideResolve("raw.github.com").allowed()).as("a deny on port 80 leaves 443 usable").isTrue();
    }

    // ---- connect ----

    @Test
    void connectGrantedByNameAndPort() throws PatternException {
        NetworkRules r = specExample();
        Decision d = r.decideConnect("api.openai.com", ip("104.18.7.192"), 443);
        assertDecision(d, true, "network.connect[0]", "granted by 'api.openai.com:443'");
        assertThat(r.decideConnect("API.OPENAI.COM.", ip("104.18.7.192"), 443)).isSameAs(d);
        assertThat(r.decideConnect("codeload.github.com", ip("140.82.112.9"), 443).rule()).isEqualTo("network.connect[1]");
    }

    @Test
    void connectByAddressAloneDoesNotUseNameEntries() throws PatternException {
        NetworkRules r = specExample();
        assertDecision(r.decideConnect(null, ip("104.18.7.192"), 443), false, "default-deny",
                "no network.connect rule grants 104.18.7.192:443; allowed: api.openai.com:443, *.github.com:443,"
                        + " 127.0.0.1:8080, 10.1.0.0/16:5432");
    }

    @Test
    void connectDeniedNamesTargetAndAlternatives() throws PatternException {
        NetworkRules r = rules("api.openai.com:443", "127.0.0.1:8080");
        assertDecision(r.decideConnect("evil.example", ip("203.0.113.9"), 443), false, "default-deny",
                "no network.connect rule grants evil.example:443 (203.0.113.9); allowed: api.openai.com:443,"
                        + " 127.0.0.1:8080");
        assertDecision(r.decideConnect(null, ip("2001:db8::1"), 443), false, "default-deny",
                "no network.connect rule grants [2001:db8::1]:443; allowed: api.openai.com:443, 127.0.0.1:8080");
    }

    @Test
    void wrongPortIsDenied() throws PatternException {
        NetworkRules r = specExample();
        assertThat(r.decideConnect("api.openai.com", ip("104.18.7.192"), 80).allowed()).isFalse();
        assertThat(r.decideConnect(null, ip("127.0.0.1"), 8081).allowed()).isFalse();
        assertThat(r.decideConnect(null, ip("127.0.0.1"), 8080).rule()).isEqualTo("network.connect[2]");
    }

    @Test
    void wildcardNamesInConnect() throws PatternException {
        NetworkRules r = rules("*.github.com:443");
        assertThat(r.decideConnect("api.github.com", ip("140.82.112.5"), 443).allowed()).isTrue();
        assertThat(r.decideConnect("a.b.github.com", ip("140.82.112.5"), 443).allowed()).isTrue();
        assertThat(r.decideConnect("github.com", ip("140.82.112.5"), 443).allowed()).isFalse();
        assertThat(r.decideConnect("evilgithub.com", ip("140.82.112.5"), 443).allowed()).isFalse();
    }

    @Test
    void cidrAndIpv6Entries() throws PatternException {
        NetworkRules r = rules("10.1.0.0/16:5432", "[::1]:8080", "fd00::/8", "0.0.0.0/0:443");
        assertThat(r.decideConnect(null, ip("10.1.200.3"), 5432).rule()).isEqualTo("network.connect[0]");
        assertThat(r.decideConnect(null, ip("10.2.0.1"), 5432).allowed()).isFalse();
        assertThat(r.decideConnect(null, ip("::1"), 8080).rule()).isEqualTo("network.connect[1]");
        assertThat(r.decideConnect(null, ip("fdab::7"), 1).rule()).isEqualTo("network.connect[2]");
        assertThat(r.decideConnect(null, ip("8.8.8.8"), 443).rule()).isEqualTo("network.connect[3]");
        assertThat(r.decideConnect(null, mapped("10.1.0.1"), 5432).rule()).as("mapped is IPv4")
                .isEqualTo("network.connect[0]");
    }

    @Test
    void denyWinsOverEveryGrant() throws PatternException {
        NetworkRules r = specExample();
        assertDecision(r.decideConnect(null, ip("10.1.2.3"), 5432), false, "network.deny[0]",
                "connecting to 10.1.2.3:5432 is denied by network.deny '10.1.2.3'");
        assertThat(r.decideConnect(null, mapped("10.1.2.3"), 5432).rule()).as("mapped spelling").isEqualTo("network.deny[0]");
        assertThat(r.decideConnect(null, ip("10.1.2.4"), 5432).allowed()).isTrue();
    }

    @Test
    void denyByNameAndByPort() throws PatternException {
        NetworkRules.Builder b = NetworkRules.builder();
        add(b, "connect", "*.github.com", "0.0.0.0/0:443", "169.254.169.254:80");
        add(b, "deny", "gist.github.com", "*.evil.example:443", "169.254.169.254");
        NetworkRules r = b.build();
        assertDecision(r.decideConnect("gist.github.com", ip("140.82.112.3"), 443), false, "network.deny[0]",
                "connecting to gist.github.com:443 (140.82.112.3) is denied by network.deny 'gist.github.com'");
        assertThat(r.decideConnect("x.evil.example", ip("203.0.113.9"), 443).rule()).isEqualTo("network.deny[1]");
        assertThat(r.decideConnect("x.evil.example", ip("203.0.113.9"), 80).allowed()).isFalse();
        assertThat(r.decideConnect(null, ip("203.0.113.9"), 443).allowed()).as("no name known: CIDR grants").isTrue();
        assertThat(r.decideConnect(null, ip("169.254.169.254"), 80).rule()).as("deny beats an explicit metadata grant")
                .isEqualTo("network.deny[2]");
    }

    // ---- reverse lookups ----

    @Test
    void reverseLookupGrantedOnlyByAnIpOrCidrConnectEntryOnAnyPort() throws PatternException {
        NetworkRules r = specExample();
        assertDecision(r.decideReverseLookup(ip("127.0.0.1")), true, "network.connect[2]", "granted by '127.0.0.1:8080'");
        assertDecision(r.decideReverseLookup(ip("10.1.7.7")), true, "network.connect[3]", "granted by '10.1.0.0/16:5432'");
        assertThat(r.decideReverseLookup(mapped("127.0.0.1")).allowed()).as("IPv4-mapped").isTrue();
        assertDecision(r.decideReverseLookup(ip("203.0.113.9")), false, "default-deny",
                "a reverse (PTR) lookup of 203.0.113.9 is a DNS query chosen by the application; only an address that a"
                        + " network.connect IP or CIDR entry grants may be looked up; allowed: api.openai.com:443,"
                        + " *.github.com:443, 127.0.0.1:8080, 10.1.0.0/16:5432");
        assertDecision(r.decideReverseLookup(ip("10.1.2.3")), false, "network.deny[0]",
                "looking up the name of 10.1.2.3 is denied by network.deny '10.1.2.3'");
    }

    @Test
    void reverseLookupOfMetadataNeedsAnEntryInsideTheRange() throws PatternException {
        NetworkRules broad = rules("0.0.0.0/0:443", "[::]/0");
        assertThat(broad.decideReverseLookup(ip("203.0.113.9")).allowed()).isTrue();
        assertThat(broad.decideReverseLookup(ip("169.254.169.254")).allowed()).isFalse();
        assertThat(broad.decideReverseLookup(ip("fe80::1")).allowed()).isFalse();
        assertThat(rules("169.254.169.254:80").decideReverseLookup(ip("169.254.169.254")).allowed()).isTrue();
        assertThat(rules("*.github.com").decideReverseLookup(ip("140.82.112.3")).allowed())
                .as("a name entry never grants a reverse lookup").isFalse();
        assertThat(broad.decideReverseLookup(new byte[3]).allowed()).isFalse();
        assertThat(broad.decideReverseLookup(null).allowed()).isFalse();
    }

    // ---- metadata ----

    @Test
    void metadataDeniedDespiteBroadCidr() throws PatternException {
        NetworkRules r = rules("0.0.0.0/0", "::/0");
        assertDecision(r.decideConnect(null, ip("169.254.169.254"), 80), false, "metadata",
                "connecting to 169.254.169.254:80 is denied: it is a link-local or cloud metadata address"
                        + " (169.254.0.0/16), which only a network.connect IP or CIDR entry within 169.254.0.0/16 grants");
        assertDecision(r.decideConnect(null, ip("100.100.100.200"), 80), false, "metadata",
                "connecting to 100.100.100.200:80 is denied: it is a link-local or cloud metadata address"
                        + " (100.100.100.200), which only a network.connect entry naming 100.100.100.200 grants");
        assertDecision(r.decideConnect(null, ip("fd00:ec2::254"), 80), false, "metadata",
                "connecting to [fd00:ec2::254]:80 is denied: it is a link-local or cloud metadata address"
                        + " (fd00:ec2::254), which only a network.connect entry naming fd00:ec2::254 grants");
        assertThat(r.decideConnect(null, ip("fe80::1"), 80).rule()).isEqualTo("metadata");
        assertThat(r.decideConnect(null, ip("febf::1"), 80).rule()).isEqualTo("metadata");
        assertThat(r.decideConnect(null, ip("169.254.0.1"), 80).rule()).isEqualTo("metadata");
        assertThat(r.decideConnect(null, ip("8.8.8.8"), 53).allowed()).isTrue();
        assertThat(r.decideConnect(null, ip("fd00:ec2::253"), 80).allowed()).isTrue();
    }

    @Test
    void metadataDeniedInMappedSpelling() throws PatternException {
        NetworkRules r = rules("0.0.0.0/0");
        assertDecision(r.decideConnect(null, mapped("169.254.169.254"), 80), false, "metadata",
                "connecting to 169.254.169.254:80 is denied: it is a link-local or cloud metadata address"
                        + " (169.254.0.0/16), which only a network.connect IP or CIDR entry within 169.254.0.0/16 grants");
    }

    @Test
    void nameResolvingToMetadataIsDenied() throws PatternException {
        NetworkRules r = rules("*.attacker-controlled.example", "metadata.google.internal:80");
        assertDecision(r.decideConnect("x.attacker-controlled.example", ip("169.254.169.254"), 80), false, "metadata",
                "connecting to x.attacker-controlled.example:80 (169.254.169.254) is denied: it is a link-local or"
                        + " cloud metadata address (169.254.0.0/16), which only a network.connect IP or CIDR entry"
                        + " within 169.254.0.0/16 grants");
        assertThat(r.decideConnect("metadata.google.internal", ip("169.254.169.254"), 80).rule()).isEqualTo("metadata");
        assertThat(r.decideConnect("x.attacker-controlled.example", ip("fe80::a9fe:a9fe"), 80).rule())
                .isEqualTo("metadata");
    }

    @Test
    void metadataGrantedOnlyByEntriesInsideTheRange() throws PatternException {
        NetworkRules r = rules("169.254.169.254:80", "[::ffff:100.100.100.200]:80", "fe80::/64", "169.0.0.0/8");
        assertThat(r.decideConnect(null, ip("169.254.169.254"), 80).rule()).isEqualTo("network.connect[0]");
        assertThat(r.decideConnect(null, mapped("169.254.169.254"), 80).rule()).isEqualTo("network.connect[0]");
        assertThat(r.decideConnect(null, ip("169.254.169.254"), 81).rule()).isEqualTo("metadata");
        assertThat(r.decideConnect(null, ip("169.254.169.253"), 80).rule()).as("169.0.0.0/8 is not inside")
                .isEqualTo("metadata");
        assertThat(r.decideConnect(null, ip("169.1.1.1"), 80).rule()).isEqualTo("network.connect[3]");
        assertThat(r.decideConnect(null, ip("100.100.100.200"), 80).rule()).isEqualTo("network.connect[1]");
        assertThat(r.decideConnect(null, ip("fe80::1"), 9).rule()).isEqualTo("network.connect[2]");
        assertThat(r.decideConnect(null, ip("fe80:0:0:1::1"), 9).rule()).isEqualTo("metadata");
        NetworkRules whole = rules("169.254.0.0/16");
        assertThat(whole.decideConnect(null, ip("169.254.169.254"), 80).rule()).isEqualTo("network.connect[0]");
    }

    @Test
    void controlCharactersInNamesDoNotBreakTheReasonLine() throws PatternException {
        NetworkRules r = rules("api.openai.com:443");
        assertThat(r.decideResolve("x\n{\"decision\":\"allow\"}.example").reasonWithGrants())
                .startsWith("no network.connect or network.resolve rule grants resolving x\\u000a{")
                .doesNotContain("\n");
        assertThat(r.decideConnect("evil\r.example", ip("203.0.113.9"), 443).reasonWithGrants())
                .startsWith("no network.connect rule grants evil\\u000d.example:443 (203.0.113.9);");
        assertThat(r.decideUnixConnect("/tmp/a\u0000b").reasonWithGrants()).contains("/tmp/a\\u0000b;");
    }

    @Test
    void invalidAddressIsDenied() throws PatternException {
        NetworkRules r = rules("0.0.0.0/0");
        assertDecision(r.decideConnect(null, new byte[5], 80), false, "default-deny", "not an IP address: 5 bytes");
        assertDecision(r.decideConnect(null, null, 80), false, "default-deny", "not an IP address: null");
        assertThat(r.decideConnect(null, ip("8.8.8.8"), -1).allowed()).isFalse();
    }

    @Test
    void allowedListIsCappedAtEight() throws PatternException {
        NetworkRules r = rules("h1.example", "h2.example", "h3.example", "h4.example", "h5.example", "h6.example",
                "h7.example", "h8.example", "h9.example", "h10.example");
        assertThat(r.decideConnect(null, ip("203.0.113.9"), 443).reasonWithGrants()).isEqualTo(
                "no network.connect rule grants 203.0.113.9:443; allowed: h1.example, h2.example, h3.example,"
                        + " h4.example, h5.example, h6.example, h7.example, h8.example, \u2026 (+2 more)");
    }

    @Test
    void emptySectionGrantsNothing() throws PatternException {
        NetworkRules r = NetworkRules.builder().build();
        assertDecision(r.decideConnect(null, ip("127.0.0.1"), 80), false, "default-deny",
                "no network.connect rule grants 127.0.0.1:80; allowed: none");
        assertDecision(r.decideResolve("localhost"), false, "default-deny",
                "no network.connect or network.resolve rule grants resolving localhost; names that may be resolved: none");
        assertDecision(r.decideListen(ip("127.0.0.1"), 0), false, "default-deny",
                "no network.listen rule grants binding 127.0.0.1:0; allowed: none");
        assertThat(r.decideUnixConnect("/run/x.sock").allowed()).isFalse();
        assertThat(r.decideUnixListen("/run/x.sock").allowed()).isFalse();
    }

    // ---- unix ----

    @Test
    void unixConnect() throws PatternException {
        NetworkRules.Builder b = NetworkRules.builder();
        add(b, "connect", "api.openai.com:443", "unix:/work/run/*.sock", "unix:/var/run/*.sock");
        add(b, "deny", "unix:/var/run/docker.sock");
        NetworkRules r = b.build();
        assertDecision(r.decideUnixConnect("/work/run/a.sock"), true, "network.connect[1]",
                "granted by 'unix:/work/run/*.sock'");
        assertDecision(r.decideUnixConnect("/var/run/docker.sock"), false, "network.deny[0]",
                "unix socket /var/run/docker.sock is denied by network.deny 'unix:/var/run/docker.sock'");
        assertDecision(r.decideUnixConnect("/tmp/x.sock"), false, "default-deny",
                "no network.connect rule grants unix socket /tmp/x.sock; allowed: unix:/work/run/*.sock,"
                        + " unix:/var/run/*.sock");
        assertThat(r.decideUnixConnect(null).allowed()).isFalse();
    }

    @Test
    void unixListen() throws PatternException {
        NetworkRules.Builder b = NetworkRules.builder();
        add(b, "listen", "unix:/work/run/*.sock");
        add(b, "deny", "unix:/work/run/admin.sock");
        NetworkRules r = b.build();
        assertDecision(r.decideUnixListen("/work/run/a.sock"), true, "network.listen[0]", "granted by 'unix:/work/run/*.sock'");
        assertThat(r.decideUnixListen("/work/run/admin.sock").rule()).isEqualTo("network.deny[0]");
        assertDecision(r.decideUnixListen("/tmp/a.sock"), false, "default-deny",
                "no network.listen rule grants unix socket /tmp/a.sock; allowed: unix:/work/run/*.sock");
        assertThat(r.decideUnixConnect("/work/run/a.sock").allowed()).as("listen does not grant connect").isFalse();
    }

    // ---- listen ----

    @Test
    void listenGrantedAndDenied() throws PatternException {
        NetworkRules r = specExample();
        Decision d = r.decideListen(ip("127.0.0.1"), 8050);
        assertDecision(d, true, "network.listen[0]", "granted by '127.0.0.1:8000-8100'");
        assertThat(r.decideListen(mapped("127.0.0.1"), 8050)).isSameAs(d);
        assertDecision(r.decideListen(ip("127.0.0.1"), 9000), false, "default-deny",
                "no network.listen rule grants binding 127.0.0.1:9000; allowed: 127.0.0.1:8000-8100");
    }

    @Test
    void listenWildcardNeedsAnEntryNamingIt() throws PatternException {
        NetworkRules r = specExample();
        assertDecision(r.decideListen(ip("0.0.0.0"), 8050), false, "default-deny",
                "no network.listen rule grants binding 0.0.0.0:8050;"
                        + " a wildcard bind needs an entry that names it (0.0.0.0:PORTS or *:PORTS); allowed: 127.0.0.1:8000-8100");
        assertDecision(r.decideListen(ip("::"), 8050), false, "default-deny",
                "no network.listen rule grants binding [::]:8050;"
                        + " a wildcard bind needs an entry that names it ([::]:PORTS or *:PORTS); allowed: 127.0.0.1:8000-8100");
        NetworkRules broad = add(NetworkRules.builder(), "listen", "0.0.0.0/0:*", "[::]:8080").build();
        assertThat(broad.decideListen(ip("0.0.0.0"), 8080).allowed()).isFalse();
        assertThat(broad.decideListen(ip("10.0.0.7"), 8080).allowed()).isTrue();
        assertThat(broad.decideListen(ip("::"), 8080).rule()).isEqualTo("network.listen[1]");
        NetworkRules star = add(NetworkRules.builder(), "listen", "*:*").build();
        assertThat(star.decideListen(ip("0.0.0.0"), 0).allowed()).isTrue();
        assertThat(star.decideListen(ip("::"), 0).allowed()).isTrue();
    }

    @Test
    void denyAddressesApplyToBinds() throws PatternException {
        NetworkRules.Builder b = NetworkRules.builder();
        add(b, "listen", "*:*");
        add(b, "deny", "10.0.0.0/8:22");
        NetworkRules r = b.build();
        assertDecision(r.decideListen(ip("10.0.0.7"), 22), false, "network.deny[0]",
                "binding 10.0.0.7:22 is denied by network.deny '10.0.0.0/8:22'");
        assertThat(r.decideListen(ip("10.0.0.7"), 23).allowed()).isTrue();
    }

    // ---- the allowed path allocates nothing ----

    @Test
    void allowedPathDoesNotAllocate() throws PatternException {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        NetworkRules r = specExample();
        byte[] openai = ip("104.18.7.192");
        byte[] db = ip("10.1.9.9");
        byte[] local = mapped("127.0.0.1");
        long tid = Thread.currentThread().getId();
        for (int i = 0; i < 20_000; i++) {
            allowedCalls(r, openai, db, local);
        }
        long before = mx.getThreadAllocatedBytes(tid);
        for (int i = 0; i < 100_000; i++) {
            allowedCalls(r, openai, db, local);
        }
        long allocated = mx.getThreadAllocatedBytes(tid) - before;
        assertThat(allocated).as("bytes allocated by 500,000 allowed decisions").isLessThan(10_000);
    }

    private static void allowedCalls(NetworkRules r, byte[] openai, byte[] db, byte[] local) {
        if (!r.decideConnect("API.openai.com.", openai, 443).allowed()
                || !r.decideConnect("raw.githubusercontent.github.com", openai, 443).allowed()
                || !r.decideConnect(null, db, 5432).allowed()
                || !r.decideListen(local, 8000).allowed()
                || !r.decideResolve("internal.example").allowed()) {
            throw new AssertionError("expected allowed");
        }
    }
}
