package dev.agentguard.apps.config;

import java.io.File;
import java.io.IOException;
import java.nio.file.AccessMode;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Probes optional files the way configuration libraries do at start (SmallRye Config's dotenv source
 * behind Quarkus, Spring's and Micronaut's optional config files): is it a folder, a regular file,
 * readable, what are its attributes; and only then, if it is there, reads it.
 *
 * <p>Usage: {@code OptionalFileProbe probe:PATH... open:PATH...}. A relative path is taken against the
 * working directory, as the libraries do. Prints {@code PROBE PATH METHOD ANSWER} per probe (ANSWER is
 * {@code true}, {@code false}, {@code present}, {@code NoSuchFileException}, or {@code denied MESSAGE}),
 * {@code OPEN PATH ok|denied MESSAGE|error ...} per open, and {@code STARTED} at the end: a probe that
 * throws the guard's denial stops the program before that line, as it stops a framework's start.
 */
public final class OptionalFileProbe {
    private OptionalFileProbe() {}

    public static void main(String[] args) throws IOException {
        for (String arg : args) {
            if (arg.startsWith("probe:")) {
                probe(arg.substring("probe:".length()));
            } else if (arg.startsWith("open:")) {
                open(arg.substring("open:".length()));
            }
        }
        System.out.println("STARTED");
    }

    /** The probe sequence of a configuration library; a guard denial is thrown on, as a framework would. */
    static void probe(String name) throws IOException {
        Path path = Path.of(name);
        print(name, "Files.isDirectory", Files.isDirectory(path));
        print(name, "Files.isRegularFile", Files.isRegularFile(path));
        print(name, "Files.exists", Files.exists(path));
        print(name, "Files.notExists", !Files.notExists(path));
        print(name, "Files.isReadable", Files.isReadable(path));
        try {
            path.getFileSystem().provider().checkAccess(path, AccessMode.READ);
            print(name, "checkAccess", "present");
        } catch (NoSuchFileException e) {
            print(name, "checkAccess", "NoSuchFileException");
        }
        try {
            BasicFileAttributes attrs = Files.readAttributes(path, BasicFileAttributes.class);
            print(name, "readAttributes", attrs.isRegularFile() ? "present" : "other");
        } catch (NoSuchFileException e) {
            print(name, "readAttributes", "NoSuchFileException");
        }
        try {
            path.toRealPath();
            print(name, "toRealPath", "present");
        } catch (NoSuchFileException e) {
            print(name, "toRealPath", "NoSuchFileException");
        }
        File file = path.toFile();
        print(name, "File.exists", file.exists());
        print(name, "File.isFile", file.isFile());
        print(name, "File.canRead", file.canRead());
    }

    static void open(String name) {
        String outcome;
        try {
            outcome = "ok " + Files.readAllBytes(Path.of(name)).length + " bytes";
        } catch (SecurityException e) {
            outcome = "denied " + e.getMessage();
        } catch (IOException e) {
            outcome = "error " + e;
        }
        System.out.println("OPEN " + name + " " + outcome);
    }

    private static void print(String name, String method, Object answer) {
        System.out.println("PROBE " + name + " " + method + " " + answer);
    }
}
