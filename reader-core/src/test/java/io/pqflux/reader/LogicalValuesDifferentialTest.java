package io.pqflux.reader;

import static org.assertj.core.api.Assertions.assertThat;

import io.pqflux.column.DictionaryForm;
import io.pqflux.testdata.Corpus;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.NanoTime;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.apache.parquet.schema.PrimitiveType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code getObject} — on rows and on the struct, list and map views it returns — against parquet-java's
 * logical reading of the same values ({@link LogicalOracle}): TIMESTAMP in every unit, UTC-adjusted and local;
 * TIME in every unit and UTC flag; DATE; DECIMAL on INT32, INT64, FIXED_LEN_BYTE_ARRAY and BINARY; UUID;
 * FLOAT16; INTERVAL; INT96; unsigned and signed INTs; STRING, ENUM, JSON, BSON — flat and nested, with edge
 * values (int64 extremes of every unit, dates millions of years away, decimal extremes, NaN and subnormal
 * halves, unsigned maxima), written by parquet-java's {@code ExampleParquetWriter} here and read in every
 * dictionary form. The same comparison runs on every corpus and random file ({@link CorpusDifferentialTest});
 * here the counts prove every logical kind was compared, and the corpus's logical-type files are named.
 */
class LogicalValuesDifferentialTest {

    private static final MessageType SCHEMA = MessageTypeParser.parseMessageType("""
            message logical {
              required int64 ts_millis_utc (TIMESTAMP(MILLIS,true));
              optional int64 ts_millis_local (TIMESTAMP(MILLIS,false));
              optional int64 ts_micros_utc (TIMESTAMP(MICROS,true));
              optional int64 ts_micros_local (TIMESTAMP(MICROS,false));
              optional int64 ts_nanos_utc (TIMESTAMP(NANOS,true));
              optional int64 ts_nanos_local (TIMESTAMP(NANOS,false));
              optional int32 time_millis_utc (TIME(MILLIS,true));
              optional int32 time_millis_local (TIME(MILLIS,false));
              optional int64 time_micros_utc (TIME(MICROS,true));
              optional int64 time_micros_local (TIME(MICROS,false));
              optional int64 time_nanos_utc (TIME(NANOS,true));
              optional int64 time_nanos_local (TIME(NANOS,false));
              optional int32 day (DATE);
              optional int32 dec_int32 (DECIMAL(9,2));
              optional int64 dec_int64 (DECIMAL(18,6));
              optional fixed_len_byte_array(16) dec_fixed (DECIMAL(38,10));
              optional binary dec_binary (DECIMAL(60,5));
              optional fixed_len_byte_array(16) id (UUID);
              optional fixed_len_byte_array(2) half (FLOAT16);
              optional fixed_len_byte_array(12) span (INTERVAL);
              optional int96 legacy_ts;
              optional int32 u8 (INTEGER(8,false));
              optional int32 u16 (INTEGER(16,false));
              optional int32 u32 (INTEGER(32,false));
              optional int64 u64 (INTEGER(64,false));
              optional int32 i8 (INTEGER(8,true));
              optional binary text (STRING);
              optional binary colour (ENUM);
              optional binary doc (JSON);
              optional binary blob (BSON);
              optional group nested {
                optional int64 at (TIMESTAMP(NANOS,true));
                optional binary amount (DECIMAL(20,3));
                optional fixed_len_byte_array(16) ref (UUID);
                optional int32 when (TIME(MILLIS,false));
              }
              optional group moments (LIST) {
                repeated group list {
                  optional int64 element (TIMESTAMP(MICROS,false));
                }
              }
              optional group spans_by_day (MAP) {
                repeated group key_value {
                  required int32 key (DATE);
                  optional fixed_len_byte_array(12) value (INTERVAL);
                }
              }
              optional group halves (LIST) {
                repeated group list {
                  optional fixed_len_byte_array(2) element (FLOAT16);
                }
              }
              repeated int96 legacy_list;
            }
            """);

