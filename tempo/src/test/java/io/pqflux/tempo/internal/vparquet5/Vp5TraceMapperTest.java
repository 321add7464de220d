package io.pqflux.tempo.internal.vparquet5;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.TracesData;
import io.pqflux.tempo.TempoException;
import io.pqflux.tempo.Trace;
import io.pqflux.tempo.TracePreset;
import io.pqflux.tempo.testing.MappedBlocks;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The vParquet5 mapper on Tempo's vParquet5-preview5 test block against the vParquet4 mapper on the pre-release
 * vParquet4 block (itself pinned to the parquet-java oracle). Tempo converted the same traces into both blocks, with
 * two differences the test pins (docs/tempo-format.md §0 errata 9): the vParquet5 block lacks one trace, and it
 * regroups another.
 */
class Vp5TraceMapperTest {

    private static final Path DATA = MappedBlocks.VP5.resolve("data.parquet");
    /** In the vParquet4 block only. */
    private static final String MISSING = "0000000000000000fff92eebf68f8230";
    /** Two ResourceSpans with the same Resource in the vParquet4 block, merged into one in the vParquet5 block. */
    private static final String REGROUPED = "0000000000000000841a87072e7aee8a";

    /**
     * vParquet5 has no well-known {@code http.*} span columns, so those attributes come back from the generic list
     * ahead of the dedicated ones where vParquet4 appends them last: the comparison orders attributes by key. The
     * regrouped trace was rebatched when the vParquet5 block was written (Tempo merges ResourceSpans with an identical
     * Resource, docs/tempo-format.md §6): rebatching the vParquet4 trace the same way gives the vParquet5 trace.
     */
    @Test
    void everySharedTraceEqualsTheVParquet4BlocksTrace() {
        Map<String, Trace> vp4 = MappedBlocks.vp4Traces().stream()
                .collect(Collectors.toMap(Trace::traceIdHex, Function.identity()));
        List<Trace> vp5 = read(TracePreset.FULL, Long.MAX_VALUE);
        assertThat(vp5).hasSize(133);
        List<String> vp5Ids = vp5.stream().map(Trace::traceIdHex).toList();
        assertThat(vp4.keySet()).hasSize(134).containsAll(vp5Ids).contains(MISSING);
        assertThat(vp5Ids).doesNotContain(MISSING).isSorted();
        for (Trace actual : vp5) {
            Trace expected = vp4.get(actual.traceIdHex());
            assertThat(actual.startTimeUnixNano()).isEqualTo(expected.startTimeUnixNano());
            assertThat(actual.endTimeUnixNano()).isEqualTo(expected.endTimeUnixNano());
            assertThat(actual.durationNano()).isEqualTo(expected.durationNano());
            assertThat(actual.rootServiceName()).isEqualTo(expected.rootServiceName());
            assertThat(actual.rootSpanName()).isEqualTo(expected.rootSpanName());
            TracesData vp4Otlp = attributesByKey(expected.toTracesData());
            TracesData vp5Otlp = attributesByKey(actual.toTracesData());
            if (actual.traceIdHex().equals(REGROUPED)) {
                assertThat(vp5Otlp).isNotEqualTo(vp4Otlp);
                assertThat(vp5Otlp.getResourceSpansCount()).isEqualTo(4);
                assertThat(vp4Otlp.getResourceSpansCount()).isEqualTo(5);
                assertThat(vp5Otlp).isEqualTo(rebatched(vp4Otlp));
            } else {
                assertThat(vp5Otlp).as("trace %s", actual.traceIdHex()).isEqualTo(vp4Otlp);
            }
        }
    }

