package io.pqflux.tempo;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.TracesData;
import io.pqflux.tempo.generator.TempoBlockWriter;
import io.pqflux.tempo.internal.assembly.AttributeOwner;
import io.pqflux.tempo.internal.assembly.MappedBlocks;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A read of some owners' attributes (what a TraceQL search projects) gives each projected owner exactly its attributes
 * of a full read, and every other owner exactly what the span preset gives it: built here from the two reads, owner by
 * owner, for each owner alone and each owner left out, on the bundled block of every format and a generated one.
 */
class AttributeProjectionTest {

    @TempDir
    static Path generated;

    static Stream<Arguments> projections() {
        List<Path> blocks = List.of(MappedBlocks.VP3, MappedBlocks.VP4, MappedBlocks.VP5);
        List<Set<AttributeOwner>> owners = new ArrayList<>();
        owners.add(EnumSet.noneOf(AttributeOwner.class));
        for (AttributeOwner owner : AttributeOwner.values()) {
            owners.add(EnumSet.of(owner));
            Set<AttributeOwner> others = EnumSet.allOf(AttributeOwner.class);
            others.remove(owner);
            owners.add(others);
        }
        List<Arguments> out = new ArrayList<>();
        for (Path block : blocks) for (Set<AttributeOwner> set : owners) out.add(Arguments.of(block.getParent().getParent().getFileName() + "", block, set));
        for (Set<AttributeOwner> set : owners) out.add(Arguments.of("generated", null, set));
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("projections")
    void projectedOwnersComeBackWholeAndTheOthersAsTheSpanPresetGivesThem(String name, Path directory, Set<AttributeOwner> owners) {
        TempoBlock block = TempoBlock.open(directory != null ? directory : generatedBlock());
        List<Trace> full = block.traces(TraceReadOptions.defaults()).collectList().block();
        List<Trace> spans = block.traces(TraceReadOptions.defaults().withPreset(TracePreset.SPANS)).collectList().block();
        List<Trace> projected = block.traces(TraceReadOptions.defaults(), owners).collectList().block();
        assertThat(projected).hasSameSizeAs(full);
        boolean someAttributeDiffers = false;
        for (int t = 0; t < full.size(); t++) {
            TracesData expected = expected(full.get(t).toTracesData(), spans.get(t).toTracesData(), owners);
            assertThat(projected.get(t).toTracesData()).as("trace %s", full.get(t).traceIdHex()).isEqualTo(expected);
            someAttributeDiffers |= !expected.equals(full.get(t).toTracesData());
        }
        // the projection left something out, unless it keeps every owner that has attributes
        if (owners.size() < 3) assertThat(someAttributeDiffers).isTrue();
    }

    private static Path generatedBlock;

    private static synchronized Path generatedBlock() {
        if (generatedBlock == null) {
            generatedBlock = TempoBlockWriter.generate(generated.resolve("seed-11"), TempoBlockWriter.Settings.defaults(11), 11, 80)
                    .directory();
        }
        return generatedBlock;
    }

    /** The span-preset trace with the projected owners' attributes (and dropped counts) taken from the full one. */
    private static TracesData expected(TracesData full, TracesData spans, Set<AttributeOwner> owners) {
        TracesData.Builder out = TracesData.newBuilder();
        for (int r = 0; r < spans.getResourceSpansCount(); r++) {
            ResourceSpans f = full.getResourceSpans(r);
            ResourceSpans s = spans.getResourceSpans(r);
            Resource resource = owners.contains(AttributeOwner.RESOURCE) ? f.getResource() : s.getResource();
            ResourceSpans.Builder rs = s.toBuilder().setResource(resource).clearScopeSpans();
            for (int c = 0; c < s.getScopeSpansCount(); c++) {
                ScopeSpans fs = f.getScopeSpans(c);
                ScopeSpans ss = s.getScopeSpans(c);
                ScopeSpans.Builder scope = ss.toBuilder().clearSpans()
                        .setScope(owners.contains(AttributeOwner.SCOPE) ? fs.getScope() : ss.getScope());
                for (int i = 0; i < ss.getSpansCount(); i++) scope.addSpans(span(fs.getSpans(i), ss.getSpans(i), owners));
                rs.addScopeSpans(scope);
            }
            out.addResourceSpans(rs);
        }
        return out.build();
    }

    private static Span span(Span full, Span spans, Set<AttributeOwner> owners) {
        Span.Builder span = spans.toBuilder().clearEvents().clearLinks();
        if (owners.contains(AttributeOwner.SPAN)) {
            span.clearAttributes().addAllAttributes(full.getAttributesList()).setDroppedAttributesCount(full.getDroppedAttributesCount());
        }
        for (int e = 0; e < spans.getEventsCount(); e++) {
            span.addEvents(owners.contains(AttributeOwner.EVENT) ? full.getEvents(e) : spans.getEvents(e));
        }
        for (int l = 0; l < spans.getLinksCount(); l++) {
            span.addLinks(owners.contains(AttributeOwner.LINK) ? full.getLinks(l) : spans.getLinks(l));
        }
        return span.build();
    }
}
