package dev.agentguard.policy.jvm;

import dev.agentguard.policy.Decision;
import dev.agentguard.policy.file.FileAccess;
import dev.agentguard.policy.file.FileRules;
import dev.agentguard.policy.file.PathForms;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * Decides {@code JVMTI.agent_load PATH [OPTIONS]}, the one diagnostic command that loads code, against
 * {@code jvm.agents}. It decides on the file, not on its name: the path HotSpot will open must be written
 * exactly as granted, and the file it reaches (links resolved) must be one the program cannot change:
 * neither it nor a folder above it may be writable under {@code files.write}, and neither it nor its
 * folder may carry a write permission bit that applies to this process (a granted child process could
 * otherwise swap it between this check and the JVM's own open). A pinned SHA-256 is checked on the bytes. For a Java agent the jar's
 * {@code Agent-Class} is returned, for the later check of the {@code agentmain} call, and no class path entry
 * may be writable under {@code files.write}: the system class loader would find a class planted there
 * before the agent's own.
 */
public final class AgentLoads {
    /** The command's name, as HotSpot registers it. */
    public static final String COMMAND = "JVMTI.agent_load";

    /** The outcome: the decision, and for an allowed Java agent its class and the jar's real path. */
    public record Verdict(Decision decision, String agentClass, String realPath) {}

    private final List<AgentGrant> grants;
    private final Decision[] allowed;

    AgentLoads(List<AgentGrant> grants) {
        this.grants = List.copyOf(grants);
        this.allowed = new Decision[grants.size()];
        for (int i = 0; i < allowed.length; i++) {
            AgentGrant g = grants.get(i);
            allowed[i] = Decision.allow("jvm.agents[" + i + "]", "agent granted by jvm.agents[" + i + "] '"
                    + g.written() + "'" + (g.sha256() == null ? "" : " (sha256 checked)"));
        }
    }

    public List<AgentGrant> grants() {
        return grants;
    }

    /** The diagnostic command line {@code JVMTI.agent_load PATH [OPTIONS]}, as the JDK hands it to HotSpot. */
    public Verdict decide(String commandLine, FileRules files, List<String> classPath) {
        String path = libraryArgument(commandLine);
        if (path == null) {
            return denied("the agent's path must follow " + COMMAND + " after one space, absolute, normalized and"
                    + " written plainly (no quote, '=' or second space): HotSpot and the JPLIS agent read other"
                    + " forms differently");
        }
        int index = -1;
        for (int i = 0; i < grants.size() && index < 0; i++) {
            if (grants.get(i).path().equals(path)) {
                index = i;
            }
        }
        if (index < 0) {
            return new Verdict(Decision.deny("default-deny", "no jvm.agents rule grants loading the agent " + path
                    + " (it would run unchecked code in this JVM); add its path to jvm.agents",
                    "granted: " + (grants.isEmpty() ? "none" : String.join(", ", written()))), null, null);
        }
        AgentGrant grant = grants.get(index);
        String real = PathForms.realForm(path, "/");
        if (!Files.isRegularFile(Path.of(real))) {
            return denied("the agent file " + real + " of jvm.agents[" + index + "] does not exist");
        }
        String writable = programCanChange(path, real, files);
        if (writable != null) {
            return denied("the program could replace the agent " + real + " of jvm.agents[" + index + "] ("
                    + writable + "); keep agents in a folder no files.write rule covers, read-only");
        }
        if (grant.sha256() != null) {
            String digest = sha256(real);
            if (!grant.sha256().equals(digest)) {
                return denied("the agent " + real + " does not have the sha256 jvm.agents[" + index + "] pins");
            }
        }
        if (!javaAgent(path)) {
            return new Verdict(allowed[index], null, real);
        }
        String agentClass;
        try (JarFile jar = new JarFile(real)) {
            Manifest manifest = jar.getManifest();
            Attributes main = manifest == null ? null : manifest.getMainAttributes();
            agentClass = main == null ? null : main.getValue("Agent-Class");
            if (main != null && main.getValue("Boot-Class-Path") != null) {
                return denied("the agent jar " + real + " names a Boot-Class-Path, whose jars jvm.agents does not"
                        + " check; put this agent on the command line (-javaagent) instead");
            }
        } catch (IOException | RuntimeException e) {
            return denied("the agent jar " + real + " cannot be read as a jar (" + e.getClass().getSimpleName() + ")");
        }
        if (agentClass == null || agentClass.isBlank()) {
            return denied("the agent jar " + real + " has no Agent-Class");
        }
        String planted = writableClassPathEntry(classPath, files);
        if (planted != null) {
            return denied("the class path entry " + planted + " is writable under files.write, and the JVM appends"
                    + " the agent jar after it: a class planted there would stand in for the agent's classes and"
                    + " get its Instrumentation; keep writable folders off the class path");
        }
        return new Verdict(allowed[index], agentClass.strip(), real);
    }

    /**
     * A class path entry the program may write (the entry itself, or a file directly in it), or null. The
     * system class loader looks there before the agent jar, which the JPLIS agent appends last.
     */
    static String writableClassPathEntry(List<String> classPath, FileRules files) {
        for (String entry : classPath) {
            for (String p : List.of(entry, entry + "/Agent.class")) {
                if (files.decide(FileAccess.WRITE, p, p).allowed()) {
                    return entry;
                }
            }
        }
        return null;
    }

    private static Verdict denied(String why) {
        return new Verdict(Decision.deny("default-deny", why), null, null);
    }

    private List<String> written() {
        List<String> out = new ArrayList<>();
        for (AgentGrant g : grants) {
            out.add(g.written());
        }
        return out;
    }

    /**
     * The first argument of the command line, when HotSpot's parser will read it as exactly that text: one
     * space after the command, then an absolute, normalized path with no quote, {@code =} or control
     * character, ended by a space or the end of the line. Otherwise null.
     */
    static String libraryArgument(String commandLine) {
        if (!commandLine.startsWith(COMMAND + " /")) {
            return null;
        }
        int start = COMMAND.length() + 1;
        int end = commandLine.indexOf(' ', start);
        String path = commandLine.substring(start, end < 0 ? commandLine.length() : end);
        return plain(path) && normalized(path) ? path : null;
    }

    /** No character that HotSpot's argument parser or the JPLIS agent's {@code jar=options} split treats specially. */
    static boolean plain(String path) {
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c <= 0x20 || c == 0x7f || c == '"' || c == '\'' || c == '=') {
                return false;
            }
        }
        return true;
    }

    /** Already in the form {@link PathForms#givenForm} gives: the kernel and the policy read it alike. */
    static boolean normalized(String path) {
        return PathForms.givenForm(path, "/").equals(path);
    }

    /** HotSpot's own test: the text after the last dot starts with {@code .jar}, so the JPLIS agent loads it. */
    static boolean javaAgent(String path) {
        int dot = path.lastIndexOf('.');
        return dot >= 0 && path.startsWith(".jar", dot);
    }

    /**
     * Why the program could change the file, or null: a {@code files.write} grant on the path, its real
     * form, or a folder above either; or the operating system letting this process write the file or its
     * folder.
     */
    static String programCanChange(String given, String real, FileRules files) {
        for (String p : List.of(given, real)) {
            for (String at = p; at != null; at = parent(at)) {
                Decision write = files.decide(FileAccess.WRITE, at, at);
                if (write.allowed()) {
                    return "rule " + write.rule() + " grants writing " + at;
                }
            }
        }
        Path file = Path.of(real);
        if (writeBitApplies(file)) {
            return "this process may write the file";
        }
        if (file.getParent() != null && writeBitApplies(file.getParent())) {
            return "this process may write its folder " + file.getParent();
        }
        return null;
    }

    /**
     * Whether a write permission bit of {@code path} may apply to this process: the bit for others, the
     * group's (membership is not known here, so it counts), or the owner's when this user owns it or is
     * root. Read from the mode bits, not {@code access(2)}, which answers yes to root for every file. A path
     * whose attributes cannot be read counts as writable.
     */
    static boolean writeBitApplies(Path path) {
        try {
            PosixFileAttributes attributes = Files.readAttributes(path, PosixFileAttributes.class);
            Set<PosixFilePermission> mode = attributes.permissions();
            if (mode.contains(PosixFilePermission.OTHERS_WRITE) || mode.contains(PosixFilePermission.GROUP_WRITE)) {
                return true;
            }
            String user = System.getProperty("user.name");
            return mode.contains(PosixFilePermission.OWNER_WRITE)
                    && ("root".equals(user) || attributes.owner().getName().equals(user));
        } catch (IOException | RuntimeException e) {
            return true;
        }
    }

    private static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? (path.equals("/") ? null : "/") : path.substring(0, slash);
    }

    private static String sha256(String file) {
        try (InputStream in = Files.newInputStream(Path.of(file))) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException | NoSuchAlgorithmException e) {
            return "unreadable";
        }
    }
}
