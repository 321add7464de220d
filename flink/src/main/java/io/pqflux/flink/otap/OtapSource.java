package io.pqflux.flink.otap;

import com.google.protobuf.Message;
import io.opentelemetry.proto.logs.v1.LogsData;
import io.opentelemetry.proto.metrics.v1.MetricsData;
import io.opentelemetry.proto.trace.v1.TracesData;
import io.pqflux.flink.PqfluxSource;
import io.pqflux.flink.PqfluxTypes;
import io.pqflux.flink.StoreLocation;
import io.pqflux.flink.internal.otap.ListedBatch;
import io.pqflux.flink.internal.otap.OtapPlanner;
import io.pqflux.flink.internal.otap.OtapReplay;
import io.pqflux.flink.internal.otap.OtapSources;
import io.pqflux.flink.internal.otap.OtapSplitSerializer;
import io.pqflux.flink.internal.source.SourceParts;
import io.pqflux.flink.internal.source.SplitProgress;
import io.pqflux.otap.JoinMode;
import io.pqflux.otap.ReplayOptions;
import io.pqflux.otap.Signal;
import java.time.Duration;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/**
 * An OpenTelemetry-Arrow Parquet export as a Flink source: one OTLP message ({@code LogsData}, {@code TracesData} or
 * {@code MetricsData}) per rebuilt exporter batch, as {@code OtapExport.replay} rebuilds it, or its protobuf encoding
 * ({@link Builder#buildEncoded()}). A split is a partition
 * ({@code _part_id}), the scope of the exporter's joins; its checkpointed state is the batches emitted, per root file,
 * so a job restored from a checkpoint emits exactly the others: with a transactional sink, no batch is lost or repeated
 * end to end. Each partition's batches come in the order of its root files as they become visible (a root file can
 * become visible after a later one); partitions run in parallel across readers, balanced by bytes.
 *
 * <pre>{@code
 * env.fromSource(OtapSource.logs(StoreLocation.of("s3://bucket/otap")).continuous(Duration.ofSeconds(10), Duration.ofSeconds(30)).build(),
 *         WatermarkStrategy.noWatermarks(), "otap logs")
 * }</pre>
 *
 * <p>Bounded (the default): the partitions listed when the job starts, every listed file. Continuous: the export is
 * listed every poll interval, new partitions become splits, and each partition is replayed again after each interval
 * from where it stands, joining root files at least the minimum age old (as {@code OtapReceiver} does).
 */
public final class OtapSource<T> extends PqfluxSource<T, OtapSplit> {

    /** Partitions one reader replays at once. */
    public static final int DEFAULT_CONCURRENT_PARTITIONS = 2;
    /** Batches rebuilt ahead per running partition. */
    public static final int DEFAULT_PREFETCH = 2;

    private static final long serialVersionUID = 1L;

    private OtapSource(SourceParts<ListedBatch, T, OtapSplit> parts, TypeInformation<T> type) {
        super(parts, type);
    }

    public static Builder<LogsData> logs(StoreLocation export) {
        return new Builder<>(export, Signal.LOGS, LogsData.class);
    }

    public static Builder<TracesData> traces(StoreLocation export) {
        return new Builder<>(export, Signal.TRACES, TracesData.class);
    }

    public static Builder<MetricsData> metrics(StoreLocation export) {
        return new Builder<>(export, Signal.METRICS, MetricsData.class);
    }

    /** How the source replays; {@link #build()} makes it. */
    public static final class Builder<M extends Message> {
        private final StoreLocation export;
        private final Signal signal;
        private final Class<M> type;
        private JoinMode joinMode = JoinMode.AUTO;
        private int maxWindowRows = ReplayOptions.DEFAULT_MAX_WINDOW_ROWS;
        private Duration pollInterval;
        private Duration minFileAge = Duration.ZERO;
        private int concurrentPartitions = DEFAULT_CONCURRENT_PARTITIONS;
        private int prefetch = DEFAULT_PREFETCH;

        private Builder(StoreLocation export, Signal signal, Class<M> type) {
            this.export = Objects.requireNonNull(export, "export");
            this.signal = signal;
            this.type = type;
        }

        /** How roots find their resource and scope attributes ({@code ReplayOptions.withJoinMode}). */
        public Builder<M> joinMode(JoinMode mode) {
            this.joinMode = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /** The memory bound where batches cannot be told apart ({@code ReplayOptions.withMaxWindowRows}). */
        public Builder<M> maxWindowRows(int rows) {
            if (rows < 1) throw new IllegalArgumentException("maxWindowRows " + rows + " < 1");
            this.maxWindowRows = rows;
            return this;
        }

        /**
         * Follows the export: lists it every {@code pollInterval}, replays root files once they are {@code minFileAge}
         * old (by the creation time in their names).
         */
        public Builder<M> continuous(Duration pollInterval, Duration minFileAge) {
            if (pollInterval.isNegative() || pollInterval.isZero()) throw new IllegalArgumentException("poll interval " + pollInterval + " <= 0");
            if (minFileAge.isNegative()) throw new IllegalArgumentException("minimum file age " + minFileAge + " < 0");
            this.pollInterval = pollInterval;
            this.minFileAge = minFileAge;
            return this;
        }

        /** Partitions one reader replays at once, and batches rebuilt ahead per partition: a reader's memory bound. */
        public Builder<M> readerConcurrency(int partitions, int batchesAhead) {
            if (partitions < 1 || batchesAhead < 1) throw new IllegalArgumentException("reader concurrency must be at least 1");
            this.concurrentPartitions = partitions;
            this.prefetch = batchesAhead;
            return this;
        }

        public OtapSource<M> build() {
            return new OtapSource<>(parts(OtapSources.progress(type)), PqfluxTypes.protobuf(type));
        }

        /**
         * A source of each batch's protobuf encoding instead: the signal's data message as the replay writes it (also
         * the body of its OTLP export request), no message objects made, shipped by Flink as the bytes they are.
         */
        public OtapSource<byte[]> buildEncoded() {
            return new OtapSource<>(parts(OtapSources.encodedProgress()),
                    PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO);
        }

        private <T> SourceParts<ListedBatch, T, OtapSplit> parts(SplitProgress<ListedBatch, T, OtapSplit> progress) {
            OtapReplay replay = new OtapReplay(signal, joinMode, maxWindowRows, pollInterval, minFileAge);
            return new SourceParts<>(new OtapPlanner(export, replay), OtapSources.reading(export, replay), progress,
                    new OtapSplitSerializer(), replay.pollInterval(), concurrentPartitions, prefetch);
        }
    }
}
