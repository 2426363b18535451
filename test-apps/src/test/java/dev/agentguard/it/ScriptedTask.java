package dev.agentguard.it;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A fake OpenAI model for the user-path tests: asks for the tool calls given by {@link #next} one per turn (the turn is the
 * number of assistant messages in the request), then answers {@link #ANSWER}. No injection unless the calls
 * hold one.
 */
final class ScriptedTask implements Function<RecordingHttpServer.Request, RecordingHttpServer.Reply> {
    static final String ANSWER = "Done: the notes are read.";

    /** One tool call of the script. */
    record Call(String tool, Map<String, Object> arguments) {}

    private volatile List<Call> calls = List.of();

    /** The calls of the next conversation (one model server serves every run of a path: its port stays). */
    void next(List<Call> calls) {
        this.calls = List.copyOf(calls);
    }

    static Call readFile(String path) {
        return new Call("read_file", Map.of("path", path));
    }

    @Override
    public RecordingHttpServer.Reply apply(RecordingHttpServer.Request request) {
        int turn = 0;
        for (JsonNode m : InjectionScript.parse(request.body()).path("messages")) {
            if (m.path("role").asText().equals("assistant")) {
                turn++;
            }
        }
        List<Call> script = calls;
        if (turn < script.size()) {
            Call call = script.get(turn);
            return RecordingHttpServer.Reply.json(InjectionScript.toolCallReply(turn, call.tool(), call.arguments()));
        }
        return RecordingHttpServer.Reply.json(InjectionScript.answerReply(turn, ANSWER));
    }
}