    /** The pre-release vParquet4 block has no service stats to compare with: they must agree with the trace itself. */
    @Test
    void serviceStatsCountTheTracesSpansAndErrorsPerService() {
        for (Trace trace : read(TracePreset.FULL, Long.MAX_VALUE)) {
            Map<String, Trace.ServiceStats> counted = new LinkedHashMap<>();
            for (ResourceSpans rs : trace.resourceSpans()) {
                String service = rs.getResource().getAttributesList().stream().filter(a -> a.getKey().equals("service.name"))
                        .map(a -> a.getValue().getStringValue()).findFirst().orElse("");
                for (ScopeSpans ss : rs.getScopeSpansList()) {
                    for (Span span : ss.getSpansList()) {
                        Trace.ServiceStats before = counted.getOrDefault(service, new Trace.ServiceStats(0, 0));
                        counted.put(service, new Trace.ServiceStats(before.spanCount() + 1,
                                before.errorCount() + (span.getStatus().getCodeValue() == 2 ? 1 : 0)));
                    }
                }
            }
            assertThat(trace.serviceStats()).as("trace %s", trace.traceIdHex()).isEqualTo(counted).isNotEmpty();
        }
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
        Vp5DedicatedSlots slots = Vp5DedicatedSlots.of(MappedBlocks.meta(MappedBlocks.VP5));
        assertThatThrownBy(() -> MappedBlocks.read(vp4, schema -> new Vp5TraceMapper(vp4.toString(), schema,
                TracePreset.FULL, slots, Long.MAX_VALUE)))
                .isInstanceOfSatisfying(TempoException.class,
                        e -> assertThat(e.reason()).isEqualTo(TempoException.Reason.UNKNOWN_LAYOUT))
                .hasMessageContaining("column rs.list.element.Resource.Attrs.list.element.IsArray is missing");
    }

    private static List<Trace> read(TracePreset preset, long maxTraceBytes) {
        Vp5DedicatedSlots slots = Vp5DedicatedSlots.of(MappedBlocks.meta(MappedBlocks.VP5));
        return MappedBlocks.read(DATA, schema -> new Vp5TraceMapper(DATA.toString(), schema, preset, slots, maxTraceBytes));
    }

    /** Resource and span attributes ordered by key (stable). */
    private static TracesData attributesByKey(TracesData data) {
        TracesData.Builder out = data.toBuilder();
        for (ResourceSpans.Builder rs : out.getResourceSpansBuilderList()) {
            List<KeyValue> resourceAttributes = byKey(rs.getResource().getAttributesList());
            rs.getResourceBuilder().clearAttributes().addAllAttributes(resourceAttributes);
            for (ScopeSpans.Builder ss : rs.getScopeSpansBuilderList()) {
                for (Span.Builder span : ss.getSpansBuilderList()) {
                    List<KeyValue> attributes = byKey(span.getAttributesList());
                    span.clearAttributes().addAllAttributes(attributes);
                }
            }
        }
        return out.build();
    }

    private static List<KeyValue> byKey(List<KeyValue> attributes) {
        List<KeyValue> sorted = new ArrayList<>(attributes);
        sorted.sort(Comparator.comparing(KeyValue::getKey));
        return sorted;
    }

    /** ResourceSpans with an equal Resource merged at the first one's place, then ScopeSpans with an equal scope. */
    private static TracesData rebatched(TracesData data) {
        Map<Resource, Map<Object, ScopeSpans.Builder>> byResource = new LinkedHashMap<>();
        for (ResourceSpans rs : data.getResourceSpansList()) {
            Map<Object, ScopeSpans.Builder> scopes = byResource.computeIfAbsent(rs.getResource(), r -> new LinkedHashMap<>());
            for (ScopeSpans ss : rs.getScopeSpansList()) {
                scopes.computeIfAbsent(ss.getScope(), s -> ScopeSpans.newBuilder().setScope(ss.getScope()))
                        .addAllSpans(ss.getSpansList());
            }
        }
        TracesData.Builder out = TracesData.newBuilder();
        byResource.forEach((resource, scopes) -> {
            ResourceSpans.Builder rs = out.addResourceSpansBuilder().setResource(resource);
            scopes.values().forEach(rs::addScopeSpans);
        });
        return out.build();
    }
}
