package dev.agentguard.policy.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.agentguard.policy.PatternException;
import org.junit.jupiter.api.Test;

class SizeTest {
    private static long bytes(String s) throws PatternException {
        return Size.parse(s).bytes();
    }

    @Test
    void units() throws Exception {
        assertThat(bytes("512B")).isEqualTo(512);
        assertThat(bytes("10KiB")).isEqualTo(10 * 1024);
        assertThat(bytes("50MiB")).isEqualTo(50L * 1024 * 1024);
        assertThat(bytes("1GiB")).isEqualTo(1L << 30);
        assertThat(bytes("0B")).isZero();
        assertThat(bytes("0GiB")).isZero();
        assertThat(bytes(" 50 MiB ")).isEqualTo(50L << 20);
        assertThat(bytes("007KiB")).isEqualTo(7 * 1024);
    }

    @Test
    void limits() throws Exception {
        assertThat(bytes("8589934591GiB")).isEqualTo(8589934591L << 30);
        assertThat(bytes("9223372036854775807B")).isEqualTo(Long.MAX_VALUE);
        assertError("8589934592GiB", "size '8589934592GiB' is too large (at most 8589934591GiB)");
        assertError("9223372036854775808B", "size '9223372036854775808B' is too large (at most 9223372036854775807B)");
        assertError("99999999999999999999999999KiB",
                "size '99999999999999999999999999KiB' is too large (at most 9007199254740991KiB)");
    }

    @Test
    void formatting() throws Exception {
        assertThat(Size.parse("51200KiB").toString()).isEqualTo("50MiB");
        assertThat(Size.format(0)).isEqualTo("0B");
        assertThat(Size.format(1000)).isEqualTo("1000B");
        assertThat(Size.format(1536)).isEqualTo("1536B");
        assertThat(Size.format(2048)).isEqualTo("2KiB");
        assertThat(Size.format(3L << 30)).isEqualTo("3GiB");
        assertThat(Size.ofBytes(1 << 20)).isEqualTo(Size.parse("1024KiB"));
        assertThat(Size.ofBytes(5).hashCode()).isEqualTo(Size.ofBytes(5).hashCode());
        assertThatThrownBy(() -> Size.ofBytes(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void errors() {
        assertError(null, "a size cannot be empty (write a number and a unit, e.g. 50MiB)");
        assertError("  ", "a size cannot be empty (write a number and a unit, e.g. 50MiB)");
        assertError("50", "size '50' needs a unit: B, KiB, MiB or GiB (e.g. 50MiB, or 50B for bytes)");
        assertError("-5MiB", "size '-5MiB' cannot be negative");
        assertError("MiB", "'MiB' is not a size (write a whole number and a unit: B, KiB, MiB or GiB, e.g. 50MiB)");
        assertError("+5MiB", "'+5MiB' is not a size (write a whole number and a unit: B, KiB, MiB or GiB, e.g. 50MiB)");
        assertError("lots", "'lots' is not a size (write a whole number and a unit: B, KiB, MiB or GiB, e.g. 50MiB)");
        assertError("1.5GiB", "size '1.5GiB' must be a whole number (write 1536MiB)");
        assertError("0.5KiB", "size '0.5KiB' must be a whole number (write 512B)");
        assertError("0.1KiB", "size '0.1KiB' must be a whole number");
        assertError("2.5B", "size '2.5B' must be a whole number");
        assertError("1.5", "size '1.5' must be a whole number");
        assertError("50mib", "size '50mib': write the unit as 'MiB' (units are case-sensitive)");
        assertError("50b", "size '50b': write the unit as 'B' (units are case-sensitive)");
        assertError("10KIB", "size '10KIB': write the unit as 'KiB' (units are case-sensitive)");
        assertError("50MB", "size '50MB': unknown unit 'MB' (expected B, KiB, MiB or GiB; 1 MiB is 1048576 bytes)");
        assertError("1TiB", "size '1TiB': unknown unit 'TiB' (expected B, KiB, MiB or GiB; 1 MiB is 1048576 bytes)");
        assertError("5 MiB MiB",
                "size '5 MiB MiB': unknown unit 'MiB MiB' (expected B, KiB, MiB or GiB; 1 MiB is 1048576 bytes)");
        assertError("1e6B", "size '1e6B': unknown unit 'e6B' (expected B, KiB, MiB or GiB; 1 MiB is 1048576 bytes)");
    }

    private static void assertError(String text, String message) {
        assertThatThrownBy(() -> Size.parse(text)).isInstanceOf(PatternException.class).hasMessage(message);
    }
}
