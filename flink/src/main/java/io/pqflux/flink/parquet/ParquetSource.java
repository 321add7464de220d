package io.pqflux.flink.parquet;

import io.pqflux.filter.Predicate;
import io.pqflux.flink.KeySource;
import io.pqflux.flink.PqfluxSource;
import io.pqflux.flink.StoreLocation;
import io.pqflux.flink.internal.parquet.ParquetPlanner;
import io.pqflux.flink.internal.parquet.ParquetScan;
import io.pqflux.flink.internal.parquet.ParquetSources;
import io.pqflux.flink.internal.parquet.ParquetSplitSerializer;
import io.pqflux.flink.internal.source.SourceParts;
import io.pqflux.reactive.ScanOptions;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/**
 * The Parquet files below a directory or object-store prefix as a Flink source of the records a {@link RecordMapper}
 * makes of each batch: a {@code Dataset} (hidden folders and non-data files left out, {@code key=value} folders as
 * partition columns, a column a file lacks as nulls), split across task managers. A split is one row group, planned
 * from the footers; files whose partition values or index sidecar entry rule the filter out, and row groups whose
 * statistics do, are not planned. The reader reads a split's rows only, with the projection and filter pushed down
 * to pages; a split's checkpointed state counts the records emitted, so a restored job emits every record exactly
 * once. Bounded, or continuous: new files are planned every discovery interval.
 */
public final class ParquetSource<T> extends PqfluxSource<T, ParquetSplit> {

    /** Row groups one reader reads at once. */
    public static final int DEFAULT_CONCURRENT_ROW_GROUPS = 2;
    /** Records requested ahead per running row group. */
    public static final int DEFAULT_PREFETCH = 1024;

    private static final long serialVersionUID = 1L;

    private ParquetSource(Builder<T> builder) {
        super(parts(builder), builder.type);
    }

    private static <T> SourceParts<T, T, ParquetSplit> parts(Builder<T> builder) {
        ParquetScan scan = new ParquetScan(builder.columns, builder.filter, builder.batchRows, builder.useIndex, builder.keys);
        return new SourceParts<>(new ParquetPlanner(builder.root, scan), ParquetSources.reading(builder.root, scan, builder.mapper),
                ParquetSources.progress(), new ParquetSplitSerializer(), builder.discovery, builder.concurrentRowGroups, builder.prefetch);
    }

    /**
     * The files below {@code root}, the {@code columns} of each batch (dotted leaf paths and partition keys, in the
     * mapper's order) made into records by {@code mapper}, records of Flink type {@code type}.
     */
    public static <T> Builder<T> of(StoreLocation root, List<String> columns, RecordMapper<T> mapper, TypeInformation<T> type) {
        return new Builder<>(root, columns, mapper, type);
    }

    /** What the source reads; {@link #build()} makes it. */
    public static final class Builder<T> {
        private final StoreLocation root;
        private final RecordMapper<T> mapper;
        private final TypeInformation<T> type;
        private final List<String> columns;
        private Predicate filter;
        private boolean useIndex = true;
        private int batchRows = ScanOptions.defaults().batchRows();
        private Duration discovery;
        private int concurrentRowGroups = DEFAULT_CONCURRENT_ROW_GROUPS;
        private int prefetch = DEFAULT_PREFETCH;
        private KeySource keys;

        private Builder(StoreLocation root, List<String> columns, RecordMapper<T> mapper, TypeInformation<T> type) {
            this.root = Objects.requireNonNull(root, "root");
            this.columns = List.copyOf(columns);
            if (this.columns.isEmpty()) throw new IllegalArgumentException("no columns to read");
            this.mapper = Objects.requireNonNull(mapper, "mapper");
            this.type = Objects.requireNonNull(type, "type");
        }

        /**
         * Only rows the predicate matches (over data and partition columns): files by partition values and the index,
         * row groups by statistics, then pages and rows.
         */
        public Builder<T> filter(Predicate predicate) {
            this.filter = Objects.requireNonNull(predicate, "predicate");
            return this;
        }

        /** Plans every file, even those the index sidecar at the root ({@code _pqflux_index.json}) rules out. */
        public Builder<T> ignoreIndex() {
            this.useIndex = false;
            return this;
        }

        /** Reads encrypted files with the keys {@code keys} makes where the source plans and reads. */
        public Builder<T> decryption(KeySource keys) {
            this.keys = Objects.requireNonNull(keys, "keys");
            return this;
        }

        public Builder<T> batchRows(int rows) {
            if (rows < 1) throw new IllegalArgumentException("batchRows " + rows + " < 1");
            this.batchRows = rows;
            return this;
        }

        /** Keeps listing the root every {@code interval}, planning the files that appeared. */
        public Builder<T> continuous(Duration interval) {
            if (interval.isNegative() || interval.isZero()) throw new IllegalArgumentException("discovery interval " + interval + " <= 0");
            this.discovery = interval;
            return this;
        }

        /** Row groups one reader reads at once, and records requested ahead per row group: a reader's memory bound. */
        public Builder<T> readerConcurrency(int rowGroups, int recordsAhead) {
            if (rowGroups < 1 || recordsAhead < 1) throw new IllegalArgumentException("reader concurrency must be at least 1");
            this.concurrentRowGroups = rowGroups;
            this.prefetch = recordsAhead;
            return this;
        }

        public ParquetSource<T> build() {
            return new ParquetSource<>(this);
        }
    }
}
