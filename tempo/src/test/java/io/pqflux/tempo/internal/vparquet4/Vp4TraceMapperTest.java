package io.pqflux.tempo.internal.vparquet4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.pqflux.tempo.TempoException;
import io.pqflux.tempo.Trace;
import io.pqflux.tempo.TracePreset;
import io.pqflux.tempo.golden.GoldenFixtures;
import io.pqflux.tempo.golden.GoldenTrace;
import io.pqflux.tempo.golden.ParquetJavaGolden;
import io.pqflux.tempo.testing.MappedBlocks;
import io.pqflux.testdata.Corpus;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The assembler against the parquet-java oracle (golden OTLP built by separate, test-only code), value for value. */
class Vp4TraceMapperTest {

    private static final Path DATA = Corpus.tempoBlock().resolve("data.parquet");
    private static final List<String> RESOURCE_SLOTS = List.of("ip");
    private static final List<String> SPAN_SLOTS = List.of("instance", "version", "region", "sampler.type");

    @Test
    void bundledPreReleaseBlockEqualsTheGoldenTraceForTrace() {
        assertEqualsGolden(DATA, RESOURCE_SLOTS, SPAN_SLOTS, 134);
    }

    @Test
    void releasedLayoutFileEqualsTheGolden(@TempDir Path directory) {
        assertEqualsGolden(GoldenFixtures.releasedLayoutFile(directory), GoldenFixtures.RELEASED_RESOURCE_SLOTS,
                GoldenFixtures.RELEASED_SPAN_SLOTS, 1);
    }

    @Test
    void preReleaseLayoutFileEqualsTheGolden(@TempDir Path directory) {
        assertEqualsGolden(GoldenFixtures.preReleaseLayoutFile(directory), List.of(), List.of(), 1);
    }

    @Test
    void summaryReadsTheTraceLevelColumnsOnly() {
        List<Trace> full = read(DATA, TracePreset.FULL, Long.MAX_VALUE);
        List<Trace> summary = read(DATA, TracePreset.SUMMARY, Long.MAX_VALUE);
        assertThat(summary).hasSize(134).allSatisfy(t -> assertThat(t.resourceSpans()).isEmpty());
        for (int i = 0; i < full.size(); i++) {
            assertThat(summary.get(i).traceId()).isEqualTo(full.get(i).traceId());
            assertThat(summary.get(i).startTimeUnixNano()).isEqualTo(full.get(i).startTimeUnixNano());
            assertThat(summary.get(i).rootSpanName()).isEqualTo(full.get(i).rootSpanName());
        }
    }

    @Test
    void spansPresetIsTheFullTraceWithoutAttributesButServiceName() {
        List<Trace> full = read(DATA, TracePreset.FULL, Long.MAX_VALUE);
        List<Trace> spans = read(DATA, TracePreset.SPANS, Long.MAX_VALUE);
        for (int i = 0; i < full.size(); i++) {
            List<ResourceSpans> expected = new ArrayList<>();
            for (ResourceSpans rs : full.get(i).resourceSpans()) {
                ResourceSpans.Builder b = rs.toBuilder();
                var resource = b.getResourceBuilder();
                var service = resource.getAttributesList().stream().filter(a -> a.getKey().equals("service.name")).toList();
                resource.clearAttributes().addAllAttributes(service);
                for (var ss : b.getScopeSpansBuilderList()) {
                    for (var span : ss.getSpansBuilderList()) span.clearAttributes();
                }
                expected.add(b.build());
            }
            assertThat(spans.get(i).resourceSpans()).isEqualTo(expected);
        }
    }

    @Test
    void aTraceOverTheSizeLimitFailsTyped() {
        assertThatThrownBy(() -> read(DATA, TracePreset.FULL, 2_000))
                .isInstanceOf(TempoException.class)
                .satisfies(e -> assertThat(((TempoException) e).reason()).isEqualTo(TempoException.Reason.TRACE_TOO_LARGE))
                .hasMessageContaining("data.parquet").hasMessageContaining("exceeds the maximum of 2000 bytes");
    }

    private static void assertEqualsGolden(Path file, List<String> resourceSlots, List<String> spanSlots, int traces) {
        List<GoldenTrace> golden = ParquetJavaGolden.read(file, resourceSlots, spanSlots);
        List<Trace> mapped = read(file, TracePreset.FULL, Long.MAX_VALUE, resourceSlots, spanSlots);
        assertThat(mapped).hasSize(traces).hasSameSizeAs(golden);
        for (int i = 0; i < golden.size(); i++) {
            GoldenTrace expected = golden.get(i);
            Trace actual = mapped.get(i);
            assertThat(actual.traceId()).isEqualTo(expected.traceId());
            assertThat(actual.startTimeUnixNano()).isEqualTo(expected.startTimeUnixNano());
            assertThat(actual.endTimeUnixNano()).isEqualTo(expected.endTimeUnixNano());
            assertThat(actual.durationNano()).isEqualTo(expected.durationNano());
            assertThat(actual.rootServiceName()).isEqualTo(expected.rootServiceName());
            assertThat(actual.rootSpanName()).isEqualTo(expected.rootSpanName());
            assertThat(actual.serviceStats().keySet()).containsExactlyElementsOf(expected.serviceStats().keySet());
            expected.serviceStats().forEach((service, counts) -> assertThat(actual.serviceStats().get(service))
                    .isEqualTo(new Trace.ServiceStats(counts[0], counts[1])));
            assertThat(actual.toTracesData()).as("trace %s", actual.traceIdHex()).isEqualTo(expected.otlp());
        }
    }

    private static List<Trace> read(Path file, TracePreset preset, long maxTraceBytes) {
        return read(file, preset, maxTraceBytes, RESOURCE_SLOTS, SPAN_SLOTS);
    }

    private static List<Trace> read(Path file, TracePreset preset, long maxTraceBytes, List<String> resourceSlots,
                                    List<String> spanSlots) {
        return MappedBlocks.read(file, schema -> new Vp4TraceMapper(file.toString(), schema, preset, resourceSlots,
                spanSlots, maxTraceBytes));
    }
}
