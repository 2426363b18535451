package dev.agentguard.agent.install.weave;

import java.util.ArrayList;
import java.util.List;

/** What the sample advice saw, in order; the advice code calls it (it is public, like the bridge). */
public final class Recorder {
    private static final List<String> EVENTS = new ArrayList<>();

    private Recorder() {}

    public static void add(String... parts) {
        EVENTS.add(String.join(" ", parts));
    }

    public static String text(Object o) {
        return String.valueOf(o);
    }

    public static String exclaim(String s) {
        return s + "!";
    }

    public static List<String> take() {
        List<String> copy = new ArrayList<>(EVENTS);
        EVENTS.clear();
        return copy;
    }
}
