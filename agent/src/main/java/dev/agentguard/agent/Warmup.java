package dev.agentguard.agent;

import dev.agentguard.agent.audit.CallerFinder;
import dev.agentguard.agent.audit.Redactor;
import dev.agentguard.agent.enforce.Enforcer;
import dev.agentguard.agent.enforce.Verdicts;
import dev.agentguard.policy.Category;
import dev.agentguard.policy.Decision;
import dev.agentguard.policy.Policy;
import dev.agentguard.policy.file.FileAccess;
import dev.agentguard.policy.file.PathForms;
import dev.agentguard.policy.process.ProgramResolver;

/**
 * Runs every decision path once before the guard is installed, so that the classes a check needs are loaded
 * now and not on the application's first checked call. It runs on the main thread as the guard's own (the
 * hooks are in by then, woven while the policy loaded; its hooked calls pass unchecked). Nothing is recorded.
 */
final class Warmup {
    private Warmup() {}

    static void run(Policy policy, Enforcer enforcer) {
        String workdir = policy.context().workdir();
        String given = PathForms.givenForm("warmup/../x", workdir);
        String real = PathForms.realForm("warmup/../x", workdir);
        PathForms.realFormNoFollow("x", workdir);
        policy.files().decide(FileAccess.READ, given, real);
        policy.files().decide(FileAccess.WRITE, given, real);
        ProgramResolver.resolve("true", policy.context().path(), workdir);
        enforcer.warmup();
        policy.processes().decide(null, new String[] {"true"});
        policy.env().decide("PATH");
        policy.env().stripped("LD_PRELOAD");
        policy.network().decideResolve("localhost");
        policy.network().decideConnect(null, new byte[] {127, 0, 0, 1}, 1);
        policy.network().decideConnect("localhost", new byte[16], 1);
        policy.network().decideListen(new byte[4], 1);
        policy.network().decideUnixConnect("/x");
        policy.natives().decide("x", null);
        Decision denied = Decision.deny("warmup", "warmup", "warmup");
        Redactor.redact(Verdicts.message(Category.FILE, "open", "/x?token=abc Bearer abc", denied, true));
        CallerFinder.find();
        System.mapLibraryName("x");
    }
}
