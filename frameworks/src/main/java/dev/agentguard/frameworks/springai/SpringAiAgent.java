package dev.agentguard.frameworks.springai;

import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.CommandLineRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * A Spring Boot 3.5 + Spring AI 1.1 agent: a {@code ChatClient} on the OpenAI starter, with one {@code @Tool}
 * that reads a file ({@link FileTools}). Its key comes from {@code spring.ai.openai.api-key=${OPENAI_API_KEY}},
 * which Spring resolves from the map {@code System.getenv()} returns; its model server and task are command
 * line properties ({@code --spring.ai.openai.base-url=...}, {@code --agent.task=...}). It prints the model's
 * last answer as {@code answer: ...} and keeps it in {@code out/answer.txt}.
 */
@SpringBootApplication
public class SpringAiAgent {
    public static void main(String[] args) {
        SpringApplication.run(SpringAiAgent.class, args);
    }

    @Bean
    CommandLineRunner agent(ChatClient.Builder chat, @Value("${agent.task}") String task) {
        return args -> {
            String answer = chat.build().prompt().user(task).tools(new FileTools()).call().content();
            // Kept in out/, made on the first run and found there on the next (issue 15's createDirectories case).
            Path out = Files.createDirectories(Path.of("out"));
            Files.writeString(out.resolve("answer.txt"), answer);
            System.out.println("answer: " + answer);
        };
    }
}
