package dev.agentguard.apps.hooks;

import java.util.Map;

/** Actions for the environment hooks; the parent plants the variable, a hidden one is reported as such. */
final class EnvActions {
    private EnvActions() {}

    static void register(Map<String, HookActions.Spec> actions) {
        actions.put("java.lang.ProcessEnvironment#getenv(Ljava/lang/String;)", new HookActions.Spec("env", null, s ->
                present(System.getenv(s.variable()) != null, "System.getenv(name)")));
        actions.put("java.lang.ProcessEnvironment#getenv()", new HookActions.Spec("env", null, s ->
                present(System.getenv().containsKey(s.variable()), "System.getenv()")));
        actions.put("java.lang.ProcessEnvironment#environment()", new HookActions.Spec("env", null, s ->
                present(new ProcessBuilder().environment().containsKey(s.variable()), "ProcessBuilder.environment()")));
    }

    private static String present(boolean seen, String how) {
        return seen ? "variable visible through " + how : Sandbox.HIDDEN + " variable absent from " + how;
    }
}
