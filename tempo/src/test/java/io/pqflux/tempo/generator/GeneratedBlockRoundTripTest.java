package io.pqflux.tempo.generator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.proto.trace.v1.TracesData;
import io.pqflux.reactive.testkit.OffHeapReleased;
import io.pqflux.tempo.BlockMeta;
import io.pqflux.tempo.DedicatedColumn;
import io.pqflux.tempo.TempoBlock;
import io.pqflux.tempo.Trace;
import io.pqflux.tempo.TraceId;
import io.pqflux.tempo.TraceLookup;
import io.pqflux.tempo.TracePreset;
import io.pqflux.tempo.TraceReadOptions;
import io.pqflux.testdata.TestScale;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A generated multi-row-group block read back through {@link TempoBlock}: every trace equals its OTLP input modulo the
 * documented losses, the trace-level columns equal the write-time derivation, FindTraceByID finds every trace and
 * nothing else, and range reads keep exactly the traces a filter over the full read keeps.
 */
@ExtendWith(OffHeapReleased.class)
class GeneratedBlockRoundTripTest {

    private static final long SEED = 20261123L;
    private static final int TRACES = 2000;

    @TempDir
    static Path root;
    private static List<TracesData> inputs;
    private static TempoBlockWriter.WrittenBlock written;
    private static TempoBlock block;
    private static List<Trace> all;

    @BeforeAll
    static void writeAndRead() {
        SyntheticTraces traces = SyntheticTraces.sorted(SEED, TRACES);
        inputs = traces.all();
        // small row groups and bloom shards, so that a ~2 MB block has several of each
        TempoBlockWriter.Settings settings = TempoBlockWriter.Settings.defaults(SEED)
                .withRowGroupSizeBytes(300 << 10).withBloomShardSizeBytes(1 << 10);
        written = TempoBlockWriter.write(root, settings, inputs);
        block = TempoBlock.open(written.directory());
        all = block.traces(TraceReadOptions.defaults()).collectList().block(Duration.ofMinutes(1));
        System.out.printf("generated block: %d traces, %d bytes, %d row groups, footer %d bytes, %d bloom shards%n",
                written.traceCount(), written.size(), written.rowGroupCount(), written.footerSize(), written.bloomShards());
    }

    @Test
    void metaDescribesTheBlock() {
        BlockMeta meta = block.meta();
        assertEquals("vParquet4", meta.format());
        assertEquals(TRACES, meta.totalObjects());
        assertEquals(written.size(), meta.size());
        assertEquals(written.footerSize(), meta.footerSize());
        assertTrue(written.rowGroupCount() >= 4, "row groups: " + written.rowGroupCount());
        assertTrue(written.bloomShards() >= 2, "bloom shards: " + written.bloomShards());
        assertEquals(List.of("ip", "host.arch"), meta.dedicatedSlots(DedicatedColumn.Scope.RESOURCE));
        assertEquals(List.of("instance", "version", "region"), meta.dedicatedSlots(DedicatedColumn.Scope.SPAN));
    }

    @Test
    void everyTraceReadsBackAsItsInput() {
        assertEquals(TRACES, all.size());
        int mismatches = 0;
        String first = null;
        for (int i = 0; i < TRACES; i++) {
            TracesData input = inputs.get(i);
            Trace trace = all.get(i);
            TraceRow row = TraceRow.of(input);
            assertArrayEquals(row.id16(), trace.traceId(), "trace " + i + " out of block order");
            TracesData expected = OtlpNormalizer.expected(input);
            TracesData actual = OtlpNormalizer.keyOrder(trace.toTracesData());
            if (!expected.equals(actual)) {
                if (first == null) first = trace.traceIdHex() + "\nexpected " + expected + "\nactual " + actual;
                mismatches++;
            }
            assertEquals(row.startTimeUnixNano(), trace.startTimeUnixNano(), trace.traceIdHex());
            assertEquals(row.endTimeUnixNano(), trace.endTimeUnixNano(), trace.traceIdHex());
            assertEquals(row.durationNano(), trace.durationNano(), trace.traceIdHex());
            assertEquals(row.rootServiceName(), trace.rootServiceName(), trace.traceIdHex());
            assertEquals(row.rootSpanName(), trace.rootSpanName(), trace.traceIdHex());
            assertEquals(row.serviceStats(), trace.serviceStats(), trace.traceIdHex());
        }
        assertEquals(0, mismatches, mismatches + " traces differ; first: " + first);
    }

