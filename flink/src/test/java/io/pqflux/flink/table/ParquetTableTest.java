package io.pqflux.flink.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pqflux.testdata.random.RandomParquetFiles;
import io.pqflux.testdata.random.WriterSettings;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;
import org.apache.parquet.column.ParquetProperties.WriterVersion;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.NanoTime;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Flink SQL over {@code 'pqflux-parquet'}: a hive-partitioned dataset parquet-java wrote with every column type the
 * connector reads (nulls in each), queried through the planner. Each row is compared with the values the test
 * generated, rendered the way Flink's own external types print them.
 */
class ParquetTableTest {

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(2).setNumberSlotsPerTaskManager(2).build());

    private static final MessageType SCHEMA = MessageTypeParser.parseMessageType("""
            message m {
              required int64 id;
              optional binary name (STRING);
              optional int32 small;
              optional float ratio;
              optional double score;
              optional boolean flag;
              optional int32 day (DATE);
              optional int64 ts_millis (TIMESTAMP(MILLIS,true));
              optional int64 ts_micros (TIMESTAMP(MICROS,true));
              optional int64 ts_nanos (TIMESTAMP(NANOS,false));
              optional int32 price32 (DECIMAL(9,2));
              optional int64 price64 (DECIMAL(18,4));
              optional fixed_len_byte_array(16) price_fixed (DECIMAL(38,6));
              optional binary payload;
              optional int96 legacy_ts;
            }""");
    static final String COLUMNS = "id BIGINT, name STRING, small INT, ratio FLOAT, score DOUBLE, flag BOOLEAN, `day` DATE,"
            + " ts_millis TIMESTAMP_LTZ(3), ts_micros TIMESTAMP_LTZ(6), ts_nanos TIMESTAMP(9), price32 DECIMAL(9, 2),"
            + " price64 DECIMAL(18, 4), price_fixed DECIMAL(38, 6), payload BYTES, legacy_ts TIMESTAMP(9), region STRING, bucket BIGINT";
    private static final String[] REGIONS = {"eu", "us"};
    private static final int FILES_PER_PARTITION = 2;
    private static final int ROWS = 150;

    @TempDir
    static Path root;
    /** Every row as the query renders it, columns in table order. */
    static final List<List<Object>> expected = new ArrayList<>();

    @BeforeAll
    static void write() {
        SimpleGroupFactory factory = new SimpleGroupFactory(SCHEMA);
        SplittableRandom random = new SplittableRandom(22);
        long id = 0;
        for (String region : REGIONS) {
            for (int bucket = 0; bucket < 3; bucket++) {
                for (int file = 0; file < FILES_PER_PARTITION; file++) {
                    List<Group> groups = new ArrayList<>();
                    for (int r = 0; r < ROWS; r++, id++) {
                        groups.add(row(factory, random, id, region, bucket));
                    }
                    RandomParquetFiles.write(root.resolve("region=" + region + "/bucket=" + bucket + "/part-" + file + ".parquet"), SCHEMA,
                            WriterSettings.plain(WriterVersion.PARQUET_2_0, CompressionCodecName.SNAPPY, file == 0, 25, 50), groups);
                }
            }
        }
    }

    /** One row: written with parquet-java, and its expected values kept. */
    private static Group row(SimpleGroupFactory factory, SplittableRandom random, long id, String region, int bucket) {
        Group group = factory.newGroup().append("id", id);
        List<Object> values = new ArrayList<>(List.of(id));
        boolean nulls = id % 7 == 3;
        String name = "name-" + random.nextInt(40);
        int small = random.nextInt(-1000, 1000);
        float ratio = (float) random.nextDouble();
        double score = random.nextDouble(-1e6, 1e6);
        boolean flag = random.nextBoolean();
        int day = random.nextInt(-1000, 30000);
        long millis = random.nextLong(-10_000_000_000_000L, 10_000_000_000_000L);
        long micros = random.nextLong(-10_000_000_000_000_000L, 10_000_000_000_000_000L);
        long nanos = random.nextLong();
        int price32 = random.nextInt(-999_999_999, 999_999_999);
        long price64 = random.nextLong(-999_999_999_999_999_999L, 999_999_999_999_999_999L);
        BigInteger priceFixed = new BigInteger(120, new java.util.Random(id)).subtract(BigInteger.ONE.shiftLeft(119));
        byte[] payload = new byte[random.nextInt(0, 9)];
        random.nextBytes(payload);
        int julianDay = random.nextInt(2_400_000, 2_500_000);
        long nanosOfDay = random.nextLong(0, 86_400_000_000_000L);
        if (nulls) {
            values.addAll(Arrays.asList(null, null, null, null, null, null, null, null, null, null, null, null, null, null));
        } else {
            group.append("name", name).append("small", small).append("ratio", ratio).append("score", score).append("flag", flag)
                    .append("day", day).append("ts_millis", millis).append("ts_micros", micros).append("ts_nanos", nanos)
                    .append("price32", price32).append("price64", price64)
                    .append("price_fixed", Binary.fromConstantByteArray(fixed16(priceFixed))).append("payload", Binary.fromConstantByteArray(payload))
                    .append("legacy_ts", new NanoTime(julianDay, nanosOfDay).toBinary());
            values.addAll(List.of(name, small, ratio, score, flag, LocalDate.ofEpochDay(day),
                    Instant.ofEpochMilli(millis), Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000), Math.floorMod(micros, 1_000_000) * 1_000),
                    LocalDateTime.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), (int) Math.floorMod(nanos, 1_000_000_000L), ZoneOffset.UTC),
                    BigDecimal.valueOf(price32, 2), BigDecimal.valueOf(price64, 4), new BigDecimal(priceFixed, 6), HexFormat.of().formatHex(payload),
                    LocalDateTime.ofEpochSecond((julianDay - 2_440_588L) * 86_400, 0, ZoneOffset.UTC).plusNanos(nanosOfDay)));
        }
        values.add(region);
        values.add((long) bucket);
        expected.add(values);
        return group;
    }

    private static byte[] fixed16(BigInteger unscaled) {
        byte[] minimal = unscaled.toByteArray();
        byte[] out = new byte[16];
        Arrays.fill(out, 0, 16 - minimal.length, (byte) (unscaled.signum() < 0 ? 0xFF : 0));
        System.arraycopy(minimal, 0, out, 16 - minimal.length, minimal.length);
        return out;
    }

    static StreamTableEnvironment tables() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        StreamTableEnvironment tables = StreamTableEnvironment.create(env, EnvironmentSettings.inBatchMode());
        tables.executeSql("CREATE TABLE events (" + COLUMNS + ") WITH ('connector' = 'pqflux-parquet', 'path' = '" + root + "')");
        return tables;
    }

    /** The query's rows, each as its values with bytes in hex, sorted by their text. */
    static List<List<Object>> query(StreamTableEnvironment tables, String sql) throws Exception {
        List<List<Object>> rows = new ArrayList<>();
        try (CloseableIterator<Row> result = tables.executeSql(sql).collect()) {
            result.forEachRemaining(row -> {
                List<Object> values = new ArrayList<>();
                for (int i = 0; i < row.getArity(); i++) {
                    Object value = row.getField(i);
                    values.add(value instanceof byte[] bytes ? HexFormat.of().formatHex(bytes) : value);
                }
                rows.add(values);
            });
        }
        return sorted(rows);
    }

    static List<List<Object>> sorted(List<List<Object>> rows) {
        return rows.stream().sorted((a, b) -> a.toString().compareTo(b.toString())).toList();
    }

    private static List<List<Object>> expected(Predicate<List<Object>> keep, int... columns) {
        return sorted(expected.stream().filter(keep).map(row -> Arrays.stream(columns).mapToObj(row::get).toList()).toList());
    }

    @Test
    void everyColumnOfEveryRowAsParquetJavaWroteIt() throws Exception {
        assertThat(query(tables(), "SELECT * FROM events")).hasSize(REGIONS.length * 3 * FILES_PER_PARTITION * ROWS)
                .isEqualTo(sorted(expected));
    }

    @Test
    void projectionAndFiltersArePushedIntoTheScan() throws Exception {
        StreamTableEnvironment tables = tables();
        String sql = "SELECT id, name, region FROM events WHERE region = 'eu' AND bucket = 2 AND id >= 700 AND name IS NOT NULL";
        String plan = tables.explainSql(sql);
        assertThat(plan).contains("project=[id, name, region, bucket]").contains("filter=[");
        assertThat(query(tables, sql)).isNotEmpty().isEqualTo(expected(row -> row.get(15).equals("eu") && row.get(16).equals(2L)
                && (long) row.get(0) >= 700 && row.get(1) != null, 0, 1, 15));
    }

    @Test
    void aFilterOnADateAndAnOrOfColumnsKeepsExactlyTheMatchingRows() throws Exception {
        LocalDate cut = LocalDate.ofEpochDay(10_000);
        String sql = "SELECT id, `day` FROM events WHERE `day` < DATE '" + cut + "' OR small IN (1, 2, 3) OR flag";
        assertThat(query(tables(), sql)).isEqualTo(expected(row -> row.get(6) != null
                && (((LocalDate) row.get(6)).isBefore(cut) || List.of(1, 2, 3).contains(row.get(2)) || (boolean) row.get(5)), 0, 6));
    }

    @Test
    void aCountReadsOneColumnForTheRows() throws Exception {
        assertThat(query(tables(), "SELECT COUNT(*) FROM events")).containsExactly(List.of((long) expected.size()));
        assertThat(query(tables(), "SELECT bucket, COUNT(*) FROM events GROUP BY bucket"))
                .containsExactly(List.of(0L, 600L), List.of(1L, 600L), List.of(2L, 600L));
    }

    @Test
    void aColumnDeclaredWithATypeItsFilesDoNotHoldFailsNamingFileAndColumn() {
        StreamTableEnvironment tables = tables();
        tables.executeSql("CREATE TABLE wrong (name BIGINT) WITH ('connector' = 'pqflux-parquet', 'path' = '" + root + "')");
        assertThatThrownBy(() -> query(tables, "SELECT name FROM wrong"))
                .satisfies(error -> assertThat(rootMessage(error)).contains("column 'name' is declared BIGINT")
                        .contains(".parquet has BYTE_ARRAY"));
        tables.executeSql("CREATE TABLE nested (tags ARRAY<STRING>) WITH ('connector' = 'pqflux-parquet', 'path' = '" + root + "')");
        assertThatThrownBy(() -> tables.explainSql("SELECT tags FROM nested")).isInstanceOf(ValidationException.class)
                .satisfies(error -> assertThat(rootMessage(error)).contains("column 'tags' of type ARRAY<STRING>"));
    }

    static String rootMessage(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null) cause = cause.getCause();
        return cause.getMessage();
    }
}
