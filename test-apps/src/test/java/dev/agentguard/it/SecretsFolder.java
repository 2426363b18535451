package dev.agentguard.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A work directory whose {@code secrets} folder the policy denies and whose every other file it lets the
 * application read: the world of the file-query attacks (a denied file must never be present, sized, typed or
 * named, a granted one always answered about itself).
 *
 * @param work    the child JVM's working directory ({@code ${workdir}}), its real path
 * @param secrets {@code work/secrets}, denied
 * @param policy  the policy file, outside {@code work}
 */
record SecretsFolder(Path work, Path secrets, Path policy) {
    static SecretsFolder in(Path dir) throws IOException {
        Path work = Files.createDirectories(dir.toRealPath().resolve("work"));
        Path secrets = Files.createDirectories(work.resolve("secrets"));
        Path policy = Files.writeString(dir.resolve("p.yaml"), String.join("\n", "version: 1",
                "files:", "  read: [\"${workdir}/**\"]", "  deny: [\"${workdir}/secrets/**\"]", ""));
        return new SecretsFolder(work, secrets, policy);
    }
}
