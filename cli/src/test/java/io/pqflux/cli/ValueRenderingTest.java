package io.pqflux.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pqflux.logical.Interval;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The JSONL value contract (docs/cli.md), rule by rule, on hand-made values. */
class ValueRenderingTest {

    private static String json(Object value) {
        return json(value, 0);
    }

    private static String json(Object value, int fractionDigits) {
        StringBuilder out = new StringBuilder();
        new ValueWriter(fractionDigits).write(value, new JsonWriter(out));
        return out.toString();
    }

    private static String csv(Object value) {
        TextValue text = new TextValue();
        new ValueWriter(3).write(value, text);
        StringBuilder field = new StringBuilder();
        if (!text.isNull()) CsvRowWriter.appendField(field, text.text());
        return field.toString();
    }

    @Test
    void nullsAndBooleans() {
        assertThat(json(null)).isEqualTo("null");
        assertThat(json(true)).isEqualTo("true");
        assertThat(json(false)).isEqualTo("false");
    }

    @Test
    void integersIncludingUnsignedAsTheRowApiGivesThem() {
        assertThat(json(Integer.MIN_VALUE)).isEqualTo("-2147483648");
        assertThat(json(Long.MAX_VALUE)).isEqualTo("9223372036854775807");
        assertThat(json(Integer.toUnsignedLong(-1))).isEqualTo("4294967295");
        assertThat(json(new BigInteger(Long.toUnsignedString(-1L)))).isEqualTo("18446744073709551615");
    }

    @Test
    void floatingPointShortestReprAndNonFiniteAsStrings() {
        assertThat(json(1.1f)).isEqualTo("1.1");
        assertThat(json(0.1)).isEqualTo("0.1");
        assertThat(json(1.0e10)).isEqualTo("1.0E10");
        assertThat(json(-0.0)).isEqualTo("-0.0");
        assertThat(json(Float.MIN_VALUE)).isEqualTo("1.4E-45");
        assertThat(json(Double.NaN)).isEqualTo("\"NaN\"");
        assertThat(json(Float.NaN)).isEqualTo("\"NaN\"");
        assertThat(json(Double.POSITIVE_INFINITY)).isEqualTo("\"Infinity\"");
        assertThat(json(Float.NEGATIVE_INFINITY)).isEqualTo("\"-Infinity\"");
        for (String literal : new String[] {json(1.0e10), json(-0.0), json(Float.MIN_VALUE), json(1.0e-300)}) {
            assertThat(StrictJson.parse(literal)).isInstanceOf(BigDecimal.class);
        }
    }

    @Test
    void stringsAreEscaped() {
        assertThat(json("a\"b\\c")).isEqualTo("\"a\\\"b\\\\c\"");
        assertThat(json("\n\r\t\b\f")).isEqualTo("\"\\n\\r\\t\\b\\f\"");
        assertThat(json("\u0000\u0001\u001f")).isEqualTo("\"\\u0000\\u0001\\u001f\"");
        assertThat(json("\u007f/é")).isEqualTo("\"\u007f/é\"");
    }

    @Test
    void nonBmpCharactersStayRawAndUnpairedSurrogatesAreEscaped() {
        String emoji = "😀";
        assertThat(json(emoji)).isEqualTo("\"" + emoji + "\"");
        assertThat(json("x\ud800y")).isEqualTo("\"x\\ud800y\"");
        assertThat(json("\udc00")).isEqualTo("\"\\udc00\"");
        assertThat(json("\ud83d")).isEqualTo("\"\\ud83d\"");
        assertThat(StrictJson.parse(json("x\ud800y"))).isEqualTo("x\ud800y");
    }

    @Test
    void bytesAreStandardBase64WithPadding() {
        assertThat(json(new byte[0])).isEqualTo("\"\"");
        assertThat(json(new byte[] {0})).isEqualTo("\"AA==\"");
        assertThat(json(new byte[] {(byte) 0xfb, (byte) 0xff})).isEqualTo("\"+/8=\"");
    }

    @Test
    void decimalsInPlainNotationWithExactlyScaleDigits() {
        assertThat(json(BigDecimal.valueOf(-1250, 2))).isEqualTo("\"-12.50\"");
        assertThat(json(BigDecimal.valueOf(-5, 2))).isEqualTo("\"-0.05\"");
        assertThat(json(BigDecimal.valueOf(5, 4))).isEqualTo("\"0.0005\"");
        assertThat(json(BigDecimal.valueOf(125, 0))).isEqualTo("\"125\"");
        assertThat(json(BigDecimal.valueOf(0, 3))).isEqualTo("\"0.000\"");
        assertThat(json(new BigDecimal(new BigInteger("-123456789012345678901234567890"), 20)))
                .isEqualTo("\"-1234567890.12345678901234567890\"");
    }

    @Test
    void datesWithExpandedYearsOutsideFourDigits() {
        assertThat(json(LocalDate.of(2009, 3, 1))).isEqualTo("\"2009-03-01\"");
        assertThat(json(LocalDate.of(0, 1, 1))).isEqualTo("\"0000-01-01\"");
        assertThat(json(LocalDate.of(-1, 12, 31))).isEqualTo("\"-0001-12-31\"");
        assertThat(json(LocalDate.of(10000, 1, 1))).isEqualTo("\"+10000-01-01\"");
        assertThat(json(LocalDate.of(9999, 12, 31))).isEqualTo("\"9999-12-31\"");
    }

