package dev.agentguard.agent.install;

import java.io.IOException;
import java.lang.instrument.Instrumentation;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;

/**
 * Checks that the bridge ({@code dev.agentguard.bootstrap}), which advice inlined into {@code java.base}
 * calls, is on the boot class path and comes from this very guard.jar, then loads it.
 *
 * <p>guard.jar's manifest names itself in {@code Boot-Class-Path: guard.jar}. The JVM reads that while it
 * loads the agent, before it is live, so class-data sharing stays on for every class loader and nothing is
 * printed (an {@code appendToBootstrapClassLoaderSearch} at run time turns sharing off for the platform and
 * application loaders and warns on stderr). The entry is a file name relative to the agent jar's folder, so
 * it resolves to this jar only while the jar is called guard.jar; and the boot loader searches earlier
 * entries first ({@code -Xbootclasspath/a}, an earlier agent's {@code Boot-Class-Path}). Hence the checks
 * here, each of which stops the JVM when it fails:
 * <ul>
 *   <li>this class itself was loaded by the boot loader: when the entry resolves to nothing (a renamed jar),
 *       the whole guard runs from the application class path and no bridge is boot-visible;</li>
 *   <li>the boot loader finds this class in a file named guard.jar, and that file is the -javaagent jar;</li>
 *   <li>no bridge class was loaded before the guard started (one defined by someone else would win);</li>
 *   <li>for every bridge class file in that jar, the boot loader's first match is in that same jar, and the
 *       class it loads is the boot loader's.</li>
 * </ul>
 * With guard.jar on the boot class path the whole guard (engine, and the shaded Byte Buddy, Jackson and
 * SnakeYAML) is loaded by the boot loader, parent first, not by the application loader: see README Limits.
 */
public final class BootClassPath {
    static final String PACKAGE = "dev.agentguard.bootstrap.";
    static final String PACKAGE_PATH = "dev/agentguard/bootstrap/";
    /**
     * The bridge's accessors of JDK internals are nested classes named {@code Handles} ({@code Descriptors$Handles},
     * {@code ObjectId$Handles}): their initializers need the JDK packages that {@code DescriptorAccess} opens later.
     */
    static final String INTERNALS_ACCESSOR = "$Handles";
    /** The file name guard.jar's {@code Boot-Class-Path} gives (see the shade plugin's manifest in the pom). */
    static final String JAR_NAME = "guard.jar";
    private static final char REPLACEMENT = '\uFFFD';
    private static final String PROC_FD = "/proc/self/fd";
    private static final String SELF = BootClassPath.class.getName().replace('.', '/') + ".class";
    /**
     * Every class file of the bridge package. Listed rather than read from the jar's directory at start:
     * walking guard.jar's five thousand entries cost more than the rest of the check. BootClassPathTest
     * fails the build when this list and the package differ.
     */
    static final List<String> BRIDGE_CLASSES = List.of(
            "dev/agentguard/bootstrap/AnchoredOpen.class",
            "dev/agentguard/bootstrap/BoundSockets.class",
            "dev/agentguard/bootstrap/BoundSockets$Held.class",
            "dev/agentguard/bootstrap/Descriptors.class",
            "dev/agentguard/bootstrap/Descriptors$Handles.class",
            "dev/agentguard/bootstrap/Guard.class",
            "dev/agentguard/bootstrap/GuardBridge.class",
            "dev/agentguard/bootstrap/GuardBridge$DepthLocal.class",
            "dev/agentguard/bootstrap/GuardBridge$DirectoryRead.class",
            "dev/agentguard/bootstrap/GuardBridge$PrepaidPipeline.class",
            "dev/agentguard/bootstrap/GuardBridge$ThreadState.class",
            "dev/agentguard/bootstrap/GuardDeniedException.class",
            "dev/agentguard/bootstrap/HiddenProcessInfo.class",
            "dev/agentguard/bootstrap/InstalledResolver.class",
            "dev/agentguard/bootstrap/LastShutdownStep.class",
            "dev/agentguard/bootstrap/ObjectId.class",
            "dev/agentguard/bootstrap/ObjectId$Handles.class",
            "dev/agentguard/bootstrap/OpenOptions.class",
            "dev/agentguard/bootstrap/PinnedActs.class",
            "dev/agentguard/bootstrap/SecureDirectories.class");

