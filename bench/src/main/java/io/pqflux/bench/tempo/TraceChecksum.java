package io.pqflux.bench.tempo;

import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.TracesData;
import io.pqflux.bench.checksum.BytesHash;
import io.pqflux.bench.checksum.Fold;
import io.pqflux.tempo.Trace;
import io.pqflux.tempo.golden.GoldenTrace;

/**
 * The Tempo suites' checksum: per trace a code over its ID, the trace-level columns (times, root service and span
 * name), its span count and the serialized size of its OTLP {@code TracesData}, summed over the traces (so partial
 * sums from parallel rails combine in any order), with the trace and span counts. Both sides, pqflux's {@link Trace}
 * and parquet-java's {@link GoldenTrace}, go through {@link #code}.
 */
public final class TraceChecksum {

    private long sum;
    private long traces;
    private long spans;

    public TraceChecksum add(Trace trace) {
        return add(code(trace), trace.spanCount());
    }

    public TraceChecksum add(GoldenTrace trace) {
        return add(code(trace), spanCount(trace.otlp()));
    }

    /** Folds parquet-java's trace as protobuf-java encoded it: {@code encoded}'s length is the serialized size. */
    public TraceChecksum add(GoldenTrace trace, byte[] encoded) {
        return add(code(trace, encoded.length), spanCount(trace.otlp()));
    }

    private TraceChecksum add(long code, int spanCount) {
        sum += code;
        traces++;
        spans += spanCount;
        return this;
    }

    public TraceChecksum merge(TraceChecksum other) {
        sum += other.sum;
        traces += other.traces;
        spans += other.spans;
        return this;
    }

    public long sum() {
        return sum;
    }

    public long traces() {
        return traces;
    }

    public long spans() {
        return spans;
    }

    /** Equal when the same traces (by the code) were folded. */
    public boolean sameAs(TraceChecksum other) {
        return sum == other.sum && traces == other.traces && spans == other.spans;
    }

    @Override
    public String toString() {
        return String.format("checksum %016x over %d traces, %d spans", sum, traces, spans);
    }

    public static long code(Trace trace) {
        return code(trace.traceId(), trace.startTimeUnixNano(), trace.endTimeUnixNano(), trace.durationNano(),
                trace.rootServiceName(), trace.rootSpanName(), trace.spanCount(), Math.toIntExact(trace.serializedSize()));
    }

    public static long code(GoldenTrace trace) {
        return code(trace, trace.otlp().getSerializedSize());
    }

    private static long code(GoldenTrace trace, int serializedSize) {
        return code(trace.traceId(), trace.startTimeUnixNano(), trace.endTimeUnixNano(), trace.durationNano(),
                trace.rootServiceName(), trace.rootSpanName(), spanCount(trace.otlp()), serializedSize);
    }

    private static long code(byte[] traceId, long start, long end, long duration, String rootService, String rootSpan,
                             int spanCount, int otlpBytes) {
        long code = Fold.mix(BytesHash.of(traceId, 0, traceId.length), start);
        code = Fold.mix(code ^ end, duration);
        code = Fold.mix(code ^ rootService.hashCode(), rootSpan.hashCode());
        return Fold.mix(code, ((long) spanCount << 32) | otlpBytes);
    }

    static int spanCount(TracesData otlp) {
        int spans = 0;
        for (ResourceSpans rs : otlp.getResourceSpansList()) {
            for (var ss : rs.getScopeSpansList()) spans += ss.getSpansCount();
        }
        return spans;
    }
}
