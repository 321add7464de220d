package io.pqflux.tempo.server.internal.proto;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import io.opentelemetry.proto.trace.v1.TracesData;
import io.pqflux.tempo.query.MetricsResponse;
import io.pqflux.tempo.query.SearchResponse;
import io.pqflux.tempo.query.TagNames;
import io.pqflux.tempo.query.TagValues;
import io.pqflux.tempo.query.TraceSearchResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * The query module's answers as Tempo's protobuf messages ({@code tempopb}), field for field what {@code QueryJson}
 * writes as JSON: protobuf answers on HTTP ({@code Accept: application/protobuf}) and the streaming querier's messages.
 */
public final class ProtoAnswers {

    private ProtoAnswers() {
    }

    /** {@code tempopb.Trace}: the same bytes as OTLP's {@code TracesData}. */
    public static Trace trace(TracesData traces) {
        return Trace.newBuilder().addAllResourceSpans(traces.getResourceSpansList()).build();
    }

    /**
     * {@code TraceByIDResponse} of a whole trace, in three parts around the trace's encoding (not copied), the bytes
     * protobuf-java writes for the message holding it: the trace's tag and length (field 1, always set), the trace, the
     * metrics (field 2).
     */
    public static List<ByteBuffer> traceByIdResponse(ByteBuffer tracesData, long inspectedBytes) {
        TraceByIDMetrics metrics = TraceByIDMetrics.newBuilder().setInspectedBytes(inspectedBytes).build();
        int length = tracesData.remaining();
        byte[] head = new byte[CodedOutputStream.computeTagSize(TraceByIDResponse.TRACE_FIELD_NUMBER)
                + CodedOutputStream.computeUInt32SizeNoTag(length)];
        byte[] tail = new byte[CodedOutputStream.computeMessageSize(TraceByIDResponse.METRICS_FIELD_NUMBER, metrics)];
        try {
            CodedOutputStream out = CodedOutputStream.newInstance(head);
            out.writeTag(TraceByIDResponse.TRACE_FIELD_NUMBER, WireFormat.WIRETYPE_LENGTH_DELIMITED);
            out.writeUInt32NoTag(length);
            out.checkNoSpaceLeft();
            out = CodedOutputStream.newInstance(tail);
            out.writeMessage(TraceByIDResponse.METRICS_FIELD_NUMBER, metrics);
            out.checkNoSpaceLeft();
        } catch (IOException e) {
            throw new UncheckedIOException("writing into an array", e);
        }
        return List.of(ByteBuffer.wrap(head), tracesData, ByteBuffer.wrap(tail));
    }

    public static io.pqflux.tempo.server.internal.proto.SearchResponse search(SearchResponse response) {
        var out = io.pqflux.tempo.server.internal.proto.SearchResponse.newBuilder()
                .setMetrics(searchMetrics(response.metrics()));
        for (TraceSearchResult trace : response.traces()) out.addTraces(searchResult(trace));
        return out.build();
    }

    public static TraceSearchMetadata searchResult(TraceSearchResult trace) {
        var out = TraceSearchMetadata.newBuilder()
                .setTraceID(trace.traceId())
                .setRootServiceName(trace.rootServiceName())
                .setRootTraceName(trace.rootTraceName())
                .setStartTimeUnixNano(trace.startTimeUnixNano())
                .setDurationMs((int) trace.durationMs());
        for (TraceSearchResult.SpanSet set : trace.spanSets()) out.addSpanSets(spanSet(set));
        if (!trace.spanSets().isEmpty()) out.setSpanSet(out.getSpanSets(0));
        trace.serviceStats().forEach((service, stats) -> out.putServiceStats(service, ServiceStats.newBuilder()
                .setSpanCount((int) stats.spanCount()).setErrorCount((int) stats.errorCount()).build()));
        return out.build();
    }

