package dev.agentguard.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** Jars the tests build from test-apps' compiled classes: agents and application jars. */
final class TestJars {
    private TestJars() {}

    /** A jar with the given main attributes and the named classes (binary names) from test-apps. */
    static Path write(Path jar, Map<String, String> attributes, List<String> classes) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        attributes.forEach(manifest.getMainAttributes()::putValue);
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            for (String type : classes) {
                String entry = type.replace('.', '/') + ".class";
                out.putNextEntry(new JarEntry(entry));
                out.write(Files.readAllBytes(ChildJvm.APPS.resolve(entry)));
                out.closeEntry();
            }
        }
        return jar;
    }
}
