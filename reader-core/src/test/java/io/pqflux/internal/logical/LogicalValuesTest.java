package io.pqflux.internal.logical;

import io.pqflux.logical.Interval;

import static org.assertj.core.api.Assertions.assertThat;

import io.pqflux.format.meta.TimeUnit;
import io.pqflux.reader.ParquetReader;
import io.pqflux.reader.RowCursor;
import io.pqflux.testdata.Corpus;
import java.lang.foreign.MemorySegment;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class LogicalValuesTest {

    @Test
    void decimalsFromBigEndianTwosComplement() {
        assertThat(LogicalValues.decimal(new byte[] {(byte) 0xFF, 0x0B}, 2)).isEqualTo(new BigDecimal("-2.45"));
        assertThat(LogicalValues.decimal(new byte[] {0x00, (byte) 0x80}, 0)).isEqualTo(new BigDecimal("128"));
        assertThat(LogicalValues.decimal(new byte[0], 3)).isEqualTo(new BigDecimal("0.000"));
        assertThat(LogicalValues.decimal(-5L, 2)).isEqualTo(new BigDecimal("-0.05"));
    }

    @Test
    void timestampsBeforeTheEpochKeepTheirFraction() {
        assertThat(LogicalValues.instant(-1, TimeUnit.MILLIS)).isEqualTo(Instant.parse("1969-12-31T23:59:59.999Z"));
        assertThat(LogicalValues.instant(-1, TimeUnit.MICROS)).isEqualTo(Instant.parse("1969-12-31T23:59:59.999999Z"));
        assertThat(LogicalValues.instant(Long.MIN_VALUE, TimeUnit.NANOS)).isEqualTo(Instant.parse("1677-09-21T00:12:43.145224192Z"));
        assertThat(LogicalValues.localDateTime(86_400_000_123L, TimeUnit.MICROS))
                .isEqualTo(LocalDateTime.parse("1970-01-02T00:00:00.000123"));
    }

    @Test
    void timesOfDay() {
        assertThat(LogicalValues.time(3_723_004L, TimeUnit.MILLIS)).isEqualTo(LocalTime.parse("01:02:03.004"));
        assertThat(LogicalValues.time(86_399_999_999_999L, TimeUnit.NANOS)).isEqualTo(LocalTime.parse("23:59:59.999999999"));
    }

    @Test
    void timesOutsideADayAreSignedDurations() {
        assertThat(LogicalValues.time(-13_899_000L, TimeUnit.MILLIS)).isEqualTo(Duration.ofSeconds(-13_899));
        assertThat(LogicalValues.time(-1, TimeUnit.MICROS)).isEqualTo(Duration.ofNanos(-1_000));
        assertThat(LogicalValues.time(-1, TimeUnit.NANOS)).isEqualTo(Duration.ofNanos(-1));
        assertThat(LogicalValues.time(86_400_000L, TimeUnit.MILLIS)).isEqualTo(Duration.ofDays(1));
        assertThat(LogicalValues.time(86_400_000_000L, TimeUnit.MICROS)).isEqualTo(Duration.ofDays(1));
        assertThat(LogicalValues.time(86_400_000_000_000L, TimeUnit.NANOS)).isEqualTo(Duration.ofDays(1));
        assertThat(LogicalValues.time(90_000_001L, TimeUnit.MILLIS)).isEqualTo(Duration.ofHours(25).plusMillis(1));
        // the extremes of every unit, exactly (micros to nanos would overflow a long)
        assertThat(LogicalValues.time(Integer.MIN_VALUE, TimeUnit.MILLIS)).isEqualTo(Duration.ofMillis(Integer.MIN_VALUE));
        assertThat(LogicalValues.time(Long.MIN_VALUE, TimeUnit.MILLIS)).isEqualTo(Duration.ofMillis(Long.MIN_VALUE));
        assertThat(LogicalValues.time(Long.MIN_VALUE, TimeUnit.MICROS))
                .isEqualTo(Duration.ofSeconds(Long.MIN_VALUE / 1_000_000, Long.MIN_VALUE % 1_000_000 * 1_000));
        assertThat(LogicalValues.time(Long.MAX_VALUE, TimeUnit.MICROS))
                .isEqualTo(Duration.ofSeconds(Long.MAX_VALUE / 1_000_000, Long.MAX_VALUE % 1_000_000 * 1_000));
        assertThat(LogicalValues.time(Long.MAX_VALUE, TimeUnit.NANOS)).isEqualTo(Duration.ofNanos(Long.MAX_VALUE));
    }

    @Test
    void theBoundsOfADayAreTimesOfDay() {
        assertThat(LogicalValues.time(0, TimeUnit.MILLIS)).isEqualTo(LocalTime.MIDNIGHT);
        assertThat(LogicalValues.time(86_399_999L, TimeUnit.MILLIS)).isEqualTo(LocalTime.parse("23:59:59.999"));
        assertThat(LogicalValues.time(86_399_999_999L, TimeUnit.MICROS)).isEqualTo(LocalTime.parse("23:59:59.999999"));
    }

    @Test
    void fixedWidthTypes() {
        MemorySegment half = MemorySegment.ofArray(new byte[] {0x00, 0x3C}); // 1.0 little-endian
        assertThat(LogicalValues.float16(half)).isEqualTo(1.0f);
        MemorySegment uuid = MemorySegment.ofArray(new byte[] {
                0x12, 0x34, 0x56, 0x78, (byte) 0x9a, (byte) 0xbc, (byte) 0xde, (byte) 0xf0,
                0x01, 0x23, 0x45, 0x67, (byte) 0x89, (byte) 0xab, (byte) 0xcd, (byte) 0xef});
        assertThat(LogicalValues.uuid(uuid)).isEqualTo(UUID.fromString("12345678-9abc-def0-0123-456789abcdef"));
        MemorySegment interval = MemorySegment.ofArray(new byte[] {1, 0, 0, 0, 2, 0, 0, 0, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF});
        assertThat(LogicalValues.interval(interval)).isEqualTo(new Interval(1, 2, 4_294_967_295L));
    }

    /**
     * The values stated in int96_from_spark.md whose zone is explicit. 9999-12-31 lies beyond int64
     * nanoseconds. The last one, 290000-12-31, overflowed Spark's own int64 microseconds while it was
     * written: the file holds Julian day -105862232 and nanos -32509551616000, which we decode literally
     * (Spark alone recovers 290000 by wrapping the same overflow back).
     */
    @Test
    void int96TimestampsFromSpark() {
        List<Object> values = new ArrayList<>();
        try (ParquetReader reader = ParquetReader.open(Corpus.file("data/int96_from_spark.parquet"));
             RowCursor rows = reader.rows()) {
            while (rows.next()) values.add(rows.getObject(0));
        }
        assertThat(values).hasSize(6);
        assertThat(values.get(1)).isEqualTo(Instant.parse("2024-01-01T01:00:00Z"));
        assertThat(values.get(2)).isEqualTo(Instant.parse("9999-12-31T03:00:00Z"));
        assertThat(values.get(3)).isEqualTo(Instant.parse("2024-12-30T23:00:00Z"));
        assertThat(values.get(4)).isNull();
        assertThat(values.get(5)).isEqualTo(Instant.ofEpochSecond(-108_302_820L * 86_400L).plusNanos(-32_509_551_616_000L));
    }
}
