package io.pqflux.reader;

import static org.assertj.core.api.Assertions.assertThat;

import io.pqflux.filter.Predicate;
import io.pqflux.format.meta.LogicalType;
import io.pqflux.format.meta.TimeUnit;
import io.pqflux.testdata.ForeignWriterFiles;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.example.data.Group;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TIME values outside a day (negative, or a day or more), as engines write them for times with a time zone:
 * the file reads, every value keeps its sign and magnitude, and the raw values equal parquet-java's.
 */
class TimeOutsideADayTest {

    @TempDir
    static Path directory;
    private static Path file;

    @BeforeAll
    static void write() {
        file = ForeignWriterFiles.timesOutsideADay(directory);
    }

    @Test
    void rawValuesAndLogicalValuesAgreeWithParquetJava() throws Exception {
        List<Group> oracle = ParquetJavaOracle.read(file).rows();
        int row = 0;
        int outsideADay = 0;
        try (ParquetReader reader = ParquetReader.open(file); RowCursor rows = reader.rows()) {
            while (rows.next()) {
                Group expected = oracle.get(row);
                assertThat(rows.getInt("id")).isEqualTo(expected.getInteger("id", 0));
                for (String column : ForeignWriterFiles.TIME_COLUMNS) {
                    String where = "row " + row + " " + column;
                    int index = rows.fieldIndex(column);
                    if (expected.getFieldRepetitionCount(column) == 0) {
                        assertThat(rows.isNull(index)).as(where).isTrue();
                        assertThat(rows.getObject(index)).as(where).isNull();
                        continue;
                    }
                    assertThat(rows.isNull(index)).as(where).isFalse();
                    TimeUnit unit = ((LogicalType.TimeType) reader.schema().column(column).orElseThrow().logicalType()).unit();
                    long raw = unit == TimeUnit.MILLIS ? expected.getInteger(column, 0) : expected.getLong(column, 0);
                    long ours = unit == TimeUnit.MILLIS ? rows.getInt(index) : rows.getLong(index);
                    assertThat(ours).as(where).isEqualTo(raw);
                    Object value = rows.getObject(index);
                    assertThat(nanosOf(value)).as(where).isEqualTo(Duration.of(raw, unitOf(unit)));
                    boolean timeOfDay = raw >= 0 && Duration.of(raw, unitOf(unit)).compareTo(Duration.ofDays(1)) < 0;
                    assertThat(value).as(where).isInstanceOf(timeOfDay ? LocalTime.class : Duration.class);
                    if (!timeOfDay) outsideADay++;
                }
                row++;
            }
        }
        assertThat(row).isEqualTo(oracle.size()).isEqualTo(8);
        assertThat(outsideADay).as("values outside a day in the file").isEqualTo(15);
    }

    @Test
    void theDocumentedCases() {
        List<List<Object>> values = new ArrayList<>();
        try (ParquetReader reader = ParquetReader.open(file); RowCursor rows = reader.rows()) {
            while (rows.next()) {
                List<Object> row = new ArrayList<>();
                for (String column : ForeignWriterFiles.TIME_COLUMNS) row.add(rows.getObject(column));
                values.add(row);
            }
        }
        assertThat(values.get(0)).containsExactly(LocalTime.parse("01:02:03.004"), LocalTime.parse("01:02:03.004005"),
                LocalTime.parse("01:02:03.004005006"));
        Duration negative = Duration.ofHours(-3).minusMinutes(51).minusSeconds(39);
        assertThat(values.get(1)).containsExactly(negative, negative, negative);
        assertThat(values.get(2)).containsExactly(Duration.ofMillis(-1), Duration.ofNanos(-1_000), Duration.ofNanos(-1));
        assertThat(values.get(3)).containsExactly(Duration.ofDays(1), Duration.ofDays(1), Duration.ofDays(1));
        Duration beyond = Duration.ofHours(25).plusMinutes(2).plusSeconds(3);
        assertThat(values.get(4)).containsExactly(beyond.plusMillis(4), beyond.plusNanos(4_005_000), beyond.plusNanos(4_005_006));
        assertThat(values.get(5)).containsExactly(Duration.ofMillis(Integer.MIN_VALUE), Duration.of(Long.MIN_VALUE, ChronoUnit.MICROS),
                Duration.ofNanos(Long.MAX_VALUE));
        assertThat(values.get(6)).containsExactly(null, null, null);
        assertThat(values.get(7)).containsExactly(LocalTime.MIDNIGHT, LocalTime.parse("23:59:59.999999"),
                LocalTime.parse("23:59:59.999999999"));
    }

    @Test
    void filtersTakeTheValuesTheRowApiGives() {
        assertThat(ids(Predicate.lt("t_millis", Duration.ZERO))).containsExactly(1, 2, 5);
        assertThat(ids(Predicate.eq("t_micros", Duration.ofSeconds(-13_899)))).containsExactly(1);
        assertThat(ids(Predicate.gtEq("t_nanos", Duration.ofDays(1)))).containsExactly(3, 4, 5);
        assertThat(ids(Predicate.eq("t_millis", LocalTime.parse("01:02:03.004")))).containsExactly(0);
    }

    private static List<Integer> ids(Predicate filter) {
        List<Integer> ids = new ArrayList<>();
        try (ParquetReader reader = ParquetReader.open(file, ReadOptions.defaults().withFilter(filter)); RowCursor rows = reader.rows()) {
            while (rows.next()) ids.add(rows.getInt("id"));
        }
        return ids;
    }

    /** A row API TIME value as the time since midnight it stands for. */
    private static Duration nanosOf(Object value) {
        return switch (value) {
            case LocalTime t -> Duration.ofNanos(t.toNanoOfDay());
            case Duration d -> d;
            default -> throw new AssertionError("not a TIME value: " + value);
        };
    }

    private static ChronoUnit unitOf(TimeUnit unit) {
        return switch (unit) {
            case MILLIS -> ChronoUnit.MILLIS;
            case MICROS -> ChronoUnit.MICROS;
            case NANOS -> ChronoUnit.NANOS;
        };
    }
}
