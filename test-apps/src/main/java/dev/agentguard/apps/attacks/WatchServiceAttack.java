package dev.agentguard.apps.attacks;

import java.nio.file.FileSystems;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchService;

/**
 * A {@code WatchService} key on a directory the policy does not let the agent list reports the names
 * created in it. Registered on the denied {@code ~/.ssh}, on the ungranted outside folder (directly, by a
 * relative path and through a link planted in the work directory), with and without modifiers. Only the
 * guard's denial counts as blocked. Control: the work directory may be watched.
 */
public final class WatchServiceAttack implements Attack {
    public static void main(String[] args) {
        AttackSuite.runOne("WatchServiceAttack", new WatchServiceAttack());
    }

    @Override
    public void run(AttackTarget t, AttackReport report) throws Exception {
        try (WatchService watcher = FileSystems.getDefault().newWatchService()) {
            report.guardMustDeny("watch-ssh-dir", () -> t.sshKey().getParent().register(watcher,
                    StandardWatchEventKinds.ENTRY_CREATE), "a watch key on ~/.ssh");
            report.guardMustDeny("watch-outside", () -> t.outside().register(watcher,
                    StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY), "a watch key on outside/");
            report.guardMustDeny("watch-outside-relative", () -> t.workdir().relativize(t.outside()).register(watcher,
                    new WatchEvent.Kind<?>[] {StandardWatchEventKinds.ENTRY_CREATE}), "a watch key on ../outside");
            report.guardMustDeny("watch-through-link", () -> t.workdir().resolve("planted/deep-link").register(watcher,
                    StandardWatchEventKinds.ENTRY_CREATE), "a watch key on outside/deep through a planted link");
            try {
                boolean valid = t.workdir().register(watcher, StandardWatchEventKinds.ENTRY_CREATE).isValid();
                report.control("watch-workdir", valid, "a watch key on the work directory");
            } catch (Exception e) {
                report.control("watch-workdir", false, AttackReport.oneLine(e.toString()));
            }
        }
    }
}
