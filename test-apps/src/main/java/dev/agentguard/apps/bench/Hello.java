package dev.agentguard.apps.bench;

/** The smallest main there is: the overhead benchmark times JVM start-up with and without the guard on it. */
public final class Hello {
    private Hello() {}

    public static void main(String[] args) {
        System.out.println("hello");
    }
}
