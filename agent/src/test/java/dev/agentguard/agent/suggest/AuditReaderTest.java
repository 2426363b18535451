package dev.agentguard.agent.suggest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuditReaderTest {
    private static final String GOOD = "{\"ts\":\"t\",\"seq\":1,\"pid\":1,\"mode\":\"audit\",\"decision\":\"would_deny\","
            + "\"category\":\"process\",\"op\":\"exec\",\"target\":\"sh -c echo hi\",\"rule\":\"default-deny\","
            + "\"reason\":\"r\",\"thread\":\"main\",\"caller\":null,\"details\":{\"argv\":[\"sh\",\"-c\",\"echo hi\"]}}";

    private final AuditReader reader = new AuditReader();
    private final List<AuditEntry> entries = new ArrayList<>();

    private void read(String text) throws Exception {
        reader.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), entries::add);
    }

    @Test
    void readsFieldsAndTheArgvList() throws Exception {
        read(GOOD + "\n");
        assertThat(entries).hasSize(1);
        AuditEntry e = entries.get(0);
        assertThat(e.line()).isEqualTo(1);
        assertThat(e.decision()).isEqualTo("would_deny");
        assertThat(e.argv()).containsExactly("sh", "-c", "echo hi");
        assertThat(reader.problems()).isEmpty();
    }

    @Test
    void malformedLinesAreNamedByNumberAndSkipped() throws Exception {
        read(GOOD + "\n{\"decision\":\"allow\",\"category\":\"fi\n" + "not json\n\n" + "[1,2]\n"
                + "{\"seq\":3}\n" + GOOD + " trailing\n" + "{\"decision\":\"allow\",\"category\":\"env\",\"op\":\"read\","
                + "\"target\":\"HOME\",\"details\":{\"argv\":[\"x\"\n" + GOOD);
        assertThat(entries).extracting(AuditEntry::line).containsExactly(1L, 9L);
        assertThat(reader.problems()).hasSize(6);
        assertThat(reader.problems().get(0)).startsWith("line 2: ");
        assertThat(reader.problems()).anyMatch(p -> p.startsWith("line 3: "))
                .anyMatch(p -> p.startsWith("line 5: "))
                .anyMatch(p -> p.startsWith("line 6: ") && p.contains("not an audit record"))
                .anyMatch(p -> p.startsWith("line 7: "))
                .anyMatch(p -> p.startsWith("line 8: "));
        assertThat(reader.badLines()).isEqualTo(6);
    }

    @Test
    void onlyTheFirstBadLinesAreListed() throws Exception {
        read("x\n".repeat(AuditReader.MAX_REPORTED + 5));
        assertThat(reader.problems()).hasSize(AuditReader.MAX_REPORTED + 1);
        assertThat(reader.problems().get(AuditReader.MAX_REPORTED)).startsWith("5 more");
    }

    @Test
    void invalidUtf8DoesNotStopTheReader() throws Exception {
        byte[] bad = {(byte) 0xff, (byte) 0xfe, '\n'};
        byte[] good = (GOOD + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[bad.length + good.length];
        System.arraycopy(bad, 0, all, 0, bad.length);
        System.arraycopy(good, 0, all, bad.length, good.length);
        reader.read(new ByteArrayInputStream(all), entries::add);
        assertThat(entries).extracting(AuditEntry::line).containsExactly(2L);
        assertThat(reader.problems()).singleElement().asString().startsWith("line 1: ");
    }
}
