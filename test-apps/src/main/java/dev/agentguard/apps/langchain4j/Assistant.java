package dev.agentguard.apps.langchain4j;

import dev.langchain4j.service.SystemMessage;

/** The AiServices interface: one chat call runs the whole tool loop. */
public interface Assistant {
    @SystemMessage("You are a file assistant working in the current directory. Use the tools to do the task.")
    String chat(String task);
}