    private BootClassPath() {}

    /**
     * A bridge class loaded before the guard looked: only someone else can have loaded or defined it. Run
     * first in premain, before any of the guard's own code can name a bridge type. Returns a problem or null.
     */
    public static String preloaded(Instrumentation instrumentation) {
        for (Class<?> type : instrumentation.getInitiatedClasses(null)) {
            if (type.getName().startsWith(PACKAGE)) {
                return "the guard's bridge class " + type.getName() + " was loaded before the guard started, "
                        + "so it may not be the guard's own; is another agent or -Xbootclasspath/a carrying a "
                        + "copy of guard.jar?";
            }
        }
        return null;
    }

    /** Verifies the bridge's origin and loads it; returns guard.jar's path, which the file rules protect. */
    public static Path verify() throws IOException {
        if (BootClassPath.class.getClassLoader() != null) {
            throw new IOException("guard.jar is not on the boot class path: its manifest (Boot-Class-Path: "
                    + JAR_NAME + ") names the file " + JAR_NAME + " in the agent jar's own folder, and there is "
                    + "no such file there. Was the jar renamed? Keep the name " + JAR_NAME);
        }
        String undecodable = undecodableOpenFile();
        if (undecodable != null) {
            throw new IOException("the JVM holds open a file whose name cannot be decoded in the platform encoding "
                    + "(sun.jnu.encoding " + System.getProperty("sun.jnu.encoding") + "): " + undecodable + ". Java "
                    + "reads such a name as another file's, so the guard cannot tell which jar the boot loader runs;"
                    + " rename it, or start the JVM in a locale that decodes it");
        }
        String jarUrl = bootOrigin(SELF);
        if (jarUrl == null) {
            throw new IOException("the boot loader cannot find " + SELF + " although it loaded it");
        }
        Path jar = jarPath(jarUrl);
        undecodable(jar);
        if (!jar.getFileName().toString().equals(JAR_NAME)) {
            throw new IOException("the guard was loaded from " + jar + ", not from a file named " + JAR_NAME);
        }
        Path agentJar = agentJar();
        if (agentJar != null) {
            undecodable(agentJar);
        }
        if (agentJar == null || !Files.isSameFile(jar, agentJar)) {
            throw new IOException("the boot class path loads the guard from " + jar + ", not from the agent jar "
                    + agentJar + " (a second copy of guard.jar on -Xbootclasspath/a or an earlier agent's "
                    + "Boot-Class-Path, or another guard.jar beside a renamed agent jar): remove that copy");
        }
        for (String name : BRIDGE_CLASSES) {
            String origin = bootOrigin(name);
            if (!jarUrl.equals(origin)) {
                throw new IOException("the boot class path finds the bridge class " + name + " in "
                        + (origin == null ? "no file" : origin) + " before " + jar
                        + " (a second copy of the bridge on -Xbootclasspath/a or an earlier agent's "
                        + "Boot-Class-Path): remove that copy");
            }
        }
        for (String name : BRIDGE_CLASSES) {
            String className = className(name);
            try {
                // Loaded now, while nothing is hooked; initialized too, except the accessors of JDK internals
                // (descriptors, fstat), which can initialize only once DescriptorAccess opened the JDK packages
                // to the bridge.
                Class<?> loaded = Class.forName(className, !className.endsWith(INTERNALS_ACCESSOR), null);
                if (loaded.getClassLoader() != null) {
                    throw new IOException(className + " was not loaded by the bootstrap class loader");
                }
                definePackage(loaded);
            } catch (ClassNotFoundException e) {
                throw new IOException("the bootstrap class loader cannot load " + className, e);
            }
        }
        return jar;
    }

    /**
     * The jar (as a {@code jar:file:...} prefix) in which the boot loader finds a class file first, or null.
     * The platform loader asks the boot loader first and has no class path of its own, so its answer is the
     * boot class path's, in the boot loader's search order.
     */
    static String bootOrigin(String classFile) {
        URL url = ClassLoader.getPlatformClassLoader().getResource(classFile);
        if (url == null) {
            return null;
        }
        String spec = url.toString();
        int bang = spec.indexOf("!/");
        return spec.startsWith("jar:") && bang > 0 ? spec.substring(0, bang) : spec;
    }

