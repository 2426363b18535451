package dev.agentguard.agent.install.weave;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Reads the class files the weaver needs at start: the JDK's (hooked classes and their super classes) and the
 * advice's (in guard.jar), some hundred and thirty of them, on the hooks' thread, which is the start's
 * critical path. Through {@code ClassLoader.getSystemResourceAsStream} each was a URL built, parsed and opened
 * ({@code jrt:} or {@code jar:} connections); here a JDK class file is read from {@code java.base} through
 * {@link Module#getResourceAsStream} (class files are never encapsulated) and an advice class file from one
 * {@link ZipFile} of the jar the boot loader finds the advice in. Anything else, or any failure, takes the
 * loader's resource path as before, so the bytes are the same ones either way.
 */
final class ClassFiles {
    private static final Module JAVA_BASE = Object.class.getModule();
    private static final Object LOCK = new Object();
    /** guard.jar as the boot loader finds the advice in it, opened once; never closed (the JVM keeps it open too). */
    private static ZipFile guardJar;
    private static boolean guardJarTried;

    private ClassFiles() {}

    /** The class file of {@code internalName} through {@code loader} (null: the boot loader), or null. */
    static byte[] read(String internalName, ClassLoader loader) {
        String resource = internalName + ".class";
        if (loader == null) {
            // The guard's own classes (the advice) are in guard.jar, never in java.base: one place is looked in.
            byte[] bytes = internalName.startsWith("dev/agentguard/") ? fromGuardJar(resource) : fromJavaBase(resource);
            if (bytes != null) {
                return bytes;
            }
        }
        return fromLoader(resource, loader);
    }

    private static byte[] fromJavaBase(String resource) {
        try (InputStream in = JAVA_BASE.getResourceAsStream(resource)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static byte[] fromGuardJar(String resource) {
        ZipFile jar = guardJar();
        if (jar == null) {
            return null;
        }
        try {
            ZipEntry entry = jar.getEntry(resource);
            if (entry == null) {
                return null;
            }
            try (InputStream in = jar.getInputStream(entry)) {
                return in.readAllBytes();
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The jar in which the boot loader finds this class (guard.jar, whose origin the agent verifies), or null. */
    private static ZipFile guardJar() {
        synchronized (LOCK) {
            if (!guardJarTried) {
                guardJarTried = true;
                guardJar = open(ClassFiles.class.getName().replace('.', '/') + ".class");
            }
            return guardJar;
        }
    }

    private static ZipFile open(String ownClassFile) {
        try {
            URL url = ClassLoader.getPlatformClassLoader().getResource(ownClassFile);
            String spec = url == null ? null : url.toString();
            int bang = spec == null ? -1 : spec.indexOf("!/");
            if (bang < 0 || !spec.startsWith("jar:file:")) {
                return null;
            }
            Path path = Path.of(new URI(spec.substring("jar:".length(), bang)));
            return new ZipFile(path.toFile());
        } catch (IOException | java.net.URISyntaxException | RuntimeException e) {
            return null;
        }
    }

    private static byte[] fromLoader(String resource, ClassLoader loader) {
        ClassLoader[] loaders = {loader, ClassFiles.class.getClassLoader()};
        for (ClassLoader l : loaders) {
            try (InputStream in = l == null ? ClassLoader.getSystemResourceAsStream(resource) : l.getResourceAsStream(resource)) {
                if (in != null) {
                    return in.readAllBytes();
                }
            } catch (IOException e) {
                // try the next loader
            }
        }
        return null;
    }
}
