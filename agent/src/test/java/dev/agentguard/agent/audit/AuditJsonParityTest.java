package dev.agentguard.agent.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.agentguard.policy.Category;
import dev.agentguard.policy.Mode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The hand-written audit line writer ({@link AuditJson}) against the former one on Jackson's generator and
 * java.time ({@link JacksonAuditJson}, test scope): the same bytes for every record, string and timestamp.
 */
class AuditJsonParityTest {
    private final Random random = new Random(16);

    @Test
    void everyCharacterIsWrittenAsJacksonWroteIt() throws IOException {
        for (int c = 0; c <= 0xffff; c += 1) {
            String s = "a" + (char) c + "b";
            assertSameLine(record(s, s, Map.of(s, s)));
        }
        // Paired surrogates (an emoji), a lone high and a lone low surrogate, at the ends too.
        for (String s : List.of("\uD83D\uDE00", "x\uD83D", "\uDE00x", "\uD83D", "\uDE00\uD83D", "\uD83D\uDE00\uD83D")) {
            assertSameLine(record(s, s, Map.of("k" + s, s)));
        }
    }

    @Test
    void randomRecordsAreWrittenAsJacksonWroteThem() throws IOException {
        for (int i = 0; i < 3000; i++) {
            Map<String, Object> details = random.nextInt(4) == 0 ? null : randomMap(0);
            AuditRecord.Builder builder = AuditRecord.builder(
                            AuditDecision.values()[random.nextInt(AuditDecision.values().length)],
                            Category.values()[random.nextInt(Category.values().length)],
                            randomString(), random.nextInt(5) == 0 ? null : randomString())
                    .rule(random.nextBoolean() ? null : randomString())
                    .reason(random.nextBoolean() ? null : randomString())
                    .thread(randomString())
                    .caller(random.nextBoolean() ? null : randomString())
                    .details(details);
            if (random.nextBoolean()) {
                builder.bytes(random.nextInt(1 << 20));
            }
            AuditRecord draft = builder.build();
            Mode mode = random.nextInt(3) == 0 ? null : Mode.values()[random.nextInt(Mode.values().length)];
            AuditRecord stamped = draft.stamped(randomMillis(), random.nextLong(), random.nextInt(1 << 22), mode,
                    draft.target(), draft.reason(), draft.thread());
            assertSameLine(stamped);
        }
    }

    @Test
    void timestampsAreFormattedAsJavaTimeFormattedThem() {
        long[] edges = {0, 1, -1, 999, 1000, -1000, -1001, 951_782_400_007L, 951_868_799_999L, 4_107_542_399_999L,
            -62_135_596_800_000L, 253_402_300_799_999L, 1_795_456_800_123L, 946_684_800_000L, -2_208_988_800_000L};
        for (long millis : edges) {
            assertThat(AuditJson.formatTs(millis)).as("%d", millis).isEqualTo(JacksonAuditJson.formatTs(millis));
        }
        for (int i = 0; i < 200_000; i++) {
            long millis = randomMillis();
            assertThat(AuditJson.formatTs(millis)).as("%d", millis).isEqualTo(JacksonAuditJson.formatTs(millis));
        }
    }

    @Test
    void cyclicAndDeepDetailsAreCutOffTheSame() throws IOException {
        Map<String, Object> cyclic = new LinkedHashMap<>();
        cyclic.put("self", cyclic);
        List<Object> list = new ArrayList<>();
        list.add(list);
        assertSameLine(record("t", "r", Map.of("map", cyclic)));
        assertSameLine(record("t", "r", Map.of("list", list)));
    }

    private static AuditRecord record(String target, String reason, Map<String, ?> details) {
        AuditRecord draft = AuditRecord.builder(AuditDecision.DENY, Category.FILE, "read", target)
                .reason(reason).thread(target).details(details).build();
        return draft.stamped(1_795_456_800_123L, 7, 4242, Mode.ENFORCE, draft.target(), draft.reason(), draft.thread());
    }

    private static void assertSameLine(AuditRecord record) throws IOException {
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        JacksonAuditJson.writeLine(record, expected);
        ByteArrayOutputStream actual = new ByteArrayOutputStream();
        AuditJson.writeLine(record, actual);
        if (!Arrays.equals(actual.toByteArray(), expected.toByteArray())) {
            assertThat(actual.toString(java.nio.charset.StandardCharsets.ISO_8859_1))
                    .isEqualTo(expected.toString(java.nio.charset.StandardCharsets.ISO_8859_1));
        }
    }

    /** Years 1 to 9999: what a clock can say, far past both ends. */
    private long randomMillis() {
        return -62_135_596_800_000L + (long) (random.nextDouble() * 315_537_897_599_999L);
    }

    private String randomString() {
        int length = random.nextInt(12);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < length; i++) {
            switch (random.nextInt(6)) {
                case 0 -> b.append((char) random.nextInt(0x20));
                case 1 -> b.append("\"\\/'{}[]:,".charAt(random.nextInt(10)));
                case 2 -> b.append((char) (0x20 + random.nextInt(0x60)));
                case 3 -> b.append((char) (0x80 + random.nextInt(0x780)));
                case 4 -> b.append((char) random.nextInt(0x10000));
                default -> b.appendCodePoint(0x10000 + random.nextInt(0x100000));
            }
        }
        return b.toString();
    }

    private Map<String, Object> randomMap(int depth) {
        Map<String, Object> map = new LinkedHashMap<>();
        int n = random.nextInt(4);
        for (int i = 0; i < n; i++) {
            map.put(randomString(), randomValue(depth + 1));
        }
        return map;
    }

    private Object randomValue(int depth) {
        switch (random.nextInt(depth > 3 ? 11 : 14)) {
            case 0: return null;
            case 1: return randomString();
            case 2: return random.nextBoolean();
            case 3: return random.nextLong();
            case 4: return random.nextInt();
            case 5: return new double[] {random.nextDouble(), Double.NaN, Double.NEGATIVE_INFINITY, -0.0, 1e300}[random.nextInt(5)];
            case 6: return random.nextFloat() * 1000;
            case 7: return new BigInteger(90, random).negate();
            case 8: return new BigDecimal(new BigInteger(40, random), random.nextInt(20) - 10);
            case 9: return Mode.values()[random.nextInt(Mode.values().length)];
            case 10: return new StringBuilder("sb ").append(random.nextInt());
            case 11: return randomMap(depth);
            case 12: return Arrays.asList(randomValue(depth + 1), randomString());
            default: return new Object[] {randomString(), random.nextInt(), null};
        }
    }
}
