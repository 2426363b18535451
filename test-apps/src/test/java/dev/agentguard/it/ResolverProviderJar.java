package dev.agentguard.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

/**
 * A jar holding an {@code InetAddressResolverProvider} (JDK 18+; the project compiles for 17, so it is
 * compiled here with JDK 25's javac) and its {@code META-INF/services} entry. Its resolver answers the
 * names in {@code -Dag.resolver.map=name=a.b.c.d,...} with those addresses (127.0.0.2 standing in for
 * "anywhere") and hands every other lookup to the JDK's built-in resolver.
 */
final class ResolverProviderJar {
    static final String PROVIDER = "agentguard.test.MappingProvider";

    private static final String SOURCE = String.join("\n",
            "package agentguard.test;",
            "import java.net.InetAddress;",
            "import java.net.UnknownHostException;",
            "import java.net.spi.InetAddressResolver;",
            "import java.net.spi.InetAddressResolverProvider;",
            "import java.util.stream.Stream;",
            "public final class MappingProvider extends InetAddressResolverProvider {",
            "    @Override public InetAddressResolver get(Configuration configuration) {",
            "        InetAddressResolver builtin = configuration.builtinResolver();",
            "        return new InetAddressResolver() {",
            "            @Override public Stream<InetAddress> lookupByName(String host, LookupPolicy policy)",
            "                    throws UnknownHostException {",
            "                for (String pair : System.getProperty(\"ag.resolver.map\", \"\").split(\",\")) {",
            "                    int eq = pair.indexOf('=');",
            "                    if (eq > 0 && pair.substring(0, eq).equalsIgnoreCase(host)) {",
            "                        byte[] ip = InetAddress.getByName(pair.substring(eq + 1)).getAddress();",
            "                        return Stream.of(InetAddress.getByAddress(host, ip));",
            "                    }",
            "                }",
            "                return builtin.lookupByName(host, policy);",
            "            }",
            "            @Override public String lookupByAddress(byte[] address) throws UnknownHostException {",
            "                return builtin.lookupByAddress(address);",
            "            }",
            "        };",
            "    }",
            "    @Override public String name() { return \"agentguard-test-mapping\"; }",
            "}",
            "");

    private ResolverProviderJar() {}

    /** Compiles the provider into {@code dir} and returns the jar. */
    static Path build(Path dir) throws IOException, InterruptedException {
        Path src = dir.resolve("src/agentguard/test/MappingProvider.java");
        Path classes = dir.resolve("classes");
        Files.createDirectories(src.getParent());
        Files.createDirectories(classes);
        Files.writeString(src, SOURCE, StandardCharsets.UTF_8);
        Path javac = Jdks.java(25).resolveSibling("javac");
        Process p = new ProcessBuilder(javac.toString(), "--release", "18", "-d", classes.toString(), src.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as("javac of the resolver provider: " + out).isZero();
        Path jar = dir.resolve("resolver-provider.jar");
        try (JarOutputStream j = new JarOutputStream(Files.newOutputStream(jar))) {
            j.putNextEntry(new JarEntry("META-INF/services/java.net.spi.InetAddressResolverProvider"));
            j.write((PROVIDER + "\n").getBytes(StandardCharsets.UTF_8));
            try (var files = Files.walk(classes)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    j.putNextEntry(new JarEntry(classes.relativize(f).toString()));
                    j.write(Files.readAllBytes(f));
                }
            }
        }
        return jar;
    }
}
