package io.pqflux.tempo;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.TracesData;
import io.pqflux.tempo.columns.BlockColumns;
import io.pqflux.tempo.generator.TempoBlockWriter;
import io.pqflux.tempo.internal.assembly.AttributeKeys;
import io.pqflux.tempo.internal.assembly.AttributeOwner;
import io.pqflux.tempo.testing.MappedBlocks;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Consumer;
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
        List<Trace> projected = BlockColumns.of(block).traces(TraceReadOptions.defaults(), AttributeKeys.wholeOwners(owners)).collectList().block();
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

    static Stream<Arguments> blocks() {
        return Stream.of(Arguments.of("vParquet3", MappedBlocks.VP3), Arguments.of("vParquet4", MappedBlocks.VP4),
                Arguments.of("vParquet5", MappedBlocks.VP5), Arguments.of("generated", null));
    }

    /**
     * A search's read: of each owner's attributes only the names it reads (every other name of the block here, and
     * one it lacks), the other names' dedicated and well-known columns left out. Each kept owner's attributes are
     * the full read's of those names, in the same order, with its dropped count; the other owners have none but
     * {@code service.name}, which the resource's own column holds.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("blocks")
    void namedAttributesComeBackAsInAFullReadAndNoOthers(String name, Path directory) {
        TempoBlock block = TempoBlock.open(directory != null ? directory : generatedBlock());
        List<Trace> full = block.traces(TraceReadOptions.defaults()).collectList().block();
        List<Trace> spans = block.traces(TraceReadOptions.defaults().withPreset(TracePreset.SPANS)).collectList().block();
        Map<AttributeOwner, SortedSet<String>> present = new EnumMap<>(AttributeOwner.class);
        for (Trace trace : full) namesOf(trace.toTracesData(), present);
        Map<AttributeOwner, Set<String>> every2nd = new EnumMap<>(AttributeOwner.class);
        present.forEach((owner, names) -> {
            Set<String> kept = new HashSet<>(Set.of("not-in-this-block"));
            int i = 0;
            for (String n : names) if (i++ % 2 == 0) kept.add(n);
            every2nd.put(owner, kept);
        });
        // the span's attributes left out entirely: its dedicated and well-known columns must not be needed
        every2nd.remove(AttributeOwner.SPAN);
        AttributeKeys keys = AttributeKeys.named(every2nd);
        List<Trace> projected = BlockColumns.of(block).traces(TraceReadOptions.defaults(), keys).collectList().block();
        assertThat(projected).hasSameSizeAs(full);
        int kept = 0;
        for (int t = 0; t < full.size(); t++) {
            TracesData expected = only(expected(full.get(t).toTracesData(), spans.get(t).toTracesData(), keys.owners()), keys);
            assertThat(projected.get(t).toTracesData()).as("trace %s", full.get(t).traceIdHex()).isEqualTo(expected);
            Map<AttributeOwner, SortedSet<String>> names = new EnumMap<>(AttributeOwner.class);
            namesOf(expected, names);
            kept += names.values().stream().mapToInt(Set::size).sum();
        }
        assertThat(kept).as("attributes kept").isPositive();
        assertThat(present.get(AttributeOwner.RESOURCE)).as("resource names").hasSizeGreaterThan(2);
    }

    /** Every attribute name of each owner in {@code trace}. */
    private static void namesOf(TracesData trace, Map<AttributeOwner, SortedSet<String>> out) {
        for (ResourceSpans rs : trace.getResourceSpansList()) {
            rs.getResource().getAttributesList().forEach(kv -> add(out, AttributeOwner.RESOURCE, kv));
            for (ScopeSpans ss : rs.getScopeSpansList()) {
                ss.getScope().getAttributesList().forEach(kv -> add(out, AttributeOwner.SCOPE, kv));
                for (Span span : ss.getSpansList()) {
                    span.getAttributesList().forEach(kv -> add(out, AttributeOwner.SPAN, kv));
                    span.getEventsList().forEach(e -> e.getAttributesList().forEach(kv -> add(out, AttributeOwner.EVENT, kv)));
                    span.getLinksList().forEach(l -> l.getAttributesList().forEach(kv -> add(out, AttributeOwner.LINK, kv)));
                }
            }
        }
    }

    private static void add(Map<AttributeOwner, SortedSet<String>> out, AttributeOwner owner, KeyValue kv) {
        out.computeIfAbsent(owner, o -> new TreeSet<>()).add(kv.getKey());
    }

    /** {@code trace} with each owner's attributes cut to the names {@code keys} keeps of it. */
    private static TracesData only(TracesData trace, AttributeKeys keys) {
        TracesData.Builder out = trace.toBuilder();
        for (ResourceSpans.Builder rs : out.getResourceSpansBuilderList()) {
            // a string service.name comes from the resource's own column, which every read holds (another type of it
            // is a generic attribute like any other)
            Set<String> resource = keys.of(AttributeOwner.RESOURCE);
            List<KeyValue> resourceKept = rs.getResourceBuilder().getAttributesList().stream()
                    .filter(kv -> resource == null || resource.contains(kv.getKey())
                            || kv.getKey().equals("service.name") && kv.getValue().hasStringValue())
                    .toList();
            rs.getResourceBuilder().clearAttributes().addAllAttributes(resourceKept);
            for (ScopeSpans.Builder ss : rs.getScopeSpansBuilderList()) {
                keep(ss.getScopeBuilder().getAttributesList(), keys.of(AttributeOwner.SCOPE),
                        ss.getScopeBuilder()::clearAttributes, ss.getScopeBuilder()::addAllAttributes);
                for (Span.Builder span : ss.getSpansBuilderList()) {
                    keep(span.getAttributesList(), keys.of(AttributeOwner.SPAN), span::clearAttributes, span::addAllAttributes);
                    for (Span.Event.Builder e : span.getEventsBuilderList()) {
                        keep(e.getAttributesList(), keys.of(AttributeOwner.EVENT), e::clearAttributes, e::addAllAttributes);
                    }
                    for (Span.Link.Builder l : span.getLinksBuilderList()) {
                        keep(l.getAttributesList(), keys.of(AttributeOwner.LINK), l::clearAttributes, l::addAllAttributes);
                    }
                }
            }
        }
        return out.build();
    }

    private static void keep(List<KeyValue> attributes, Set<String> names, Runnable clear, Consumer<List<KeyValue>> addAll) {
        List<KeyValue> kept = attributes.stream().filter(kv -> names == null || names.contains(kv.getKey())).toList();
        clear.run();
        addAll.accept(kept);
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
