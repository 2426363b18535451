package dev.agentguard.apps.hooks;

import java.util.Map;

/** Actions for the hooks of the NIO default file system provider. */
final class NioFileActions {
    private NioFileActions() {}

    static void register(Map<String, HookActions.Spec> actions) {
    }
}
