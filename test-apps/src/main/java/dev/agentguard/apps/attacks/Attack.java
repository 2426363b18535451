package dev.agentguard.apps.attacks;

/**
 * One way of getting around the guard, tried with ordinary Java code in a JVM running under guard.jar.
 * An attack reports one line per variant it tries, and judges each by its effect (were the canary bytes
 * read, did the child run, did the call reach the network), not by whether an exception was thrown.
 */
public interface Attack {
    void run(AttackTarget target, AttackReport report) throws Exception;
}
