package dev.agentguard.agent.enforce;

import dev.agentguard.policy.Decision;
import dev.agentguard.policy.file.UndecidablePathException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;

/**
 * Whether the kernel gets the very name the guard decides on. The guard decides on a {@code String}; the
 * kernel gets bytes. java.io encodes the string with {@code sun.jnu.encoding} and puts {@code ?} for what it
 * cannot encode (an unpaired surrogate, or any non-ASCII letter under {@code LANG=C}), so {@code out/K\u00e9}
 * opens {@code out/K?}. NIO encodes strictly, but a {@code Path} made from a folder's bytes that are not valid
 * in the encoding has a {@code toString()} with U+FFFD in it, which encodes back to another name.
 *
 * <p>So a name is decided only when its round trip through the JDK's encoding gives back the same text, and
 * it holds no U+FFFD. For the encodings Linux locales use (UTF-8, ASCII, the single-byte sets) decoding valid
 * bytes is one to one, so the same text means the same bytes, for java.io and NIO alike. All-ASCII text (the
 * common case) is what the kernel gets in every such encoding: checked in one pass, without allocating.
 *
 * <p>The encoding is read once, when the guard starts: java.io and NIO fix theirs at start too, and
 * {@code -Dsun.jnu.encoding} does not change it (JDK 17 and 25 both keep the locale's).
 */
final class KernelNames {
    /** The JDK's file name encoding; null when it is not known here, and then only ASCII names are decided. */
    private final Charset encoding;

    KernelNames(String jnuEncoding) {
        Charset found;
        try {
            found = jnuEncoding == null ? null : Charset.forName(jnuEncoding);
        } catch (IllegalArgumentException e) {
            found = null;
        }
        this.encoding = found;
    }

    /** The guard's own JVM: {@code sun.jnu.encoding} as it is now, at start, before the application runs. */
    static KernelNames ofThisJvm() {
        return new KernelNames(System.getProperty("sun.jnu.encoding"));
    }

    /** Null when the kernel gets exactly {@code path}; else the denial (rule {@code undecidable}). */
    Decision refusal(String path) {
        for (int i = 0, n = path.length(); i < n; i++) {
            if (path.charAt(i) >= 0x80) {
                return faithful(path) ? null : REFUSED;
            }
        }
        return null;
    }

    private boolean faithful(String path) {
        if (encoding == null || path.indexOf('\uFFFD') >= 0) {
            return false;
        }
        try {
            ByteBuffer bytes = encoding.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).encode(CharBuffer.wrap(path));
            CharBuffer back = encoding.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(bytes);
            return back.toString().equals(path);
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static final Decision REFUSED = Decision.deny(UndecidablePathException.RULE, "the name cannot be"
            + " written in the JDK's file name encoding (sun.jnu.encoding) and back unchanged (an unpaired"
            + " surrogate, U+FFFD, or a letter the locale lacks), so the kernel would open another name; use"
            + " names the locale can encode, or start the JVM in a UTF-8 locale (LANG=C.UTF-8)");
}