    private static SpanSet spanSet(TraceSearchResult.SpanSet set) {
        var out = SpanSet.newBuilder().setMatched(set.matched()).addAllAttributes(set.attributes());
        for (TraceSearchResult.MatchedSpan span : set.spans()) {
            out.addSpans(Span.newBuilder().setSpanID(span.spanId()).setName(span.name())
                    .setStartTimeUnixNano(span.startTimeUnixNano()).setDurationNanos(span.durationNanos())
                    .addAllAttributes(span.attributes()));
        }
        return out.build();
    }

    public static SearchMetrics searchMetrics(SearchResponse.Metrics m) {
        return SearchMetrics.newBuilder()
                .setInspectedTraces((int) m.inspectedTraces())
                .setInspectedBytes(m.inspectedBytes())
                .setTotalBlocks(m.totalBlocks())
                .setCompletedJobs(m.completedJobs())
                .setTotalJobs(m.totalBlocks())
                .setTotalBlockBytes(m.totalBlockBytes())
                .setInspectedSpans(m.inspectedSpans())
                .build();
    }

    public static QueryRangeResponse queryRange(MetricsResponse response) {
        var out = QueryRangeResponse.newBuilder().setMetrics(searchMetrics(response.metrics()));
        for (MetricsResponse.Series series : response.series()) {
            var ts = TimeSeries.newBuilder().addAllLabels(series.labels());
            for (MetricsResponse.Sample sample : series.samples()) {
                ts.addSamples(Sample.newBuilder().setTimestampMs(sample.timestampMs()).setValue(sample.value()));
            }
            for (MetricsResponse.Exemplar exemplar : series.exemplars()) {
                ts.addExemplars(Exemplar.newBuilder().addAllLabels(exemplar.labels()).setValue(exemplar.value())
                        .setTimestampMs(exemplar.timestampMs()));
            }
            out.addSeries(ts);
        }
        return out.build();
    }

    /** An instant query's series, each with its one value (series without a sample left out, as in JSON). */
    public static QueryInstantResponse queryInstant(MetricsResponse response) {
        var out = QueryInstantResponse.newBuilder().setMetrics(searchMetrics(response.metrics()));
        for (MetricsResponse.Series series : response.series()) {
            if (series.samples().isEmpty()) continue;
            out.addSeries(InstantSeries.newBuilder().addAllLabels(series.labels())
                    .setValue(series.samples().getFirst().value()));
        }
        return out.build();
    }

    public static SearchTagsV2Response tagsV2(TagNames names) {
        var out = SearchTagsV2Response.newBuilder().setMetrics(metadataMetrics(names.metrics()));
        for (TagNames.ScopeNames scope : names.scopes()) {
            out.addScopes(SearchTagsV2Scope.newBuilder().setName(scope.name()).addAllTags(scope.tags()));
        }
        return out.build();
    }

    public static SearchTagsResponse tagsV1(TagNames names) {
        return SearchTagsResponse.newBuilder().addAllTagNames(names.v1Names()).setMetrics(metadataMetrics(names.metrics())).build();
    }

    public static SearchTagValuesV2Response tagValuesV2(TagValues values) {
        var out = SearchTagValuesV2Response.newBuilder().setMetrics(metadataMetrics(values.metrics()));
        for (TagValues.TagValue value : values.values()) {
            out.addTagValues(TagValue.newBuilder().setType(value.type()).setValue(value.value()));
        }
        return out.build();
    }

    public static SearchTagValuesResponse tagValuesV1(TagValues values) {
        return SearchTagValuesResponse.newBuilder().addAllTagValues(values.v1Values())
                .setMetrics(metadataMetrics(values.metrics())).build();
    }

    private static io.pqflux.tempo.server.internal.proto.MetadataMetrics.Builder metadataMetrics(io.pqflux.tempo.query.MetadataMetrics m) {
        return io.pqflux.tempo.server.internal.proto.MetadataMetrics.newBuilder()
                .setInspectedBytes(m.inspectedBytes()).setTotalJobs(m.totalJobs()).setCompletedJobs(m.completedJobs())
                .setTotalBlocks(m.totalBlocks()).setTotalBlockBytes(m.totalBlockBytes());
    }
}
