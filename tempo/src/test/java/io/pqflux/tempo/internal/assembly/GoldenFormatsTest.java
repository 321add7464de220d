package io.pqflux.tempo.internal.assembly;

import io.pqflux.tempo.testing.MappedBlocks;
import static org.assertj.core.api.Assertions.assertThat;

import io.pqflux.tempo.BlockMeta;
import io.pqflux.tempo.DedicatedColumn;
import io.pqflux.tempo.Trace;
import io.pqflux.tempo.TracePreset;
import io.pqflux.tempo.golden.GoldenFixtures;
import io.pqflux.tempo.golden.GoldenTrace;
import io.pqflux.tempo.golden.Vp3Golden;
import io.pqflux.tempo.golden.Vp5Golden;
import io.pqflux.tempo.internal.vparquet3.Vp3TraceMapper;
import io.pqflux.tempo.internal.vparquet5.Vp5DedicatedSlots;
import io.pqflux.tempo.internal.vparquet5.Vp5TraceMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The vParquet3 and vParquet5 mappers against their parquet-java oracles (test-only code written from
 * docs/tempo-format.md and Tempo's Go sources, independently of the mappers): the bundled blocks and the fixture files
 * that hold what the blocks lack (vParquet3 event values as protobuf and JSON, links with flags; vParquet5 typed and
 * array dedicated columns).
 */
class GoldenFormatsTest {

    @Test
    void vp3BundledBlockEqualsItsOracle() {
        Path file = MappedBlocks.VP3.resolve("data.parquet");
        BlockMeta meta = MappedBlocks.meta(MappedBlocks.VP3);
        List<String> resource = meta.dedicatedSlots(DedicatedColumn.Scope.RESOURCE);
        List<String> span = meta.dedicatedSlots(DedicatedColumn.Scope.SPAN);
        assertEqual(MappedBlocks.read(file, schema -> new Vp3TraceMapper(file.toString(), schema, TracePreset.FULL,
                resource, span, Long.MAX_VALUE)), Vp3Golden.read(file, resource, span), 134);
    }

    @Test
    void vp3FixtureFileEqualsItsOracle(@TempDir Path directory) {
        Path file = GoldenFixtures.vp3File(directory);
        assertEqual(MappedBlocks.read(file, schema -> new Vp3TraceMapper(file.toString(), schema, TracePreset.FULL,
                        GoldenFixtures.VP3_RESOURCE_SLOTS, GoldenFixtures.VP3_SPAN_SLOTS, Long.MAX_VALUE)),
                Vp3Golden.read(file, GoldenFixtures.VP3_RESOURCE_SLOTS, GoldenFixtures.VP3_SPAN_SLOTS), 1);
    }

    @Test
    void vp5BundledBlockEqualsItsOracle() {
        Path file = MappedBlocks.VP5.resolve("data.parquet");
        BlockMeta meta = MappedBlocks.meta(MappedBlocks.VP5);
        assertEqual(MappedBlocks.read(file, schema -> new Vp5TraceMapper(file.toString(), schema, TracePreset.FULL,
                        Vp5DedicatedSlots.of(meta), Long.MAX_VALUE)),
                Vp5Golden.read(file, oracleColumns(meta, DedicatedColumn.Scope.RESOURCE), oracleColumns(meta, DedicatedColumn.Scope.SPAN)),
                133);
    }

    @Test
    void vp5FixtureFileEqualsItsOracle(@TempDir Path directory) {
        Path file = GoldenFixtures.vp5File(directory);
        // the fixture's dedicated columns (GoldenFixtures.VP5_*_COLUMNS) as a preview5 meta states them
        BlockMeta meta = BlockMeta.parse(("""
                {"format":"vParquet5-preview5","blockID":"00000000-0000-0000-0000-0000000000a5","tenantID":"t",
                 "startTime":"2024-01-01T00:00:00Z","endTime":"2024-01-01T00:00:01Z","dedicatedColumns":[
                 {"s":"resource","n":"ip"},{"s":"resource","n":"port","t":"int"},{"s":"resource","n":"tags","o":["array"]},
                 {"n":"http.status_code","t":"int"},{"n":"instance"}]}""").getBytes(StandardCharsets.UTF_8), "fixture");
        assertThat(oracleColumns(meta, DedicatedColumn.Scope.RESOURCE)).isEqualTo(GoldenFixtures.VP5_RESOURCE_COLUMNS);
        assertThat(oracleColumns(meta, DedicatedColumn.Scope.SPAN)).isEqualTo(GoldenFixtures.VP5_SPAN_COLUMNS);
        assertEqual(MappedBlocks.read(file, schema -> new Vp5TraceMapper(file.toString(), schema, TracePreset.FULL,
                        Vp5DedicatedSlots.of(meta), Long.MAX_VALUE)),
                Vp5Golden.read(file, GoldenFixtures.VP5_RESOURCE_COLUMNS, GoldenFixtures.VP5_SPAN_COLUMNS), 1);
    }

    /** The meta's dedicated columns of one scope, in meta order, as the oracle takes them. */
    private static List<Vp5Golden.DedicatedColumn> oracleColumns(BlockMeta meta, DedicatedColumn.Scope scope) {
        return meta.dedicatedColumns().stream().filter(c -> c.scope() == scope)
                .map(c -> new Vp5Golden.DedicatedColumn(c.name(), c.type() == DedicatedColumn.Type.INT
                        ? Vp5Golden.DedicatedType.INT : Vp5Golden.DedicatedType.STRING,
                        c.options().contains(DedicatedColumn.Option.ARRAY)))
                .toList();
    }

    private static void assertEqual(List<Trace> mapped, List<GoldenTrace> golden, int traces) {
        assertThat(mapped).hasSize(traces).hasSameSizeAs(golden);
        for (int i = 0; i < golden.size(); i++) {
            GoldenTrace expected = golden.get(i);
            Trace actual = mapped.get(i);
            assertThat(actual.traceId()).isEqualTo(expected.traceId());
            assertThat(List.of(actual.startTimeUnixNano(), actual.endTimeUnixNano(), actual.durationNano(),
                    actual.rootServiceName(), actual.rootSpanName()))
                    .isEqualTo(List.of(expected.startTimeUnixNano(), expected.endTimeUnixNano(), expected.durationNano(),
                            expected.rootServiceName(), expected.rootSpanName()));
            assertThat(actual.serviceStats().keySet()).containsExactlyElementsOf(expected.serviceStats().keySet());
            expected.serviceStats().forEach((service, counts) -> assertThat(actual.serviceStats().get(service))
                    .isEqualTo(new Trace.ServiceStats(counts[0], counts[1])));
            assertThat(actual.toTracesData()).as("trace %s", actual.traceIdHex()).isEqualTo(expected.otlp());
        }
    }
}
