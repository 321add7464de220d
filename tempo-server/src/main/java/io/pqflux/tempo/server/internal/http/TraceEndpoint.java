package io.pqflux.tempo.server.internal.http;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.TracesData;
import io.pqflux.tempo.TempoException;
import io.pqflux.tempo.TempoJson;
import io.pqflux.tempo.TempoTenant;
import io.pqflux.tempo.TenantLookup;
import io.pqflux.tempo.TraceForm;
import io.pqflux.tempo.TraceId;
import io.pqflux.tempo.TracePreset;
import io.pqflux.tempo.server.internal.proto.PartialStatus;
import io.pqflux.tempo.server.internal.proto.ProtoAnswers;
import io.pqflux.tempo.server.internal.proto.TraceByIDMetrics;
import io.pqflux.tempo.server.internal.proto.TraceByIDResponse;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import reactor.core.publisher.Mono;

/**
 * {@code GET /api/traces/{id}} and {@code GET /api/v2/traces/{id}}: FindTraceByID over the tenant's blocks (those
 * overlapping {@code start}/{@code end} when given), the parts combined. A trace over the size limit is a 422 on v1;
 * v2 answers its first spans up to the limit with status {@code PARTIAL}.
 */
public final class TraceEndpoint {

    /** v2 parameters of Tempo 3.0 that narrow a trace's spans; not served, and refused rather than ignored. */
    private static final List<String> SPAN_PRUNING = List.of("q", "span_pruning", "match_depth");

    private final long maxTraceBytes;
    private final long partialReadBytes;

    public TraceEndpoint(long maxTraceBytes, long partialReadBytes) {
        this.maxTraceBytes = maxTraceBytes;
        this.partialReadBytes = partialReadBytes;
    }

    public Mono<Answer> find(TempoTenant tenant, String idText, Params params, boolean v2, boolean protobuf) {
        TraceId id;
        try {
            id = TraceId.parseHex(idText);
        } catch (TempoException e) {
            throw ApiException.badRequest("invalid trace ID '" + ClientText.printable(idText, 64) + "': " + e.getMessage());
        }
        if (v2) {
            for (String unsupported : SPAN_PRUNING) {
                if (params.string(unsupported) != null) {
                    throw ApiException.badRequest("parameter " + unsupported + " (span pruning) is not supported");
                }
            }
        }
        Instant start = params.unixSeconds("start");
        Instant end = params.unixSeconds("end");
        if (start != null && end != null && start.isAfter(end)) {
            throw ApiException.badRequest("invalid start " + start.getEpochSecond() + ": after end " + end.getEpochSecond());
        }
        // a protobuf answer is the trace's encoding as read, with no message objects
        Mono<Answer> whole = lookup(tenant, id, start, end, maxTraceBytes, protobuf ? TraceForm.ENCODED : TraceForm.OBJECTS)
                .map(lookup -> answer(lookup, null, v2, protobuf));
        if (!v2) return whole;
        return whole.onErrorResume(e -> e instanceof TempoException tempo
                        && tempo.reason() == TempoException.Reason.TRACE_TOO_LARGE,
                e -> lookup(tenant, id, start, end, partialReadBytes, TraceForm.OBJECTS)
                        .map(lookup -> answer(lookup, "trace exceeds the maximum of " + maxTraceBytes
                                + " bytes: only its first spans up to that size are returned", true, protobuf)));
    }

    private Mono<TenantLookup> lookup(TempoTenant tenant, TraceId id, Instant start, Instant end, long maxBytes,
                                      TraceForm form) {
        return tenant.findTrace(id, start, end, TracePreset.FULL, maxBytes, TempoTenant.DEFAULT_LOOKUP_CONCURRENCY, form)
                .filter(lookup -> lookup.trace().isPresent())
                .switchIfEmpty(Mono.error(() -> new ApiException(HttpResponseStatus.NOT_FOUND,
                        "trace " + id.toHex() + " not found")));
    }

    /** The answer; {@code partial} the message of a trace cut to the size limit, null for a whole one. */
    private Answer answer(TenantLookup lookup, String partial, boolean v2, boolean protobuf) {
        return body(lookup, partial, v2, protobuf).withBytesRead(lookup.bytesRead());
    }

    private Answer body(TenantLookup lookup, String partial, boolean v2, boolean protobuf) {
        if (protobuf && partial == null) {
            ByteBuffer trace = lookup.trace().orElseThrow().tracesData();
            return Answer.protobuf(v2 ? ProtoAnswers.traceByIdResponse(trace, lookup.bytesRead()) : List.of(trace));
        }
        TracesData traces = lookup.trace().orElseThrow().toTracesData();
        if (partial != null) traces = firstSpans(traces, maxTraceBytes);
        if (!v2) return protobuf ? Answer.protobuf(ProtoAnswers.trace(traces)) : Answer.json(TempoJson.tempoV1(traces));
        if (protobuf) {
            var response = TraceByIDResponse.newBuilder().setTrace(ProtoAnswers.trace(traces))
                    .setMetrics(TraceByIDMetrics.newBuilder().setInspectedBytes(lookup.bytesRead()));
            if (partial != null) response.setStatus(PartialStatus.PARTIAL).setMessage(partial);
            return Answer.protobuf(response.build());
        }
        return Answer.json(partial == null ? TempoJson.tempoV2(traces, lookup.bytesRead())
                : TempoJson.tempoV2Partial(traces, lookup.bytesRead(), partial));
    }

    /**
     * The trace's spans in stored order up to {@code maxBytes} of OTLP: each span counted with its resource and scope
     * the first time they are needed, so the result is at most the limit.
     */
    static TracesData firstSpans(TracesData trace, long maxBytes) {
        TracesData.Builder out = TracesData.newBuilder();
        // a nested message costs its size, a tag byte and its length's varint: 1 + 5 bounds the two
        long bytes = 0;
        for (ResourceSpans resource : trace.getResourceSpansList()) {
            ResourceSpans.Builder keptResource = null;
            long resourceBytes = resource.getResource().getSerializedSize() + resource.getSchemaUrlBytes().size() + 12;
            for (ScopeSpans scope : resource.getScopeSpansList()) {
                ScopeSpans.Builder keptScope = null;
                long scopeBytes = scope.getScope().getSerializedSize() + scope.getSchemaUrlBytes().size() + 12;
                for (var span : scope.getSpansList()) {
                    long cost = span.getSerializedSize() + 6
                            + (keptScope == null ? scopeBytes : 0) + (keptResource == null ? resourceBytes : 0);
                    if (bytes + cost > maxBytes) return build(out, keptResource, keptScope);
                    bytes += cost;
                    if (keptResource == null) keptResource = resource.toBuilder().clearScopeSpans();
                    if (keptScope == null) keptScope = scope.toBuilder().clearSpans();
                    keptScope.addSpans(span);
                }
                if (keptScope != null) keptResource.addScopeSpans(keptScope);
            }
            if (keptResource != null) out.addResourceSpans(keptResource);
        }
        return out.build();
    }

    private static TracesData build(TracesData.Builder out, ResourceSpans.Builder resource, ScopeSpans.Builder scope) {
        if (scope != null) resource.addScopeSpans(scope);
        if (resource != null) out.addResourceSpans(resource);
        return out.build();
    }
}
