package io.pqflux.tempo.internal.vparquet3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pqflux.tempo.BlockMeta;
import io.pqflux.tempo.DedicatedColumn;
import io.pqflux.tempo.TempoException;
import io.pqflux.tempo.Trace;
import io.pqflux.tempo.TracePreset;
import io.pqflux.tempo.testing.MappedBlocks;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The vParquet3 mapper against the vParquet4 mapper: Tempo's vParquet3 and pre-release vParquet4 test blocks hold the
 * same traces, so both mappings, done right, give identical OTLP (docs/tempo-format.md §0 errata 9). The vParquet4
 * mapper is itself pinned to the parquet-java oracle.
 */
class Vp3TraceMapperTest {

    private static final Path DATA = MappedBlocks.VP3.resolve("data.parquet");

    @Test
    void everyTraceEqualsTheVParquet4BlocksTrace() {
        List<Trace> vp4 = MappedBlocks.vp4Traces();
        List<Trace> vp3 = read(TracePreset.FULL, Long.MAX_VALUE);
        assertThat(vp3).hasSize(134).hasSameSizeAs(vp4);
        for (int i = 0; i < vp4.size(); i++) {
            Trace expected = vp4.get(i), actual = vp3.get(i);
            assertThat(actual.traceIdHex()).isEqualTo(expected.traceIdHex());
            assertThat(actual.startTimeUnixNano()).isEqualTo(expected.startTimeUnixNano());
            assertThat(actual.endTimeUnixNano()).isEqualTo(expected.endTimeUnixNano());
            assertThat(actual.durationNano()).isEqualTo(expected.durationNano());
            assertThat(actual.rootServiceName()).isEqualTo(expected.rootServiceName());
            assertThat(actual.rootSpanName()).isEqualTo(expected.rootSpanName());
            assertThat(actual.toTracesData()).as("trace %s", actual.traceIdHex()).isEqualTo(expected.toTracesData());
            // vParquet3 stores no service stats
            assertThat(actual.serviceStats()).isEmpty();
        }
        // the comparison covers the dedicated columns, which vParquet3 maps by its own rules
        assertThat(vp3.stream().flatMap(t -> t.resourceSpans().stream())
                .anyMatch(rs -> rs.getResource().getAttributesList().stream().anyMatch(a -> a.getKey().equals("ip")))).isTrue();
        assertThat(vp3.stream().flatMap(t -> t.resourceSpans().stream()).flatMap(rs -> rs.getScopeSpansList().stream())
                .flatMap(ss -> ss.getSpansList().stream())
                .anyMatch(s -> s.getAttributesList().stream().anyMatch(a -> a.getKey().equals("instance")))).isTrue();
    }

    @Test
    void summaryAndSpansPresetsReadLess() {
        List<Trace> full = read(TracePreset.FULL, Long.MAX_VALUE);
        List<Trace> summary = read(TracePreset.SUMMARY, Long.MAX_VALUE);
        List<Trace> spans = read(TracePreset.SPANS, Long.MAX_VALUE);
        MappedBlocks.assertPresetsReadLess(full, summary, spans);
    }

    @Test
    void aTraceOverTheSizeLimitFailsTyped() {
        assertThatThrownBy(() -> read(TracePreset.FULL, 2_000))
                .isInstanceOfSatisfying(TempoException.class,
                        e -> assertThat(e.reason()).isEqualTo(TempoException.Reason.TRACE_TOO_LARGE))
                .hasMessageContaining("exceeds the maximum of 2000 bytes");
    }

    @Test
    void aVParquet4FileIsAnUnknownLayoutNamingTheColumn() {
        Path vp4 = MappedBlocks.VP4.resolve("data.parquet");
        assertThatThrownBy(() -> MappedBlocks.read(vp4, schema -> new Vp3TraceMapper(vp4.toString(), schema,
                TracePreset.FULL, List.of(), List.of(), Long.MAX_VALUE)))
                .isInstanceOfSatisfying(TempoException.class,
                        e -> assertThat(e.reason()).isEqualTo(TempoException.Reason.UNKNOWN_LAYOUT))
                .hasMessageContaining("column rs.list.element");
    }

    private static List<Trace> read(TracePreset preset, long maxTraceBytes) {
        BlockMeta meta = MappedBlocks.meta(MappedBlocks.VP3);
        return MappedBlocks.read(DATA, schema -> new Vp3TraceMapper(DATA.toString(), schema, preset,
                meta.dedicatedSlots(DedicatedColumn.Scope.RESOURCE), meta.dedicatedSlots(DedicatedColumn.Scope.SPAN),
                maxTraceBytes));
    }
}