    @Test
    void timesWithTheUnitsFractionDigits() {
        LocalTime t = LocalTime.of(1, 2, 3, 4_005_006);
        assertThat(json(t, 3)).isEqualTo("\"01:02:03.004\"");
        assertThat(json(t, 6)).isEqualTo("\"01:02:03.004005\"");
        assertThat(json(t, 9)).isEqualTo("\"01:02:03.004005006\"");
        assertThat(json(LocalTime.MIDNIGHT, 3)).isEqualTo("\"00:00:00.000\"");
    }

    @Test
    void timesOutsideADayAreSignedWithTheirMagnitude() {
        // what parquet-java's stringifier means by -3:51:39.000 (it pads the signed hours, and drops the sign of
        // values above -1 hour: -1 ms prints as 00:00:00.001 there)
        assertThat(json(Duration.ofSeconds(-13_899), 3)).isEqualTo("\"-03:51:39.000\"");
        assertThat(json(Duration.ofMillis(-1), 3)).isEqualTo("\"-00:00:00.001\"");
        assertThat(json(Duration.ofNanos(-1_000), 6)).isEqualTo("\"-00:00:00.000001\"");
        assertThat(json(Duration.ofDays(1), 3)).isEqualTo("\"24:00:00.000\"");
        assertThat(json(Duration.ofHours(25).plusMinutes(2).plusSeconds(3).plusNanos(4_005_006), 9)).isEqualTo("\"25:02:03.004005006\"");
        assertThat(json(Duration.ofHours(-100).minusMinutes(1), 3)).isEqualTo("\"-100:01:00.000\"");
        assertThat(json(Duration.ofNanos(Long.MIN_VALUE), 9)).isEqualTo("\"-2562047:47:16.854775808\"");
        assertThat(json(Duration.ofSeconds(-1, 1), 9)).isEqualTo("\"-00:00:00.999999999\"");
    }

    @Test
    void timestampsUtcWithZLocalWithout() {
        Instant i = Instant.parse("2024-01-01T12:34:56.123456Z");
        assertThat(json(i, 3)).isEqualTo("\"2024-01-01T12:34:56.123Z\"");
        assertThat(json(i, 6)).isEqualTo("\"2024-01-01T12:34:56.123456Z\"");
        assertThat(json(i, 9)).isEqualTo("\"2024-01-01T12:34:56.123456000Z\"");
        assertThat(json(LocalDateTime.of(2024, 1, 1, 12, 34, 56, 7_000_000), 3)).isEqualTo("\"2024-01-01T12:34:56.007\"");
    }

    @Test
    void timestampsBefore1970KeepAPositiveFraction() {
        // -1 ms since the epoch is 1969-12-31T23:59:59.999, not ...:59.-001 or 1970-01-01T00:00:00.999
        assertThat(json(Instant.ofEpochMilli(-1), 3)).isEqualTo("\"1969-12-31T23:59:59.999Z\"");
        assertThat(json(Instant.ofEpochSecond(-86_401, 500_000), 6)).isEqualTo("\"1969-12-30T23:59:59.000500Z\"");
        assertThat(json(LocalDateTime.of(-1, 1, 1, 0, 0, 0, 1), 9)).isEqualTo("\"-0001-01-01T00:00:00.000000001\"");
        assertThat(json(Instant.parse("+10000-01-01T00:00:00Z"), 3)).isEqualTo("\"+10000-01-01T00:00:00.000Z\"");
    }

    @Test
    void uuidsLowercaseAndIntervalsAsObjects() {
        assertThat(json(UUID.fromString("0123ABCD-4567-89AB-CDEF-0123456789AB")))
                .isEqualTo("\"0123abcd-4567-89ab-cdef-0123456789ab\"");
        assertThat(json(new Interval(1, 2, 4_294_967_295L))).isEqualTo("{\"months\":1,\"days\":2,\"millis\":4294967295}");
    }

    @Test
    void csvFieldsAreQuotedOnlyWhenNeeded() {
        assertThat(csv(null)).isEmpty();
        assertThat(csv("")).isEqualTo("\"\"");
        assertThat(csv("plain text")).isEqualTo("plain text");
        assertThat(csv("a,b")).isEqualTo("\"a,b\"");
        assertThat(csv("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(csv("two\nlines")).isEqualTo("\"two\nlines\"");
        assertThat(csv(Double.NaN)).isEqualTo("NaN");
        assertThat(csv(BigDecimal.valueOf(-5, 2))).isEqualTo("-0.05");
        assertThat(csv(new Interval(1, 2, 3))).isEqualTo("\"{\"\"months\"\":1,\"\"days\"\":2,\"\"millis\"\":3}\"");
    }

    @Test
    void jsonWriterPlacesCommasInNestedStructures() {
        StringBuilder out = new StringBuilder();
        JsonWriter json = new JsonWriter(out);
        json.beginObject();
        json.key("a");
        json.beginArray();
        json.number("1");
        json.beginObject();
        json.endObject();
        json.beginArray();
        json.endArray();
        json.nullValue();
        json.endArray();
        json.member("b", "x").member("c", 2);
        json.endObject();
        assertThat(out).hasToString("{\"a\":[1,{},[],null],\"b\":\"x\",\"c\":2}");
        assertThat(StrictJson.parse(out.toString())).isNotNull();
    }
}
