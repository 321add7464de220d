package io.pqflux.tempo;

import static io.pqflux.tempo.BlockMetaTest.assertTempoError;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class TraceIdTest {

    private static final TempoException.Reason BAD = TempoException.Reason.BAD_TRACE_ID;

    @Test
    void hexIsPaddedLikeTempo() {
        assertThat(TraceId.parseHex("474be8b43449fb").toHex()).isEqualTo("000000000000000000474be8b43449fb");
        assertThat(TraceId.parseHex("474BE8B43449FB")).isEqualTo(TraceId.parseHex("000000000000000000474be8b43449fb"));
        // odd length: a leading 0 nibble
        assertThat(TraceId.parseHex("abc").toHex()).isEqualTo("00000000000000000000000000000abc");
        assertThat(TraceId.parseHex("f").bytes()).isEqualTo(HexFormat.of().parseHex("0000000000000000000000000000000f"));
        String full = "0123456789abcdefFEDCBA9876543210";
        assertThat(TraceId.parseHex(full).toHex()).isEqualTo(full.toLowerCase());
        assertThat(TraceId.parseHex(full)).hasToString(full.toLowerCase());
    }

    @Test
    void badHexIsRefused() {
        assertTempoError(() -> TraceId.parseHex(""), BAD, "trace ID \"\"", "is empty");
        assertTempoError(() -> TraceId.parseHex("12g4"), BAD, "trace ID \"12g4\"", "non-hex character at position 3");
        assertTempoError(() -> TraceId.parseHex(" 1234"), BAD, "trace ID \" 1234\"", "position 1");
        assertTempoError(() -> TraceId.parseHex("0" + "1".repeat(32)), BAD, "trace ID \"0" + "1".repeat(32) + "\"",
                "longer than 16 bytes");
        // 33 digits are 17 bytes even when the first is a zero, as in Tempo
        assertTempoError(() -> TraceId.parseHex("1".repeat(33)), BAD, "trace ID \"" + "1".repeat(33) + "\"",
                "longer than 16 bytes");
        assertTempoError(() -> TraceId.parseHex("x".repeat(100)), BAD, "trace ID \"" + "x".repeat(64) + "...\"",
                "position 1");
    }

    @Test
    void rawBytesFollowTheWriter() {
        assertThat(TraceId.of(new byte[] {1, 2}).toHex()).isEqualTo("00000000000000000000000000000102");
        byte[] long20 = new byte[20];
        for (int i = 0; i < long20.length; i++) long20[i] = (byte) (i + 1);
        assertThat(TraceId.of(long20).toHex()).isEqualTo("05060708090a0b0c0d0e0f1011121314");
        assertTempoError(() -> TraceId.of(new byte[0]), BAD, "trace ID \"\"", "is empty");
        byte[] input = {1};
        TraceId id = TraceId.of(input);
        input[0] = 9;
        byte[] out = id.bytes();
        out[15] = 7;
        assertThat(id.toHex()).endsWith("01");
    }

    @Test
    void ordersUnsignedLikeTheBlock() {
        TraceId low = TraceId.parseHex("7f");
        TraceId high = TraceId.parseHex("80");
        TraceId top = TraceId.parseHex("ff" + "00".repeat(15));
        assertThat(List.of(top, high, low).stream().sorted()).containsExactly(low, high, top);
        assertThat(low.compareTo(TraceId.of(new byte[] {0x7f}))).isZero();
        assertThat(low).hasSameHashCodeAs(TraceId.of(new byte[] {0x7f})).isNotEqualTo(high);
    }
}