    /** The synthetic traces do reach the cases the round trip is meant to cover. */
    @Test
    void inputCoversTheLossyCases() {
        int shortIds = 0, noRoot = 0, merged = 0, errors = 0;
        for (int i = 0; i < TRACES; i++) {
            TraceRow row = TraceRow.of(inputs.get(i));
            if (SyntheticTraces.rawTraceId(inputs.get(i)).length == 8) shortIds++;
            if (row.rootSpanName().isEmpty()) noRoot++;
            if (row.resourceSpans().size() < inputs.get(i).getResourceSpansCount()) merged++;
            errors += (int) row.serviceStats().values().stream().mapToLong(Trace.ServiceStats::errorCount).sum();
        }
        System.out.printf("inputs: %d 64-bit IDs, %d without root, %d with merged resources, %d error spans%n",
                shortIds, noRoot, merged, errors);
        assertTrue(shortIds > TRACES / 10 && noRoot > 10 && merged > 10 && errors > 100);
    }

    @Test
    void findTraceFindsEveryTrace() {
        long requests = 0, bytes = 0, shardReads = 0, looked = 0;
        for (int i = 0; i < all.size(); i++) {
            if (!TestScale.runs(i)) continue;
            Trace expected = all.get(i);
            looked++;
            TraceLookup lookup = block.findTrace(TraceId.of(expected.traceId()), TracePreset.FULL, Long.MAX_VALUE).block();
            assertTrue(lookup.bloomPositive(), expected.traceIdHex());
            assertTrue(lookup.trace().isPresent(), expected.traceIdHex());
            Trace found = lookup.trace().get();
            assertEquals(expected.toTracesData(), found.toTracesData(), expected.traceIdHex());
            assertEquals(expected.serviceStats(), found.serviceStats());
            assertEquals(expected.rootSpanName(), found.rootSpanName());
            assertTrue(lookup.requests() > 0 && lookup.bytesRead() > 0);
            if (lookup.bloomBytes() > 0) shardReads++;
            requests += lookup.requests();
            bytes += lookup.bytesRead();
        }
        System.out.printf("findTrace over %d traces (footer cached after the first): %.1f requests, %.0f bytes each%n",
                looked, (double) requests / looked, (double) bytes / looked);
        // each bloom shard is read once, then comes from the block's cache
        assertTrue(shardReads >= 1 && shardReads <= block.meta().bloomShards(), "bloom shard reads: " + shardReads);
    }

    @Test
    void findTraceOfAbsentIdsComesBackEmpty() {
        SplittableRandom random = new SplittableRandom(SEED + 1);
        int lookups = 3000, bloomPositive = 0;
        for (int i = 0; i < lookups; i++) {
            byte[] id = new byte[16];
            random.nextBytes(id);
            TraceLookup lookup = block.findTrace(TraceId.of(id), TracePreset.FULL, Long.MAX_VALUE).block();
            assertFalse(lookup.trace().isPresent());
            if (lookup.bloomPositive()) {
                bloomPositive++;
                assertTrue(lookup.bytesRead() > 0);
            } else {
                assertEquals(0, lookup.bytesRead());
                assertEquals(0, lookup.requests());
            }
        }
        System.out.printf("absent IDs: %d of %d bloom-positive%n", bloomPositive, lookups);
        assertTrue(bloomPositive < lookups * 3 / 100, bloomPositive + " false positives");
    }

    @Test
    void timeRangeReadKeepsTheOverlappingTraces() {
        Instant from = SyntheticTraces.WINDOW_START.plusSeconds(600).plusNanos(123_456_789);
        Instant to = from.plusSeconds(300);
        List<String> expected = new ArrayList<>();
        long fromNanos = nanos(from), toNanos = nanos(to);
        for (Trace t : all) {
            if (Long.compareUnsigned(t.startTimeUnixNano(), toNanos) <= 0 && Long.compareUnsigned(t.endTimeUnixNano(), fromNanos) >= 0) {
                expected.add(t.traceIdHex());
            }
        }
        List<String> actual = block.traces(TraceReadOptions.defaults().withTimeRange(from, to)).map(Trace::traceIdHex)
                .collectList().block(Duration.ofMinutes(1));
        assertTrue(expected.size() > 50 && expected.size() < TRACES / 2, "traces in range: " + expected.size());
        assertEquals(expected, actual);
    }

    @Test
    void traceIdRangeReadKeepsTheIdsBetweenTheBounds() {
        // one bound present in the block, one between two stored IDs
        TraceId first = TraceId.of(all.get(400).traceId());
        byte[] upper = new java.math.BigInteger(1, all.get(1900).traceId()).subtract(java.math.BigInteger.ONE).toByteArray();
        TraceId last = TraceId.of(java.util.Arrays.copyOfRange(upper, Math.max(0, upper.length - 16), upper.length));
        List<String> expected = all.stream().filter(t -> {
            TraceId id = TraceId.of(t.traceId());
            return id.compareTo(first) >= 0 && id.compareTo(last) <= 0;
        }).map(Trace::traceIdHex).toList();
        List<String> actual = block.traces(TraceReadOptions.defaults().withTraceIdRange(first, last))
                .map(Trace::traceIdHex).collectList().block(Duration.ofMinutes(1));
        assertEquals(1500, expected.size());
        assertEquals(expected, actual);
    }

    private static long nanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }
}
