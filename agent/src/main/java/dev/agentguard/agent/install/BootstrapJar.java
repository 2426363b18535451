package dev.agentguard.agent.install;

import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.instrument.Instrumentation;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * Puts the bridge ({@code dev.agentguard.bootstrap}) on the bootstrap class path, where advice inlined
 * into {@code java.base} can see it, and nothing else: the engine, Byte Buddy and Jackson stay with the
 * application class loader, out of the host's way.
 *
 * <p>The bridge classes are copied from guard.jar into a small jar in the temp folder and appended with
 * {@link Instrumentation#appendToBootstrapClassLoaderSearch}. They are all loaded right away, so replacing
 * the file later changes nothing. This class must not mention a bridge type: a class loaded before the
 * append would come from the application loader and be a second, useless copy.
 */
public final class BootstrapJar {
    static final String PACKAGE_PATH = "dev/agentguard/bootstrap/";
    public static final String BRIDGE = "dev.agentguard.bootstrap.GuardBridge";
    static final String DESCRIPTOR_HANDLES = "dev.agentguard.bootstrap.Descriptors$Handles";

    private BootstrapJar() {}

    /** Appends the bridge and loads it; returns the jar's path, which the file rules protect. */
    public static Path append(Instrumentation instrumentation) throws IOException {
        List<String> classes = bridgeClassFiles();
        if (classes.isEmpty()) {
            throw new IOException("the bridge classes (" + PACKAGE_PATH + ") are missing from guard.jar");
        }
        Path jar = Files.createTempFile("agentguard-bootstrap-", ".jar");
        File jarFile = jar.toFile(); // deleted by the guard's shutdown hook, not deleteOnExit (a checked delete)
        ClassLoader loader = BootstrapJar.class.getClassLoader();
        try (OutputStream file = new FileOutputStream(jarFile);
             JarOutputStream out = new JarOutputStream(file)) {
            for (String name : classes) {
                try (InputStream in = loader.getResourceAsStream(name)) {
                    if (in == null) {
                        throw new IOException("cannot read " + name + " from guard.jar");
                    }
                    out.putNextEntry(new JarEntry(name));
                    in.transferTo(out);
                    out.closeEntry();
                }
            }
        }
        try (JarFile appended = new JarFile(jarFile)) {
            instrumentation.appendToBootstrapClassLoaderSearch(appended);
        }
        for (String name : classes) {
            String className = name.substring(0, name.length() - ".class".length()).replace('/', '.');
            try {
                // Loaded now, while nothing is hooked; initialized too, except the descriptor accessors, which
                // can initialize only once DescriptorAccess exported the JDK packages to the bridge.
                Class<?> loaded = Class.forName(className, !className.equals(DESCRIPTOR_HANDLES), null);
                if (loaded.getClassLoader() != null) {
                    throw new IOException(className + " was not loaded by the bootstrap class loader");
                }
            } catch (ClassNotFoundException e) {
                throw new IOException("the bootstrap class loader cannot load " + className, e);
            }
        }
        for (String name : classes) {
            definePackage(name);
        }
        return jar;
    }

    /**
     * Defines the bridge's {@link Package} now, before any hook is in. The boot loader defines the package
     * of a class on the appended path lazily, on the first {@code Class.getPackage}, by opening this jar to
     * read its manifest. Logback's packaging data (and any stack-trace printer that shows versions) asks for
     * the package of every frame's class, {@code GuardDeniedException} among them: done then, that read is
     * a checked open of a file in {@code ${tmp}} that no policy grants, and its denial would hide the real
     * one the application was reporting. Once defined, the package is remembered and the jar not read again
     * (so asking once per class costs a map look-up after the first).
     */
    private static void definePackage(String classFile) throws IOException {
        String className = classFile.substring(0, classFile.length() - ".class".length()).replace('/', '.');
        try {
            if (Class.forName(className, false, null).getPackage() == null) {
                throw new IOException("the boot loader defines no package for " + className);
            }
        } catch (ClassNotFoundException e) {
            throw new IOException("the bootstrap class loader cannot load " + className, e);
        }
    }

    /** The class files of the bridge package, from guard.jar or (in tests) the classes folder. */
    static List<String> bridgeClassFiles() throws IOException {
        URL marker = BootstrapJar.class.getClassLoader().getResource(PACKAGE_PATH + "GuardBridge.class");
        if (marker == null) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        if (marker.getProtocol().equals("jar")) {
            String spec = marker.getPath();
            String jarPath = spec.substring("file:".length(), spec.indexOf("!/"));
            try (JarFile jar = new JarFile(new File(new URL("file:" + jarPath).toURI()))) {
                Enumeration<JarEntry> entries = jar.entries();
                while (entries.hasMoreElements()) {
                    String name = entries.nextElement().getName();
                    if (name.startsWith(PACKAGE_PATH) && name.endsWith(".class")
                            && name.indexOf('/', PACKAGE_PATH.length()) < 0) {
                        names.add(name);
                    }
                }
            } catch (URISyntaxException e) {
                throw new IOException("cannot locate guard.jar: " + spec, e);
            }
        } else {
            try {
                Path dir = Path.of(marker.toURI()).getParent();
                try (Stream<Path> files = Files.list(dir)) {
                    files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".class"))
                            .forEach(n -> names.add(PACKAGE_PATH + n));
                }
            } catch (URISyntaxException e) {
                throw new IOException("cannot locate the bridge classes: " + marker, e);
            }
        }
        return names;
    }
}
