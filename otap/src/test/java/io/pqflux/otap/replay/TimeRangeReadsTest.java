package io.pqflux.otap.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Message;
import io.pqflux.otap.JoinMode;
import io.pqflux.otap.OtapExport;
import io.pqflux.otap.OtapTable;
import io.pqflux.otap.PartFile;
import io.pqflux.otap.ReplayOptions;
import io.pqflux.otap.Signal;
import io.pqflux.otap.TimeRange;
import io.pqflux.otap.generator.ExporterSettings;
import io.pqflux.otap.generator.ExporterSimulator;
import io.pqflux.otap.generator.ExporterSimulator.BatchInterval;
import io.pqflux.otap.generator.OtlpSamples;
import io.pqflux.reactive.ScanMetrics;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.io.LocalInputFile;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What a ranged replay reads, against the bytes of the row groups that hold the range: computed here from parquet-java's
 * footers (each row group's column chunks with their page indexes), counting a root row group when its time statistics
 * meet the range and a row group of another table of the signal when its {@code parent_id} statistics meet the id
 * interval of a batch with records in the range (the generator's record of the intervals it wrote). A literal join reads
 * at most 1.2 times that. The proven join ({@code AUTO}) also needs the batches before the range (their claims on shared
 * attribute rows, how the exporter numbers, whether it spills): it may read on top of that, and only that, the row groups
 * before the range's first batch of the root's id, resource and scope columns, the id columns of the children with ids,
 * and the shared attribute tables.
 */
class TimeRangeReadsTest {

    private static final long BASE = 1_750_000_000_000_000_000L;
    private static final long SECOND = 1_000_000_000L;
    private static final int BATCHES = 48;

    @TempDir
    Path base;

    static List<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (Signal signal : List.of(Signal.LOGS, Signal.TRACES)) {
            for (JoinMode mode : List.of(JoinMode.AUTO, JoinMode.LITERAL)) {
                // two batches of 48: at the start, in the middle, at the end
                for (int first : new int[] {0, 23, 46}) cases.add(Arguments.of(signal, mode, first));
            }
        }
        return cases;
    }

    @ParameterizedTest(name = "{0}, {1}: batches {2} and {2}+1 of " + BATCHES)
    @MethodSource("cases")
    void aNarrowRangeReadsLittleMoreThanTheRowGroupsThatHoldIt(Signal signal, JoinMode mode, int first) throws IOException {
        List<Message> input = List.copyOf(signal == Signal.LOGS ? OtlpSamples.logs(7, BATCHES, 120, Set.of())
                : OtlpSamples.traces(7, BATCHES, 120, Set.of()));
        ExporterSettings settings = ExporterSettings.defaults().withSeed(7).withRowGroupRows(120).withPageRows(40)
                .withRotateRows(480);
        List<BatchInterval> intervals;
        try (ExporterSimulator exporter = new ExporterSimulator(base, settings)) {
            input.forEach(exporter::write);
            intervals = exporter.batches();
        }
        // batch b's records lie at BASE + b s + up to 121 µs
        TimeRange range = new TimeRange(BASE + first * SECOND, BASE + (first + 2) * SECOND);
        List<BatchInterval> inRange = intervals.stream().filter(b -> b.sequence() == first || b.sequence() == first + 1).toList();

        long holding = holdingBytes(signal, range, inRange);
        long proof = mode == JoinMode.LITERAL ? 0 : proofBytes(signal, range, inRange);
        long ranged = bytesRead(signal, ReplayOptions.defaults().withJoinMode(mode).withTimeRange(range));
        long full = bytesRead(signal, ReplayOptions.defaults().withJoinMode(mode));
        System.out.printf("RANGE READS %s %s batches %d-%d of %d: %,d bytes read, %,d in the row groups holding the range "
                + "(%.2fx), %,d before it for the proof, %,d for the whole replay%n", signal, mode, first, first + 1,
                BATCHES, ranged, holding, (double) ranged / holding, proof, full);
        assertThat(ranged).as("bytes read by the ranged replay").isLessThanOrEqualTo((holding + proof) * 12 / 10);
        assertThat(holding).as("the range is narrow").isLessThan(full / 10);
    }

    private long bytesRead(Signal signal, ReplayOptions options) {
        AtomicLong bytes = new AtomicLong();
        OtapExport.local(base).replay(signal, options.withMetricsListener((ScanMetrics m) -> bytes.addAndGet(m.read().bytesRead())))
                .then().block(Duration.ofMinutes(2));
        return bytes.get();
    }

    /** The bytes (column chunks and their page indexes) of the row groups of the signal's tables that hold the range. */
    private long holdingBytes(Signal signal, TimeRange range, List<BatchInterval> inRange) throws IOException {
        long bytes = 0;
        for (PartFile file : OtapExport.local(base).listing().block().files()) {
            OtapTable table = file.table();
            if (!OtapTable.of(signal).contains(table)) continue;
            try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(base.resolve(file.path())))) {
                for (BlockMetaData group : reader.getFooter().getBlocks()) {
                    boolean holds = table == signal.root()
                            ? meets(column(group, signal == Signal.LOGS ? "time_unix_nano" : "start_time_unix_nano"), range)
                            : inRange.stream().anyMatch(b -> meets(column(group, "parent_id"), b.offset(), b.lastId()));
                    if (holds) bytes += bytes(group);
                }
            }
        }
        return bytes;
    }

    /**
     * The bytes the proven join reads before the range, outside the row groups holding it: of the row groups whose keys
     * lie below the range's first batch, the root's id, resource and scope columns and the id columns of the children
     * with ids; every other row group of the shared attribute tables up to the range's last id.
     */
    private long proofBytes(Signal signal, TimeRange range, List<BatchInterval> inRange) throws IOException {
        long offset = inRange.stream().mapToLong(BatchInterval::offset).min().orElseThrow();
        long lastId = inRange.stream().mapToLong(BatchInterval::lastId).max().orElseThrow();
        long bytes = 0;
        for (PartFile file : OtapExport.local(base).listing().block().files()) {
            OtapTable table = file.table();
            if (!OtapTable.of(signal).contains(table)) continue;
            boolean shared = table == OtapTable.RESOURCE_ATTRS || table == OtapTable.SCOPE_ATTRS;
            if (table != signal.root() && table.isAttributes() && !shared) continue;
            try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(base.resolve(file.path())))) {
                for (BlockMetaData group : reader.getFooter().getBlocks()) {
                    if (table == signal.root()) {
                        if (meets(column(group, signal == Signal.LOGS ? "time_unix_nano" : "start_time_unix_nano"), range)
                                || !meets(column(group, "id"), 0, offset - 1)) continue;
                        for (ColumnChunkMetaData chunk : group.getColumns()) {
                            String path = chunk.getPath().toDotString();
                            if (path.equals("id") || path.startsWith("resource.") || path.startsWith("scope.")
                                    || path.equals("schema_url")) bytes += bytes(chunk);
                        }
                    } else if (shared) {
                        boolean holds = inRange.stream().anyMatch(b -> meets(column(group, "parent_id"), b.offset(), b.lastId()));
                        if (!holds && meets(column(group, "parent_id"), 0, lastId)) bytes += bytes(group);
                    } else if (meets(column(group, "parent_id"), 0, offset - 1)
                            && !meets(column(group, "parent_id"), offset, Long.MAX_VALUE)) {
                        bytes += bytes(column(group, "id")) + bytes(column(group, "parent_id"));
                    }
                }
            }
        }
        return bytes;
    }

    private static ColumnChunkMetaData column(BlockMetaData group, String path) {
        return group.getColumns().stream().filter(c -> c.getPath().toDotString().equals(path)).findFirst().orElseThrow();
    }

    private static boolean meets(ColumnChunkMetaData time, TimeRange range) {
        long min = ((Number) time.getStatistics().genericGetMin()).longValue();
        long max = ((Number) time.getStatistics().genericGetMax()).longValue();
        return min < range.endNanos() && max >= range.startNanos();
    }

    private static boolean meets(ColumnChunkMetaData key, long low, long high) {
        if (key.getStatistics().isEmpty() || !key.getStatistics().hasNonNullValue()) return false;
        long min = Integer.toUnsignedLong(((Number) key.getStatistics().genericGetMin()).intValue());
        long max = Integer.toUnsignedLong(((Number) key.getStatistics().genericGetMax()).intValue());
        return min <= high && max >= low;
    }

    private static long bytes(BlockMetaData group) {
        return group.getColumns().stream().mapToLong(TimeRangeReadsTest::bytes).sum();
    }

    /** A column chunk's bytes with its page index. */
    private static long bytes(ColumnChunkMetaData chunk) {
        long bytes = chunk.getTotalSize();
        if (chunk.getColumnIndexReference() != null) bytes += chunk.getColumnIndexReference().getLength();
        if (chunk.getOffsetIndexReference() != null) bytes += chunk.getOffsetIndexReference().getLength();
        return bytes;
    }
}
