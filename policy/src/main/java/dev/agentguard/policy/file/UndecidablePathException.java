package dev.agentguard.policy.file;

import dev.agentguard.policy.Decision;

/**
 * A path whose real form cannot be found, for a reason other than "does not exist" or "not a directory": a
 * name too long, a loop of links, a folder that cannot be searched, a name the JDK cannot hand the kernel
 * as written. The guard cannot tell which object the kernel would act on, so the access is denied (rule
 * {@code undecidable}); treating it as missing would let the part after it be decided lexically while the
 * kernel resolves it through links.
 */
public final class UndecidablePathException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The rule id of the denial. */
    public static final String RULE = "undecidable";

    private final String why;

    /** {@code why}: what went wrong and what to do instead, as the end of a denial message. */
    public UndecidablePathException(String why) {
        super(why, null, false, false);
        this.why = why;
    }

    /** The denial to record and throw for an access to this path. */
    public Decision decision() {
        return Decision.deny(RULE, why);
    }
}
