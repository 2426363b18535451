package dev.agentguard.agent.suggest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A million records stream through in bounded sets: distinct paths past the cap fold into their folders. */
class LargeLogTest {
    private static final int RECORDS = 1_000_000;

    /** Generates the log line by line as it is read, so the test itself never holds it. */
    private static final class GeneratedLog extends InputStream {
        private int next;
        private byte[] line = new byte[0];
        private int pos;

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (length == 0) {
                return 0;
            }
            if (!fill()) {
                return -1;
            }
            int n = Math.min(length, line.length - pos);
            System.arraycopy(line, pos, buffer, offset, n);
            pos += n;
            return n;
        }

        @Override
        public int read() {
            return fill() ? line[pos++] : -1;
        }

        private boolean fill() {
            if (pos == line.length) {
                if (next == RECORDS) {
                    return false;
                }
                int i = next++;
                String text = "{\"decision\":\"allow\",\"category\":\"file\",\"op\":\"open\",\"target\":\"/w/d" + (i % 1000)
                        + "/f" + i + "\",\"rule\":\"files.read[0]\"}\n";
                line = text.getBytes(StandardCharsets.UTF_8);
                pos = 0;
            }
            return true;
        }
    }

    @Test
    void aMillionDistinctPathsStayWithinTheCaps() throws Exception {
        RunActivity run = new RunActivity();
        AuditReader reader = new AuditReader();
        reader.read(new GeneratedLog(), run::accept);
        assertThat(reader.records()).isEqualTo(RECORDS);
        assertThat(run.readPaths.values()).hasSize(RunActivity.MAX_PATHS);
        assertThat(run.readFolders.values()).hasSize(1000).contains("/w/d0", "/w/d999");
        assertThat(run.dropped()).isZero();
        assertThat(new Generaliser("/h", "/tmp").generalise(run.readPaths.values(), run.readFolders.values()))
                .hasSize(1000).allMatch(Generaliser.Grant::folder).contains(new Generaliser.Grant("/w/d0", true));
    }
}