    /** Every logical kind the file holds, as {@link LogicalOracle#kind} names them. */
    private static final Set<String> KINDS = Set.of(
            "TIMESTAMP(MILLIS,UTC) on INT64", "TIMESTAMP(MILLIS,local) on INT64", "TIMESTAMP(MICROS,UTC) on INT64",
            "TIMESTAMP(MICROS,local) on INT64", "TIMESTAMP(NANOS,UTC) on INT64", "TIMESTAMP(NANOS,local) on INT64",
            "TIME(MILLIS,UTC) on INT32", "TIME(MILLIS,local) on INT32", "TIME(MICROS,UTC) on INT64",
            "TIME(MICROS,local) on INT64", "TIME(NANOS,UTC) on INT64", "TIME(NANOS,local) on INT64",
            "DATE on INT32", "DECIMAL on INT32", "DECIMAL on INT64", "DECIMAL on FIXED_LEN_BYTE_ARRAY", "DECIMAL on BINARY",
            "UUID on FIXED_LEN_BYTE_ARRAY", "FLOAT16 on FIXED_LEN_BYTE_ARRAY", "INTERVAL on FIXED_LEN_BYTE_ARRAY", "INT96",
            "UINT8 on INT32", "UINT16 on INT32", "UINT32 on INT32", "UINT64 on INT64", "INT8 on INT32",
            "STRING on BINARY", "ENUM on BINARY", "JSON on BINARY", "BSON on BINARY");

    private static final long[] LONG_EDGES = {Long.MIN_VALUE, Long.MAX_VALUE, -1, 0, 1, 1_700_000_000_123_456_789L / 1000,
        -86_400_000_001L};
    private static final int[] HALF_EDGES = {0x0000, 0x8000, 0x7e00, 0x7c01, 0x7c00, 0xfc00, 0x0001, 0x03ff, 0x7bff, 0x3c00, 0xc000};

    @TempDir
    static Path directory;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dictionary", "plain"})
    void everyLogicalKindReadsAsParquetJavaReadsIt(String encoding) throws Exception {
        Path file = directory.resolve("logical-" + encoding + ".parquet");
        int rows = write(file, encoding.equals("dictionary"));
        Map<String, Long> before = snapshot();
        for (DictionaryForm form : CorpusDifferentialTest.FORMS) {
            CorpusDifferentialTest.assertIdenticalToParquetJava(file, ReadOptions.defaults().withDictionaryForm(form));
        }
        Map<String, Long> after = snapshot();
        for (String kind : KINDS) {
            long compared = after.getOrDefault(kind, 0L) - before.getOrDefault(kind, 0L);
            assertThat(compared).as("values of " + kind + " compared").isGreaterThanOrEqualTo(rows / 2);
        }
    }

    /** The corpus files with logical types: compared the same way, and each kind named here was compared. */
    @Test
    void corpusFilesWithLogicalTypes() throws Exception {
        Map<String, Long> before = snapshot();
        for (String file : List.of("data/int96_from_spark.parquet", "data/float16_nonzeros_and_nans.parquet",
                "data/float16_zeros_and_nans.parquet", "data/byte_array_decimal.parquet", "data/fixed_length_decimal.parquet",
                "data/fixed_length_decimal_legacy.parquet", "data/int32_decimal.parquet", "data/int64_decimal.parquet",
                "data/alltypes_plain.parquet", "data/nested_maps.snappy.parquet")) {
            CorpusDifferentialTest.assertIdenticalToParquetJava(Corpus.file(file));
        }
        Map<String, Long> after = snapshot();
        for (String kind : List.of("INT96", "FLOAT16 on FIXED_LEN_BYTE_ARRAY", "DECIMAL on BINARY", "DECIMAL on FIXED_LEN_BYTE_ARRAY",
                "DECIMAL on INT32", "DECIMAL on INT64", "STRING on BINARY")) {
            assertThat(after.getOrDefault(kind, 0L) - before.getOrDefault(kind, 0L)).as("corpus values of " + kind).isPositive();
        }
    }

