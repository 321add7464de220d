package io.pqflux.flink.tempo;

import io.pqflux.flink.KeySource;
import io.pqflux.flink.PqfluxSource;
import io.pqflux.flink.PqfluxTypes;
import io.pqflux.flink.RecordFunction;
import io.pqflux.flink.StoreLocation;
import io.pqflux.flink.internal.source.SourceParts;
import io.pqflux.flink.internal.source.SplitReading;
import io.pqflux.flink.internal.tempo.TempoPlanner;
import io.pqflux.flink.internal.tempo.TempoScan;
import io.pqflux.flink.internal.tempo.TempoSources;
import io.pqflux.flink.internal.tempo.TempoSplitSerializer;
import io.pqflux.tempo.SpanWithContext;
import io.pqflux.tempo.Trace;
import io.pqflux.tempo.TraceForm;
import io.pqflux.tempo.TraceId;
import io.pqflux.tempo.TracePreset;
import io.pqflux.tempo.TraceReadOptions;
import java.time.Instant;
import java.util.Objects;
import java.util.function.BiFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/**
 * A Tempo tenant's blocks as a bounded Flink source of {@link Trace}s or {@link SpanWithContext}s. A split is one row
 * group of one block's {@code data.parquet}, planned from the footers of the blocks the time range selects; splits go
 * largest first to whichever reader has room. A split's checkpointed state counts the records it emitted, so a
 * restored job emits every trace (or span) exactly once. Within a split, records come in trace-ID order.
 */
public final class TempoSource<T> extends PqfluxSource<T, TempoSplit> {

    /** Row groups one reader reads at once. */
    public static final int DEFAULT_CONCURRENT_ROW_GROUPS = 2;
    /** Records requested ahead per running row group. */
    public static final int DEFAULT_PREFETCH = 256;

    private static final long serialVersionUID = 1L;

    private TempoSource(SourceParts<?, T, TempoSplit> parts, TypeInformation<T> type) {
        super(parts, type);
    }

    private static <E, T> SourceParts<E, T, TempoSplit> parts(Builder<E> builder, RecordFunction<E, T> records) {
        TempoScan scan = new TempoScan(builder.tenant, builder.start, builder.end,
                builder.firstTraceId == null ? null : builder.firstTraceId.toHex(), builder.lastTraceId == null ? null : builder.lastTraceId.toHex(),
                builder.preset, builder.maxTraceBytes, builder.form, builder.keys);
        return new SourceParts<>(new TempoPlanner(builder.root, scan), builder.reading.apply(builder.root, scan), TempoSources.progress(records),
                new TempoSplitSerializer(), null, builder.concurrentRowGroups, builder.prefetch);
    }

    /** Whole traces (preset {@code FULL} unless set), at most {@code TraceReadOptions.DEFAULT_MAX_TRACE_BYTES} each. */
    public static Builder<Trace> traces(StoreLocation root, String tenant) {
        return new Builder<>(root, tenant, false, PqfluxTypes.traces(), TempoSources::traces);
    }

    /** Spans with their resource and scope: traces of any size. */
    public static Builder<SpanWithContext> spans(StoreLocation root, String tenant) {
        return new Builder<>(root, tenant, true, PqfluxTypes.spans(), TempoSources::spans);
    }

    /** What the source reads; {@link #build()} makes it. */
    public static final class Builder<T> {
        private final StoreLocation root;
        private final String tenant;
        private final boolean spans;
        private final TypeInformation<T> type;
        private final BiFunction<StoreLocation, TempoScan, SplitReading.Factory<T, TempoSplit>> reading;
        private Instant start;
        private Instant end;
        private TraceId firstTraceId;
        private TraceId lastTraceId;
        private TracePreset preset = TracePreset.FULL;
        private long maxTraceBytes = TraceReadOptions.DEFAULT_MAX_TRACE_BYTES;
        private TraceForm form = TraceForm.OBJECTS;
        private int concurrentRowGroups = DEFAULT_CONCURRENT_ROW_GROUPS;
        private int prefetch = DEFAULT_PREFETCH;
        private KeySource keys;

        private Builder(StoreLocation root, String tenant, boolean spans, TypeInformation<T> type,
                        BiFunction<StoreLocation, TempoScan, SplitReading.Factory<T, TempoSplit>> reading) {
            this.root = Objects.requireNonNull(root, "root");
            this.tenant = Objects.requireNonNull(tenant, "tenant");
            this.spans = spans;
            this.type = type;
            this.reading = reading;
        }

        /** Blocks whose meta overlaps {@code [from, to]}, traces overlapping it (Tempo's selection for a time range). */
        public Builder<T> timeRange(Instant from, Instant to) {
            if (from.isAfter(to)) throw new IllegalArgumentException("time range " + from + " .. " + to + " is empty");
            this.start = from;
            this.end = to;
            return this;
        }

        /**
         * Traces whose IDs lie from {@code first} to {@code last}, both inclusive: blocks' rows are sorted by trace ID,
         * so only the row groups and pages that can hold them are read (the others' splits end at once).
         */
        public Builder<T> traceIds(TraceId first, TraceId last) {
            if (first.compareTo(last) > 0) throw new IllegalArgumentException("trace-ID range " + first + " .. " + last + " is empty");
            this.firstTraceId = first;
            this.lastTraceId = last;
            return this;
        }

        public Builder<T> preset(TracePreset newPreset) {
            if (spans && newPreset == TracePreset.SUMMARY) throw new IllegalArgumentException("the SUMMARY preset reads no spans");
            this.preset = Objects.requireNonNull(newPreset, "preset");
            return this;
        }

        /** Largest trace (OTLP bytes) a trace source assembles; larger ones fail the job with {@code TRACE_TOO_LARGE}. */
        public Builder<T> maxTraceBytes(long bytes) {
            if (bytes <= 0) throw new IllegalArgumentException("maximum trace size must be positive: " + bytes);
            this.maxTraceBytes = bytes;
            return this;
        }

        /**
         * The form a trace source assembles traces in: objects (the default), or their protobuf encoding, which a job
         * that forwards or stores traces uses as it is (and Flink ships between tasks without serializing them again).
         */
        public Builder<T> form(TraceForm newForm) {
            if (spans) throw new IllegalArgumentException("a span source reads spans as objects");
            this.form = Objects.requireNonNull(newForm, "form");
            return this;
        }

        /**
         * Decrypt the blocks' {@code data.parquet} (Parquet modular encryption) with the keys {@code keys} makes, where
         * the source plans and where it reads; a block it cannot decrypt fails the job naming the file.
         */
        public Builder<T> decryption(KeySource keys) {
            this.keys = Objects.requireNonNull(keys, "keys");
            return this;
        }

        /** Row groups one reader reads at once, and records requested ahead per row group: a reader's memory bound. */
        public Builder<T> readerConcurrency(int rowGroups, int recordsAhead) {
            if (rowGroups < 1 || recordsAhead < 1) throw new IllegalArgumentException("reader concurrency must be at least 1");
            this.concurrentRowGroups = rowGroups;
            this.prefetch = recordsAhead;
            return this;
        }

        public TempoSource<T> build() {
            return new TempoSource<>(parts(this, element -> element), type);
        }

        /**
         * A source of what {@code records} makes of each trace (or span) on the task managers, of Flink type
         * {@code recordType}: one record per element, so a restored job still emits each exactly once.
         */
        public <R> TempoSource<R> build(RecordFunction<T, R> records, TypeInformation<R> recordType) {
            return new TempoSource<>(parts(this, Objects.requireNonNull(records, "records")),
                    Objects.requireNonNull(recordType, "recordType"));
        }
    }
}
