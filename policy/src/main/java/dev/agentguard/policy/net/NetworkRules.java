package dev.agentguard.policy.net;

import dev.agentguard.policy.Decision;
import dev.agentguard.policy.PatternException;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The compiled {@code network} section: decides DNS lookups, TCP/UDP connects, Unix socket connects and
 * binds, following POLICY.md section 6.
 *
 * <p>Rules of decision, in order (the order of entries never matters):
 * <ol>
 * <li>{@code network.deny} wins over everything: an IP/CIDR entry on the address, a name entry on the
 *     name the guard saw resolve to it, a {@code unix:} entry on a socket path. It also applies to
 *     binds (its address entries) and to lookups (its name entries without a port list: a deny
 *     limited to some ports still lets the name resolve for the others).
 * <li>Link-local and metadata addresses ({@link MetadataRanges}) are denied with rule id
 *     {@code metadata} unless an IP/CIDR connect entry that lies inside such a range grants them; a
 *     name entry or a broad block ({@code 0.0.0.0/0}) never does, because a name can be pointed
 *     anywhere by whoever controls its DNS.
 * <li>A grant: an IP/CIDR entry matching the address, or a name entry matching the name, with the
 *     entry's ports matching. Otherwise {@code default-deny}; what is granted instead is
 *     {@code Decision.granted()}, not part of the reason.
 * </ol>
 *
 * <p>Why pre-built decisions and plain loops: these methods run on every socket operation. Allowed
 * decisions are built once here and returned as the same instance; the allowed path compares bytes,
 * ints and ASCII characters and allocates nothing. Only a denial builds a message.
 *
 * <p>Immutable and thread-safe once built. Build with {@link #builder()}; an empty builder is the
 * absent section, which grants nothing.
 */
public final class NetworkRules {
    static final String DEFAULT_DENY = "default-deny";
    static final String METADATA = "metadata";

    private final HostRule[] connectBlocks;
    private final HostRule[] connectNames;
    private final NameRule[] resolveNames;
    private final HostRule[] denyBlocks;
    private final HostRule[] denyNames;
    private final UnixRule[] connectUnix;
    private final UnixRule[] denyUnix;
    private final UnixRule[] listenUnix;
    private final ListenRule[] listen;
    /** {@code network.resolver}: rule ids and the provider class names they grant, index for index. */
    private final String[] resolverIds;
    private final String[] resolverClasses;

    private final String connectAllowed;
    private final String resolvable;
    private final String unixConnectAllowed;
    private final String listenAllowed;
    private final String unixListenAllowed;

    private NetworkRules(Builder b) {
        List<HostRule> cb = new ArrayList<>();
        List<HostRule> cn = new ArrayList<>();
        List<String> connectTexts = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        for (HostRule r : b.connect) {
            (r.entry.isName() ? cn : cb).add(r);
            connectTexts.add(r.entry.text());
            if (r.entry.isName()) {
                names.add(r.entry.name().toString());
            }
        }
        for (NameRule r : b.resolve) {
            names.add(r.name.toString());
        }
        List<HostRule> db = new ArrayList<>();
        List<HostRule> dn = new ArrayList<>();
        for (HostRule r : b.deny) {
            (r.entry.isName() ? dn : db).add(r);
        }
        connectBlocks = cb.toArray(new HostRule[0]);
        connectNames = cn.toArray(new HostRule[0]);
        resolveNames = b.resolve.toArray(new NameRule[0]);
        denyBlocks = db.toArray(new HostRule[0]);
        denyNames = dn.toArray(new HostRule[0]);
        connectUnix = b.connectUnix.toArray(new UnixRule[0]);
        denyUnix = b.denyUnix.toArray(new UnixRule[0]);
        listenUnix = b.listenUnix.toArray(new UnixRule[0]);
        listen = b.listen.toArray(new ListenRule[0]);
        resolverIds = b.resolverIds.toArray(new String[0]);
        resolverClasses = b.resolverClasses.toArray(new String[0]);

        connectAllowed = Summaries.list(connectTexts);
        resolvable = Summaries.list(new ArrayList<>(names));
        unixConnectAllowed = Summaries.list(unixTexts(b.connectUnix));
        List<String> listenTexts = new ArrayList<>();
        for (ListenRule r : b.listen) {
            listenTexts.add(r.entry.text());
        }
        listenAllowed = Summaries.list(listenTexts);
        unixListenAllowed = Summaries.list(unixTexts(b.listenUnix));
    }

    private static List<String> unixTexts(List<UnixRule> rules) {
        List<String> out = new ArrayList<>();
        for (UnixRule r : rules) {
            out.add("unix:" + r.matcher.pattern());
        }
        return out;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * May {@code hostName} be looked up? Allowed iff a connect name entry or a {@code network.resolve}
     * entry matches and no port-less deny name entry does. The caller passes names only, never IP
     * literals (those need no lookup and are checked at connect).
     */
    public Decision decideResolve(String hostName) {
        if (hostName == null || hostName.isEmpty()) {
            return Decision.deny(DEFAULT_DENY, "an empty host name cannot be resolved");
        }
        for (HostRule d : denyNames) {
            if (d.entry.ports().isAny() && d.entry.name().matches(hostName)) {
                return Decision.deny(d.id, "resolving " + Summaries.oneLine(hostName) + " is denied by network.deny '"
                        + d.entry.text() + "'");
            }
        }
        for (HostRule r : connectNames) {
            if (r.entry.name().matches(hostName)) {
                return r.allow;
            }
        }
        for (NameRule r : resolveNames) {
            if (r.name.matches(hostName)) {
                return r.allow;
            }
        }
        return Decision.deny(DEFAULT_DENY, "no network.connect or network.resolve rule grants resolving "
                + Summaries.oneLine(hostName), "names that may be resolved: " + resolvable);
    }

    /**
     * May the application connect (TCP) or send/connect (UDP) to {@code address}:{@code port}?
     *
     * @param nameOrNull the DNS name that the guard itself saw resolve to this address, or null; the
     *                   caller guarantees that provenance (a name the application merely claims is not
     *                   one)
     * @param address    4 or 16 bytes; a 16-byte IPv4-mapped address is treated as IPv4
     */
    public Decision decideConnect(String nameOrNull, byte[] address, int port) {
        if (address == null || (address.length != 4 && address.length != 16)) {
            return Decision.deny(DEFAULT_DENY, "not an IP address: "
                    + (address == null ? "null" : address.length + " bytes"));
        }
        int off = IpAddresses.v4Offset(address);
        int len = address.length - off;
        for (HostRule d : denyBlocks) {
            if (d.entry.block().contains(address, off, len) && d.entry.ports().contains(port)) {
                return denied(d, nameOrNull, address, off, len, port);
            }
        }
        if (nameOrNull != null) {
            for (HostRule d : denyNames) {
                if (d.entry.name().matches(nameOrNull) && d.entry.ports().contains(port)) {
                    return denied(d, nameOrNull, address, off, len, port);
                }
            }
        }
        Cidr metadata = MetadataRanges.find(address, off, len);
        if (metadata != null) {
            for (HostRule r : connectBlocks) {
                if (r.insideMetadata && r.entry.block().contains(address, off, len) && r.entry.ports().contains(port)) {
                    return r.allow;
                }
            }
            return Decision.deny(METADATA, "connecting to " + Summaries.target(nameOrNull, address, off, len, port)
                    + " is denied: it is a link-local or cloud metadata address (" + metadata + "), which only "
                    + (metadata.isSingleAddress() ? "a network.connect entry naming " + metadata
                            : "a network.connect IP or CIDR entry within " + metadata) + " grants");
        }
        for (HostRule r : connectBlocks) {
            if (r.entry.block().contains(address, off, len) && r.entry.ports().contains(port)) {
                return r.allow;
            }
        }
        if (nameOrNull != null) {
            for (HostRule r : connectNames) {
                if (r.entry.name().matches(nameOrNull) && r.entry.ports().contains(port)) {
                    return r.allow;
                }
            }
        }
        return Decision.deny(DEFAULT_DENY, "no network.connect rule grants "
                + Summaries.target(nameOrNull, address, off, len, port), "allowed: " + connectAllowed);
    }

    private static Decision denied(HostRule d, String name, byte[] a, int off, int len, int port) {
        return Decision.deny(d.id, "connecting to " + Summaries.target(name, a, off, len, port)
                + " is denied by network.deny '" + d.entry.text() + "'");
    }

    /**
     * May the application look up the name of {@code address} (a reverse, PTR, query)? There is no policy
     * key for it: a PTR query is a DNS query whose question the application chooses, so an arbitrary
     * address is a channel to whoever serves its reverse zone (an IPv6 address carries 16 bytes). It is
     * granted only for an address that a {@code network.connect} IP or CIDR entry grants on some port:
     * the application may already send packets there, and the query tells that zone nothing more. Name
     * entries never grant it (the question is the address, not the name), and the metadata and
     * {@code network.deny} address rules apply as for a connect, a deny on any port included.
     */
    public Decision decideReverseLookup(byte[] address) {
        if (address == null || (address.length != 4 && address.length != 16)) {
            return Decision.deny(DEFAULT_DENY, "not an IP address: "
                    + (address == null ? "null" : address.length + " bytes"));
        }
        int off = IpAddresses.v4Offset(address);
        int len = address.length - off;
        String shown = IpAddresses.format(address, off, len);
        for (HostRule d : denyBlocks) {
            if (d.entry.block().contains(address, off, len)) {
                return Decision.deny(d.id, "looking up the name of " + shown + " is denied by network.deny '"
                        + d.entry.text() + "'");
            }
        }
        boolean metadata = MetadataRanges.find(address, off, len) != null;
        for (HostRule r : connectBlocks) {
            if ((!metadata || r.insideMetadata) && r.entry.block().contains(address, off, len)) {
                return r.allow;
            }
        }
        return Decision.deny(DEFAULT_DENY, "a reverse (PTR) lookup of " + shown + " is a DNS query chosen by the"
                + " application; only an address that a network.connect IP or CIDR entry grants may be looked up",
                "allowed: " + connectAllowed);
    }

    /**
     * May the name-resolver provider {@code providerClass} (an {@code InetAddressResolverProvider} found on
     * the class path, JDK 18+) answer the JVM's lookups? Only when a {@code network.resolver} entry names the
     * class exactly: its answers decide which address a name that {@code network.connect} grants reaches.
     */
    public Decision decideResolverProvider(String providerClass) {
        for (int i = 0; i < resolverClasses.length; i++) {
            if (resolverClasses[i].equals(providerClass)) {
                return grant(resolverIds[i], resolverClasses[i]);
            }
        }
        return Decision.deny(DEFAULT_DENY, "no network.resolver entry grants the name-resolver provider "
                + Summaries.oneLine(String.valueOf(providerClass)) + ": its answers would decide where a name that"
                + " network.connect grants leads; name it in network.resolver if you trust it");
    }

    /** May the application connect to the Unix domain socket at {@code path} (absolute, normalized)? */
    public Decision decideUnixConnect(String path) {
        Decision denied = unixDenied(path);
        if (denied != null) {
            return denied;
        }
        for (UnixRule r : connectUnix) {
            if (r.matcher.matches(path)) {
                return r.allow;
            }
        }
        return Decision.deny(DEFAULT_DENY, "no network.connect rule grants unix socket " + Summaries.oneLine(path),
                "allowed: " + unixConnectAllowed);
    }

    /** May the application bind a Unix domain socket at {@code path} (absolute, normalized)? */
    public Decision decideUnixListen(String path) {
        Decision denied = unixDenied(path);
        if (denied != null) {
            return denied;
        }
        for (UnixRule r : listenUnix) {
            if (r.matcher.matches(path)) {
                return r.allow;
            }
        }
        return Decision.deny(DEFAULT_DENY, "no network.listen rule grants unix socket " + Summaries.oneLine(path),
                "allowed: " + unixListenAllowed);
    }

    private Decision unixDenied(String path) {
        if (path == null) {
            return Decision.deny(DEFAULT_DENY, "unix socket without a path");
        }
        for (UnixRule d : denyUnix) {
            if (d.matcher.matches(path)) {
                return Decision.deny(d.id, "unix socket " + Summaries.oneLine(path) + " is denied by network.deny 'unix:"
                        + d.matcher.pattern() + "'");
            }
        }
        return null;
    }

    /**
     * May a server socket, or a datagram socket for receiving, bind {@code address}:{@code port}? Port 0
     * (let the system choose) is granted only by a {@code *} port list. A wildcard address (0.0.0.0,
     * ::) is granted only by an entry naming it (see {@link ListenEntry}). Address entries of
     * {@code network.deny} apply here too.
     */
    public Decision decideListen(byte[] address, int port) {
        if (address == null || (address.length != 4 && address.length != 16)) {
            return Decision.deny(DEFAULT_DENY, "not an IP address: "
                    + (address == null ? "null" : address.length + " bytes"));
        }
        int off = IpAddresses.v4Offset(address);
        int len = address.length - off;
        for (HostRule d : denyBlocks) {
            if (d.entry.block().contains(address, off, len) && d.entry.ports().contains(port)) {
                return Decision.deny(d.id, "binding " + IpAddresses.formatWithPort(address, off, len, port)
                        + " is denied by network.deny '" + d.entry.text() + "'");
            }
        }
        for (ListenRule r : listen) {
            if (r.entry.matches(address, off, len, port)) {
                return r.allow;
            }
        }
        String reason = "no network.listen rule grants binding " + IpAddresses.formatWithPort(address, off, len, port);
        if (ListenEntry.isUnspecified(address, off, len)) {
            reason += "; a wildcard bind needs an entry that names it ("
                    + (len == 4 ? "0.0.0.0" : "[::]") + ":PORTS or *:PORTS)";
        }
        return Decision.deny(DEFAULT_DENY, reason, "allowed: " + listenAllowed);
    }

    /** Collects the parsed entries of the section, each with its rule id, then compiles them. */
    public static final class Builder {
        private final List<HostRule> connect = new ArrayList<>();
        private final List<HostRule> deny = new ArrayList<>();
        private final List<NameRule> resolve = new ArrayList<>();
        private final List<UnixRule> connectUnix = new ArrayList<>();
        private final List<UnixRule> denyUnix = new ArrayList<>();
        private final List<UnixRule> listenUnix = new ArrayList<>();
        private final List<ListenRule> listen = new ArrayList<>();
        private final List<String> resolverIds = new ArrayList<>();
        private final List<String> resolverClasses = new ArrayList<>();

        private Builder() {
        }

        /** A {@code network.connect} host entry, e.g. rule id {@code network.connect[0]}. */
        public Builder connect(String ruleId, ConnectEntry entry) {
            connect.add(new HostRule(ruleId, entry));
            return this;
        }

        /** A {@code network.connect} {@code unix:GLOB} entry, compiled by the caller. */
        public Builder connectUnix(String ruleId, UnixPathMatcher matcher) {
            connectUnix.add(new UnixRule(ruleId, matcher));
            return this;
        }

        /** A {@code network.resolve} entry: a name or wildcard name, no port. */
        public Builder resolve(String ruleId, HostPattern name) {
            resolve.add(new NameRule(ruleId, name));
            return this;
        }

        /** A {@code network.deny} host entry. */
        public Builder deny(String ruleId, ConnectEntry entry) {
            deny.add(new HostRule(ruleId, entry));
            return this;
        }

        /** A {@code network.deny} {@code unix:GLOB} entry; it denies both connecting and binding. */
        public Builder denyUnix(String ruleId, UnixPathMatcher matcher) {
            denyUnix.add(new UnixRule(ruleId, matcher));
            return this;
        }

        /** A {@code network.listen} address entry. */
        public Builder listen(String ruleId, ListenEntry entry) {
            listen.add(new ListenRule(ruleId, entry));
            return this;
        }

        /** A {@code network.listen} {@code unix:GLOB} entry, compiled by the caller. */
        public Builder listenUnix(String ruleId, UnixPathMatcher matcher) {
            listenUnix.add(new UnixRule(ruleId, matcher));
            return this;
        }

        /** A {@code network.resolver} entry: a resolver provider class trusted to answer name lookups. */
        public Builder resolver(String ruleId, String providerClass) throws PatternException {
            resolverIds.add(Objects.requireNonNull(ruleId, "ruleId"));
            resolverClasses.add(ResolverProviderName.check(providerClass));
            return this;
        }

        public NetworkRules build() {
            return new NetworkRules(this);
        }
    }

    private static Decision grant(String ruleId, String text) {
        return Decision.allow(ruleId, "granted by '" + text + "'");
    }

    private static final class HostRule {
        final String id;
        final ConnectEntry entry;
        final Decision allow;
        final boolean insideMetadata;

        HostRule(String id, ConnectEntry entry) {
            this.id = Objects.requireNonNull(id, "ruleId");
            this.entry = Objects.requireNonNull(entry, "entry");
            this.allow = grant(id, entry.text());
            this.insideMetadata = entry.block() != null && MetadataRanges.inside(entry.block());
        }
    }

    private static final class NameRule {
        final String id;
        final HostPattern name;
        final Decision allow;

        NameRule(String id, HostPattern name) {
            this.id = Objects.requireNonNull(id, "ruleId");
            this.name = Objects.requireNonNull(name, "name");
            this.allow = grant(id, name.toString());
        }
    }

    /**
     * For {@code guard.jar explain}: may the application connect to {@code hostName}:{@code port}, given
     * that the name may be resolved and resolves to an ordinary (not link-local or metadata) address?
     * The agent itself always decides on the address it connects to, with {@link #decideConnect}.
     */
    public Decision decideConnectByName(String hostName, int port) {
        for (HostRule d : denyNames) {
            if (d.entry.name().matches(hostName) && d.entry.ports().contains(port)) {
                return Decision.deny(d.id, "connecting to " + Summaries.oneLine(hostName) + ":" + port
                        + " is denied by network.deny '" + d.entry.text() + "'");
            }
        }
        for (HostRule r : connectNames) {
            if (r.entry.name().matches(hostName) && r.entry.ports().contains(port)) {
                return r.allow;
            }
        }
        return Decision.deny(DEFAULT_DENY, "no network.connect rule grants " + Summaries.oneLine(hostName) + ":"
                + port, "allowed: " + connectAllowed);
    }

    private static final class UnixRule {
        final String id;
        final UnixPathMatcher matcher;
        final Decision allow;

        UnixRule(String id, UnixPathMatcher matcher) {
            this.id = Objects.requireNonNull(id, "ruleId");
            this.matcher = Objects.requireNonNull(matcher, "matcher");
            this.allow = grant(id, "unix:" + matcher.pattern());
        }
    }

    private static final class ListenRule {
        final String id;
        final ListenEntry entry;
        final Decision allow;

        ListenRule(String id, ListenEntry entry) {
            this.id = Objects.requireNonNull(id, "ruleId");
            this.entry = Objects.requireNonNull(entry, "entry");
            this.allow = grant(id, entry.text());
        }
    }
}
