package dev.agentguard.apps.attacks;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * A {@code Path} of the application's own making handed to hooked JDK code: its methods are application code.
 * Each attempt reads the secret (a file the policy denies) from inside such a method, which the guard must
 * never run with its checks off, and prints what it got. A Unix socket address may hold any path, and the JDK
 * takes its text: the text the guard decided must be the one bound, whatever the path's file system says.
 *
 * <p>Arguments: the secret file, an allowed file, a folder where binding is allowed, a folder where it is not.
 */
public final class ForeignPathAttack {
    private ForeignPathAttack() {}

    public static void main(String[] args) throws Exception {
        Path secret = Path.of(args[0]);
        String allowed = args[1];
        Path bindAllowed = Path.of(args[2]);
        Path bindDenied = Path.of(args[3]);

        // 1: the provider's look (readAttributes, exists) on a proxy whose toString reads the secret.
        Path look = proxy(allowed, secret, null);
        try {
            FileSystems.getDefault().provider().readAttributes(look, BasicFileAttributes.class);
            System.out.println("look: answered");
        } catch (Throwable t) {
            System.out.println("look: " + t.getClass().getSimpleName());
        }
        try {
            System.out.println("exists: " + Files.exists(look));
        } catch (Throwable t) {
            System.out.println("exists: " + t.getClass().getSimpleName());
        }

        // 2: a Unix socket connect to a proxy path whose toString reads the secret.
        Path server = bindAllowed.resolve("s.sock");
        try (ServerSocketChannel listening = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            listening.bind(UnixDomainSocketAddress.of(server));
            try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                channel.connect(UnixDomainSocketAddress.of(proxy(server.toString(), secret, null)));
                System.out.println("connect: connected");
            } catch (Throwable t) {
                System.out.println("connect: " + t.getClass().getSimpleName());
            }
        } catch (Throwable t) {
            System.out.println("server: " + t.getClass().getSimpleName() + " " + t.getMessage());
        }

        // 3: a bind whose path's file system turns the guard's pinned name into a name in the denied folder.
        Path elsewhere = bindDenied.resolve("evil.sock");
        try (ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.bind(UnixDomainSocketAddress.of(proxy(bindAllowed.resolve("b.sock").toString(), null, elsewhere)));
            System.out.println("bind: bound");
        } catch (Throwable t) {
            System.out.println("bind: " + t.getClass().getSimpleName());
        }
        System.out.println("socket in the denied folder: " + Files.exists(elsewhere, java.nio.file.LinkOption.NOFOLLOW_LINKS));
    }

    /**
     * A path whose text is {@code text}; its toString also tries to read {@code secret} (when not null) and prints
     * what it got; its file system's getPath hands back {@code swapTo} (when not null) for any name.
     */
    private static Path proxy(String text, Path secret, Path swapTo) {
        Path real = Path.of(text);
        java.nio.file.FileSystem swapping = swapTo == null ? null : new SwappingFileSystem(swapTo);
        int[] fileSystemCalls = {0};
        InvocationHandler handler = (proxy, method, arguments) -> {
            switch (method.getName()) {
                case "toString":
                    if (secret != null) {
                        try {
                            System.out.println("inside: read " + Files.readString(secret));
                        } catch (Throwable t) {
                            System.out.println("inside: " + t.getClass().getSimpleName());
                        }
                    }
                    return text;
                case "getFileSystem":
                    // The default at UnixDomainSocketAddress.of, which checks it; another one afterwards.
                    return swapping == null || fileSystemCalls[0]++ == 0 ? FileSystems.getDefault() : swapping;
                case "hashCode":
                    return text.hashCode();
                case "equals":
                    return proxy == arguments[0];
                default:
                    return method.invoke(real, arguments);
            }
        };
        return (Path) Proxy.newProxyInstance(ForeignPathAttack.class.getClassLoader(), new Class<?>[] {Path.class},
                handler);
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
