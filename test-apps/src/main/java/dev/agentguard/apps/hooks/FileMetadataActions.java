package dev.agentguard.apps.hooks;

import java.util.Map;

/** Actions for the hooks of java.io.File metadata (exists, list, delete, rename, mkdir, ...). */
final class FileMetadataActions {
    private FileMetadataActions() {}

    static void register(Map<String, HookActions.Spec> actions) {
    }
}
