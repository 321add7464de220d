package io.pqflux.tempo.query.oracle;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import io.pqflux.tempo.Trace;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.Consumer;

/**
 * Hand-built OTLP traces for the naive evaluator's tests, with the trace-level fields derived as Tempo's writer
 * derives them (docs: tempo-vparquet4.md §6): start and end the extremes over the spans, the root the last span with
 * an empty parent ID (and no {@code child_of} link into the same trace), its service the string {@code service.name}
 * of its resource.
 */
final class TestTraces {

    /** Span times start here; each span starts 1 ms after the previous one unless set. */
    static final long BASE = 1_700_000_000_000_000_000L;

    private TestTraces() {
    }

    static Builder trace(String traceIdHex) {
        return new Builder(traceIdHex);
    }

    static ByteString id(String hex) {
        String padded = hex.length() % 2 == 0 ? hex : "0" + hex;
        return ByteString.copyFrom(HexFormat.of().parseHex(padded));
    }

    /** An 8-byte span ID from a short hex string, e.g. {@code a1} is {@code 00000000000000a1}. */
    static ByteString spanId(String hex) {
        return id("0".repeat(16 - hex.length()) + hex);
    }

    static KeyValue kv(String key, Object value) {
        return KeyValue.newBuilder().setKey(key).setValue(any(value)).build();
    }

    static AnyValue any(Object value) {
        AnyValue.Builder b = AnyValue.newBuilder();
        switch (value) {
            case String s -> b.setStringValue(s);
            case Integer i -> b.setIntValue(i);
            case Long l -> b.setIntValue(l);
            case Double d -> b.setDoubleValue(d);
            case Boolean x -> b.setBoolValue(x);
            case byte[] bytes -> b.setBytesValue(ByteString.copyFrom(bytes));
            case List<?> list -> b.setArrayValue(ArrayValue.newBuilder()
                .addAllValues(list.stream().map(TestTraces::any).toList()));
            case AnyValue a -> b.mergeFrom(a);
            default -> throw new IllegalArgumentException(value.getClass().toString());
        }
        return b.build();
    }

    static final class Builder {
        private final String traceIdHex;
        private final List<ResourceSpans.Builder> resources = new ArrayList<>();
        private ResourceSpans.Builder resource;
        private ScopeSpans.Builder scope;
        private long nextStart = BASE;

        private Builder(String traceIdHex) {
            this.traceIdHex = traceIdHex;
        }

        /** A new resource with that {@code service.name} (none if null) and attributes; spans go into it. */
        Builder resource(String service, KeyValue... attributes) {
            Resource.Builder r = Resource.newBuilder();
            if (service != null) {
                r.addAttributes(kv("service.name", service));
            }
            for (KeyValue a : attributes) {
                r.addAttributes(a);
            }
            resource = ResourceSpans.newBuilder().setResource(r);
            resources.add(resource);
            scope = null;
            return this;
        }

        /** A new instrumentation scope in the current resource. */
        Builder scope(String name, String version, KeyValue... attributes) {
            InstrumentationScope.Builder s = InstrumentationScope.newBuilder().setName(name).setVersion(version);
            for (KeyValue a : attributes) {
                s.addAttributes(a);
            }
            scope = resource.addScopeSpansBuilder().setScope(s);
            return this;
        }

        /**
         * A span in the current scope: ID and parent ID as short hex ({@code null} parent for a root), name, duration
         * in milliseconds; {@code more} sets the rest (kind, status, attributes, events, links, times).
         */
        Builder span(String id, String parent, String name, long durationMs, Consumer<Span.Builder> more) {
            if (resource == null) {
                resource(null);
            }
            if (scope == null) {
                scope = resource.addScopeSpansBuilder().setScope(InstrumentationScope.getDefaultInstance());
            }
            Span.Builder s = Span.newBuilder()
                .setTraceId(traceId())
                .setSpanId(spanId(id))
                .setName(name)
                .setStartTimeUnixNano(nextStart)
                .setEndTimeUnixNano(nextStart + durationMs * 1_000_000L)
                .setStatus(Status.getDefaultInstance());
            if (parent != null) {
                s.setParentSpanId(spanId(parent));
            }
            nextStart += 1_000_000L;
            more.accept(s);
            scope.addSpans(s);
            return this;
        }

        Builder span(String id, String parent, String name, long durationMs) {
            return span(id, parent, name, durationMs, s -> {
            });
        }

        private ByteString traceId() {
            return id("0".repeat(32 - traceIdHex.length()) + traceIdHex);
        }

        Trace build() {
            List<ResourceSpans> built = resources.stream().map(ResourceSpans.Builder::build).toList();
            long start = -1;
            long end = 0;
            Span root = null;
            ResourceSpans rootResource = null;
            for (ResourceSpans rs : built) {
                for (ScopeSpans ss : rs.getScopeSpansList()) {
                    for (Span s : ss.getSpansList()) {
                        if (start == -1 || Long.compareUnsigned(s.getStartTimeUnixNano(), start) < 0) {
                            start = s.getStartTimeUnixNano();
                        }
                        if (Long.compareUnsigned(s.getEndTimeUnixNano(), end) > 0) {
                            end = s.getEndTimeUnixNano();
                        }
                        boolean childOfLink = s.getLinksList().stream().anyMatch(l -> l.getTraceId().equals(traceId())
                            && l.getAttributesList().stream().anyMatch(a -> a.getKey().equals("opentracing.ref_type")
                            && a.getValue().getStringValue().equals("child_of")));
                        if (s.getParentSpanId().isEmpty() && !childOfLink) {
                            root = s;
                            rootResource = rs;
                        }
                    }
                }
            }
            String rootService = "";
            if (rootResource != null) {
                for (KeyValue a : rootResource.getResource().getAttributesList()) {
                    if (a.getKey().equals("service.name") && a.getValue().hasStringValue()) {
                        rootService = a.getValue().getStringValue();
                    }
                }
            }
            if (start == -1) {
                start = 0;
            }
            return new Trace(traceId().toByteArray(), start, end, end - start, rootService,
                root == null ? "" : root.getName(), new LinkedHashMap<>(), built);
        }
    }
}
