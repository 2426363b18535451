package dev.agentguard.apps.shell;

/**
 * Stands in for Maven surefire's forked booter: started as {@code java -jar surefirebooter….jar DIR STAMP
 * FILE FILE} by a shell, it prints how many arguments it got, so the test can tell it ran.
 */
public final class ForkedBooter {
    private ForkedBooter() {
    }

    public static void main(String[] args) {
        System.out.println("forked booter ran with " + args.length + " arguments");
    }
}
