package dev.agentguard.apps.hooks;

import java.util.Map;

/** Actions for the hooks of server sockets, Unix domain sockets, UDP sends and reverse lookups. */
final class SocketActions {
    private SocketActions() {}

    static void register(Map<String, HookActions.Spec> actions) {
    }
}
