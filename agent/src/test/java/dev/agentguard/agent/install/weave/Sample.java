package dev.agentguard.agent.install.weave;

/** The class {@link WovenBehaviourTest} weaves: one method per advice shape. */
public class Sample {
    static final String LABEL = "static-label";
    private final String name;

    public Sample(String name) {
        this.name = name;
    }

    public String greet(String who) {
        return "hello " + who + " from " + name;
    }

    public int twice(int x) {
        return 2 * x;
    }

    public String fail(String message) {
        if (message.isEmpty()) {
            return "empty";
        }
        throw new IllegalStateException(message);
    }

    public String describe() {
        return name;
    }

    public long wide(long a, double b, String c) {
        long local = a * 2;
        double d = b + 1;
        String s = c + local + d;
        return s.length() + local;
    }

    public String caught(String s) {
        try {
            if (s == null) {
                throw new IllegalArgumentException("null");
            }
            return s;
        } catch (IllegalArgumentException e) {
            return "caught " + e.getMessage();
        }
    }

    public String mixed(int i, long l, boolean b, char c, double d, String s) {
        return s + i;
    }

    public static int bump(int x) {
        return x + 1;
    }
}
