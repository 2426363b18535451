package dev.agentguard.policy.process;

import dev.agentguard.policy.PatternException;
import dev.agentguard.policy.SimpleGlob;
import java.util.List;

/**
 * A glob for one command-line argument: {@code *} any characters (slashes too, since an argument is
 * not a path), {@code ?} one character, {@code {a,b}} alternatives, {@code \x} a literal {@code x}.
 */
final class ArgGlob {
    private final SimpleGlob[] alternatives;

    private ArgGlob(SimpleGlob[] alternatives) {
        this.alternatives = alternatives;
    }

    /**
     * @param what how to name the value in an error, e.g. {@code argument 2 'a**'}
     */
    static ArgGlob compile(String glob, String what) throws PatternException {
        if (hasDoubleStar(glob)) {
            throw new PatternException(what + ": '**' is only allowed as the whole last element, where it"
                    + " matches any remaining arguments; within one argument '*' already matches any characters");
        }
        List<String> alts = Braces.expand(glob, what);
        SimpleGlob[] compiled = new SimpleGlob[alts.size()];
        for (int i = 0; i < compiled.length; i++) {
            compiled[i] = SimpleGlob.compile(alts.get(i));
        }
        return new ArgGlob(compiled);
    }

    private static boolean hasDoubleStar(String glob) {
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                return true;
            }
        }
        return false;
    }

    boolean matches(String arg) {
        for (SimpleGlob g : alternatives) {
            if (g.matches(arg)) {
                return true;
            }
        }
        return false;
    }
}
