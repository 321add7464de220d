package io.pqflux.tempo.generator;

import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.TracesData;
import io.pqflux.tempo.TraceId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * OTLP in the form a Tempo read can reproduce, so that input and read-back compare with {@code equals}: the losses
 * docs/tempo-format.md documents are applied to the input (§6 rebatching, §7: no schema URLs, no span or link flags,
 * status and scope always present, span trace IDs padded to 16 bytes) and attribute order, which Tempo does not keep
 * (§8.2), is made the key order on both sides.
 */
final class OtlpNormalizer {

    private static final Comparator<KeyValue> BY_KEY = Comparator.comparing(KeyValue::getKey);

    private OtlpNormalizer() {
    }

    /** The input trace as Tempo returns it, attribute order aside. */
    static TracesData expected(TracesData input) {
        TracesData.Builder out = TracesData.newBuilder();
        for (ResourceSpans rs : TraceRow.rebatch(input.getResourceSpansList())) {
            ResourceSpans.Builder resourceSpans = rs.toBuilder().clearSchemaUrl();
            for (ScopeSpans.Builder ss : resourceSpans.getScopeSpansBuilderList()) {
                ss.clearSchemaUrl().setScope(ss.getScope());
                for (Span.Builder span : ss.getSpansBuilderList()) {
                    span.setTraceId(com.google.protobuf.ByteString.copyFrom(TraceId.of(span.getTraceId().toByteArray()).bytes()))
                            .clearFlags().setStatus(span.getStatus());
                    for (Span.Link.Builder link : span.getLinksBuilderList()) link.clearFlags();
                }
            }
            out.addResourceSpans(resourceSpans);
        }
        return keyOrder(out.build());
    }

    /** Every owner's attributes sorted by key (keys are unique per owner in the synthetic traces). */
    static TracesData keyOrder(TracesData trace) {
        TracesData.Builder out = trace.toBuilder();
        for (ResourceSpans.Builder rs : out.getResourceSpansBuilderList()) {
            Resource.Builder resource = rs.getResourceBuilder();
            List<KeyValue> sorted = sorted(resource.getAttributesList());
            resource.clearAttributes().addAllAttributes(sorted);
            for (ScopeSpans.Builder ss : rs.getScopeSpansBuilderList()) {
                sorted = sorted(ss.getScope().getAttributesList());
                ss.getScopeBuilder().clearAttributes().addAllAttributes(sorted);
                for (Span.Builder span : ss.getSpansBuilderList()) {
                    sorted = sorted(span.getAttributesList());
                    span.clearAttributes().addAllAttributes(sorted);
                    for (Span.Event.Builder event : span.getEventsBuilderList()) {
                        sorted = sorted(event.getAttributesList());
                        event.clearAttributes().addAllAttributes(sorted);
                    }
                    for (Span.Link.Builder link : span.getLinksBuilderList()) {
                        sorted = sorted(link.getAttributesList());
                        link.clearAttributes().addAllAttributes(sorted);
                    }
                }
            }
        }
        return out.build();
    }

    private static List<KeyValue> sorted(List<KeyValue> attributes) {
        List<KeyValue> sorted = new ArrayList<>(attributes);
        sorted.sort(BY_KEY);
        return sorted;
    }
}
