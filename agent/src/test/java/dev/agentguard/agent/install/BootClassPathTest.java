package dev.agentguard.agent.install;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The bridge classes that the start checks on the boot class path are all of the bridge package. */
class BootClassPathTest {
    @Test
    void theListedBridgeClassesAreExactlyTheBridgePackage() throws Exception {
        // The folder of a bridge class in the main classes (the test classes have a bridge package too).
        Path folder = Path.of(dev.agentguard.bootstrap.GuardBridge.class.getProtectionDomain().getCodeSource()
                .getLocation().toURI()).resolve(BootClassPath.PACKAGE_PATH);
        List<String> compiled;
        try (Stream<Path> files = Files.list(folder)) {
            compiled = files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".class"))
                    .map(n -> BootClassPath.PACKAGE_PATH + n).toList();
        }
        assertThat(compiled).isNotEmpty();
        assertThat(BootClassPath.BRIDGE_CLASSES).as("BootClassPath.BRIDGE_CLASSES")
                .containsExactlyInAnyOrderElementsOf(compiled);
    }
}
