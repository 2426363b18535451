package dev.agentguard.apps.config;

import io.smallrye.config.DotEnvConfigSourceProvider;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Starts the way a Quarkus application configures itself: SmallRye Config with its default sources
 * (system properties, the environment, {@code META-INF/microprofile-config.properties}) and the dotenv
 * source, which probes {@code ${workdir}/.env} on every start whether or not it is there. Then it does a
 * little work with the configuration (writes {@code out/greeting.txt}) and prints {@code STARTED}.
 */
public final class SmallRyeConfigApp {
    private SmallRyeConfigApp() {}

    public static void main(String[] args) throws IOException {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .addDefaultSources()
                .withSources(new DotEnvConfigSourceProvider())
                .build();
        String greeting = config.getOptionalValue("app.greeting", String.class).orElse("hello");
        String secret = config.getOptionalValue("app.secret", String.class).orElse("(none)");
        Path out = Files.createDirectories(Path.of("out"));
        Files.writeString(out.resolve("greeting.txt"), greeting + "\n");
        System.out.println("CONFIG app.greeting=" + greeting);
        System.out.println("CONFIG app.secret " + (secret.equals("(none)") ? "not set" : "set"));
        System.out.println("STARTED");
    }
}