    /**
     * The -javaagent jar: the JVM appends it to the application class path, after every entry of
     * {@code -cp}, so it holds the last copy of this class that the system class loader can see.
     *
     * <p>The search opens every jar of the application class path, and the jars their manifests'
     * {@code Class-Path} names, before any hook is in; the application loader keeps them open. That is
     * load-bearing: a later class load from such a jar then opens nothing the guard checks. Taking the agent jar
     * from the command line instead left those opens to the first class loads, checked: a manifest's
     * {@code Class-Path} entry that the baseline does not grant was answered "absent" and recorded
     * ({@code LangChain4jAgentTest}), and opening one that exists would be denied (docs/design/startup.md, "Fourth round").
     */
    private static Path agentJar() throws IOException {
        String last = null;
        Enumeration<URL> copies = ClassLoader.getSystemClassLoader().getResources(SELF);
        while (copies.hasMoreElements()) {
            last = copies.nextElement().toString();
        }
        int bang = last == null ? -1 : last.indexOf("!/");
        return last != null && last.startsWith("jar:") && bang > 0 ? jarPath(last.substring(0, bang)) : null;
    }

    /**
     * A name Java decoded with a replacement character: the bytes were not valid in the platform encoding, and
     * the decoded name is another file's (a folder "x" and the byte FF reads as "x" and U+FFFD, whose UTF-8
     * bytes EF BF BD name another folder). The boot loader's resource lookup and the class path are both read
     * that way, so with a guard.jar in each of two such folders every comparison here would find one and the
     * same file while the JVM runs the other (BootClassPathAttackTest).
     */
    private static void undecodable(Path path) throws IOException {
        if (path.toString().indexOf(REPLACEMENT) >= 0) {
            throw new IOException("the guard's jar " + path + " has a name that cannot be decoded in the platform "
                    + "encoding (sun.jnu.encoding " + System.getProperty("sun.jnu.encoding") + "), or names a "
                    + "folder whose name is U+FFFD: Java may read it as another file's; rename it");
        }
    }

    /**
     * The first file the JVM holds open (past the standard streams) whose name Java cannot decode, or null. The
     * JVM keeps every jar of the boot class path open from its start, so a boot class path entry that Java's
     * own view of that path reads as another file (where it may find no bridge class at all) shows here.
     */
    private static String undecodableOpenFile() {
        String[] numbers = new java.io.File(PROC_FD).list();
        if (numbers == null) {
            return null; // no /proc: DescriptorAccess stops the JVM later
        }
        for (String number : numbers) {
            if (number.equals("0") || number.equals("1") || number.equals("2")) {
                continue;
            }
            String target;
            try {
                target = Files.readSymbolicLink(Path.of(PROC_FD, number)).toString();
            } catch (IOException | RuntimeException e) {
                continue; // closed since the listing (the listing's own descriptor)
            }
            if (target.indexOf(REPLACEMENT) >= 0) {
                return target;
            }
        }
        return null;
    }

    private static Path jarPath(String jarUrl) throws IOException {
        try {
            return Path.of(new URI(jarUrl.substring("jar:".length()))).toAbsolutePath();
        } catch (URISyntaxException | IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new IOException("the guard was not loaded from a jar file: " + jarUrl, e);
        }
    }

    private static String className(String classFile) {
        return classFile.substring(0, classFile.length() - ".class".length()).replace('/', '.');
    }

    /**
     * Defines the bridge's {@link Package} now, before any hook is in. The boot loader defines the package
     * of a class on the appended path lazily, on the first {@code Class.getPackage}, by opening the jar to
     * read its manifest. Logback's packaging data (and any stack-trace printer that shows versions) asks for
     * the package of every frame's class, {@code GuardDeniedException} among them: done then, that read would
     * be a checked open, and its denial would hide the real one the application was reporting. Once defined,
     * the package is remembered and the jar not read again.
     */
    private static void definePackage(Class<?> loaded) throws IOException {
        if (loaded.getPackage() == null) {
            throw new IOException("the boot loader defines no package for " + loaded.getName());
        }
    }

}