    /** The oracle tells values apart that a mere call of getObject would not: the wrong type, unit or value. */
    @Test
    void theOracleCatchesWrongConversions() {
        MessageType schema = MessageTypeParser.parseMessageType("""
                message m {
                  required int64 utc (TIMESTAMP(MICROS,true));
                  required int64 local (TIMESTAMP(MILLIS,false));
                  required int32 day (DATE);
                  required int96 legacy;
                }
                """);
        Group group = new SimpleGroupFactory(schema).newGroup().append("utc", -1L).append("local", Long.MIN_VALUE)
                .append("day", Integer.MIN_VALUE).append("legacy", new NanoTime(2_440_588, -1L));
        PrimitiveType utc = schema.getType("utc").asPrimitiveType();
        assertThat(LogicalOracle.expected(group, "utc", 0))
                .isEqualTo("Instant:1969-12-31T23:59:59.999999Z|1969-12-31T23:59:59.999999+0000")
                .isEqualTo(LogicalOracle.ours(Instant.parse("1969-12-31T23:59:59.999999Z"), utc))
                .isNotEqualTo(LogicalOracle.ours(Instant.parse("1970-01-01T00:00:00.999999Z"), utc)) // truncated, not floored
                .isNotEqualTo(LogicalOracle.ours(LocalDateTime.parse("1969-12-31T23:59:59.999999"), utc)); // local, not an instant
        // years BC: the stringifier's year of era cannot tell them apart, the exact part does
        PrimitiveType local = schema.getType("local").asPrimitiveType();
        String expected = LogicalOracle.expected(group, "local", 0);
        assertThat(expected).isEqualTo("LocalDateTime:-292275055-05-16T16:47:04.192|+292275056-05-16T16:47:04.192");
        assertThat(LogicalOracle.ours(LocalDateTime.parse("+292275056-05-16T16:47:04.192"), local)).isNotEqualTo(expected);
        assertThat(LogicalOracle.expected(group, "day", 0)).startsWith("LocalDate:-5877641-06-23|");
        assertThat(LogicalOracle.expected(group, "legacy", 0)).isEqualTo("Instant:1969-12-31T23:59:59.999999999Z|");
    }

    private static Map<String, Long> snapshot() {
        Map<String, Long> counts = new HashMap<>();
        LogicalOracle.COMPARED.forEach((kind, n) -> counts.put(kind, n.sum()));
        return counts;
    }

    /** 240 rows: edge values first, then random ones; every optional field null in about one row of six. */
    private static int write(Path file, boolean dictionary) throws Exception {
        Random random = new Random(dictionary ? 11 : 12);
        SimpleGroupFactory factory = new SimpleGroupFactory(SCHEMA);
        int rows = 240;
        try (ParquetWriter<Group> writer = ParquetJavaWriters.builder(file, SCHEMA).withDictionaryEncoding(dictionary)
                .withPageSize(2048).withRowGroupSize(64 * 1024L).build()) {
            for (int r = 0; r < rows; r++) {
                Group g = factory.newGroup();
                long edge = r < LONG_EDGES.length ? LONG_EDGES[r] : dictionary ? random.nextLong(-5, 5) * 3_600_000_000L : random.nextLong();
                g.add("ts_millis_utc", edge);
                if (present(random, r)) g.add("ts_millis_local", edge);
                if (present(random, r)) g.add("ts_micros_utc", edge);
                if (present(random, r)) g.add("ts_micros_local", edge);
                if (present(random, r)) g.add("ts_nanos_utc", edge);
                if (present(random, r)) g.add("ts_nanos_local", edge);
                if (present(random, r)) g.add("time_millis_utc", (int) timeOfDay(random, r, 86_400_000L));
                if (present(random, r)) g.add("time_millis_local", (int) timeOfDay(random, r, 86_400_000L));
                if (present(random, r)) g.add("time_micros_utc", timeOfDay(random, r, 86_400_000_000L));
                if (present(random, r)) g.add("time_micros_local", timeOfDay(random, r, 86_400_000_000L));
                if (present(random, r)) g.add("time_nanos_utc", timeOfDay(random, r, 86_400_000_000_000L));
                if (present(random, r)) g.add("time_nanos_local", timeOfDay(random, r, 86_400_000_000_000L));
                if (present(random, r)) g.add("day", r == 0 ? Integer.MIN_VALUE : r == 1 ? Integer.MAX_VALUE : random.nextInt(-800_000, 800_000));
                if (present(random, r)) g.add("dec_int32", r == 0 ? -999_999_999 : r == 1 ? 999_999_999 : random.nextInt(-999_999_999, 1_000_000_000));
                if (present(random, r)) g.add("dec_int64", r == 0 ? -999_999_999_999_999_999L : r == 1 ? 999_999_999_999_999_999L : random.nextLong());
                if (present(random, r)) g.add("dec_fixed", Binary.fromConstantByteArray(signExtended(unscaled(random, r, 38), 16)));
                if (present(random, r)) g.add("dec_binary", Binary.fromConstantByteArray(unscaled(random, r, 60).toByteArray()));
                if (present(random, r)) g.add("id", bytes(random, 16));
                if (present(random, r)) g.add("half", half(random, r));
                if (present(random, r)) g.add("span", r < 2 ? Binary.fromConstantByteArray(filled(12, r == 0 ? 0 : 0xFF)) : bytes(random, 12));
                if (present(random, r)) g.add("legacy_ts", int96(random, r));
                if (present(random, r)) g.add("u8", r == 0 ? 255 : random.nextInt(256));
                if (present(random, r)) g.add("u16", r == 0 ? 65_535 : random.nextInt(65_536));
                if (present(random, r)) g.add("u32", r == 0 ? -1 : random.nextInt());
                if (present(random, r)) g.add("u64", r == 0 ? -1L : random.nextLong());
                if (present(random, r)) g.add("i8", r == 0 ? -128 : random.nextInt(-128, 128));
                if (present(random, r)) g.add("text", r == 0 ? Binary.fromConstantByteArray(new byte[] {(byte) 0xC3, 0x28})
                        : Binary.fromString(List.of("", "é中😀", "plain", "x".repeat(r % 40)).get(r % 4)));
                if (present(random, r)) g.add("colour", Binary.fromString(List.of("RED", "GREEN", "BLUE").get(r % 3)));
                if (present(random, r)) g.add("doc", Binary.fromString("{\"n\":" + r + "}"));
                if (present(random, r)) g.add("blob", bytes(random, 1 + r % 9));
                if (present(random, r)) {
                    Group nested = g.addGroup("nested");
                    if (present(random, r)) nested.add("at", edge);
                    if (present(random, r)) nested.add("amount", Binary.fromConstantByteArray(unscaled(random, r, 20).toByteArray()));
                    if (present(random, r)) nested.add("ref", bytes(random, 16));
                    if (present(random, r)) nested.add("when", (int) timeOfDay(random, r, 86_400_000L));
                }
                if (present(random, r)) {
                    Group list = g.addGroup("moments");
                    for (int i = 0; i < r % 4; i++) {
                        Group element = list.addGroup("list");
                        if (present(random, r + i)) element.add("element", i == 0 ? edge : random.nextLong());
                    }
                }
                if (present(random, r)) {
                    Group map = g.addGroup("spans_by_day");
                    for (int i = 0; i < r % 3; i++) {
                        Group entry = map.addGroup("key_value").append("key", random.nextInt(-100_000, 100_000));
                        if (present(random, r + i)) entry.add("value", bytes(random, 12));
                    }
                }
                if (present(random, r)) {
                    Group list = g.addGroup("halves");
                    for (int i = 0; i < 1 + r % 3; i++) {
                        Group element = list.addGroup("list");
                        if (present(random, r + i)) element.add("element", half(random, r + i));
                    }
                }
                for (int i = 0; i < r % 3; i++) g.add("legacy_list", int96(random, r + i));
                writer.write(g);
            }
        }
        return rows;
    }

    private static boolean present(Random random, int row) {
        return row < LONG_EDGES.length || random.nextInt(6) != 0;
    }

    private static long timeOfDay(Random random, int row, long perDay) {
        return row == 0 ? 0 : row == 1 ? perDay - 1 : random.nextLong(perDay);
    }

    private static BigInteger unscaled(Random random, int row, int precision) {
        BigInteger max = BigInteger.TEN.pow(precision).subtract(BigInteger.ONE);
        if (row == 0) return max.negate();
        if (row == 1) return max;
        if (row == 2) return BigInteger.ZERO;
        return new BigInteger(max.bitLength() + 8, random).mod(max.shiftLeft(1).add(BigInteger.ONE)).subtract(max);
    }

    private static byte[] signExtended(BigInteger value, int length) {
        byte[] minimal = value.toByteArray();
        byte[] out = filled(length, value.signum() < 0 ? 0xFF : 0);
        System.arraycopy(minimal, 0, out, length - minimal.length, minimal.length);
        return out;
    }

    private static Binary half(Random random, int row) {
        int bits = row < HALF_EDGES.length ? HALF_EDGES[row] : random.nextInt(4) == 0 ? HALF_EDGES[random.nextInt(HALF_EDGES.length)] : random.nextInt(65_536);
        return Binary.fromConstantByteArray(new byte[] {(byte) bits, (byte) (bits >>> 8)});
    }

    /** Edge Julian days and nanoseconds (negative, beyond a day), then random bytes. */
    private static NanoTime int96(Random random, int row) {
        return switch (row) {
            case 0 -> new NanoTime(2_440_588, 0);
            case 1 -> new NanoTime(Integer.MIN_VALUE, Long.MIN_VALUE);
            case 2 -> new NanoTime(Integer.MAX_VALUE, Long.MAX_VALUE);
            case 3 -> new NanoTime(0, -1);
            default -> new NanoTime(random.nextInt(), random.nextLong());
        };
    }

    private static Binary bytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return Binary.fromConstantByteArray(bytes);
    }

    private static byte[] filled(int length, int value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }
}
