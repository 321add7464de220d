package io.pqflux.tempo.columns;

import io.pqflux.column.DictionaryForm;
import io.pqflux.filter.Predicate;
import io.pqflux.format.meta.FileMetaData;
import io.pqflux.io.InputFile;
import io.pqflux.io.SharedInputFile;
import io.pqflux.reactive.BatchMapper;
import io.pqflux.reactive.ParquetFlux;
import io.pqflux.reader.FooterCache;
import io.pqflux.crypto.DecryptionProperties;
import io.pqflux.reader.ParquetReader;
import io.pqflux.reader.ReadOptions;
import io.pqflux.schema.SchemaBuilder;
import io.pqflux.schema.MessageSchema;
import io.pqflux.storage.ObjectStore;
import io.pqflux.storage.BlockingCall;
import io.pqflux.tempo.BlockMeta;
import io.pqflux.tempo.CheckedBlock;
import io.pqflux.tempo.DedicatedColumn;
import io.pqflux.tempo.TempoBlock;
import io.pqflux.tempo.Trace;
import io.pqflux.tempo.TracePreset;
import io.pqflux.tempo.TraceReadOptions;
import io.pqflux.tempo.internal.assembly.AttributeKeys;
import io.pqflux.tempo.internal.assembly.TraceMapper;
import io.pqflux.tempo.internal.vparquet3.Vp3TraceMapper;
import io.pqflux.tempo.internal.vparquet4.Vp4TraceMapper;
import io.pqflux.tempo.internal.vparquet5.Vp5DedicatedSlots;
import io.pqflux.tempo.internal.vparquet5.Vp5TraceMapper;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The seam between Tempo blocks and a query engine, the counterpart of Tempo's fetcher contract: a block's
 * {@code data.parquet} as an engine reads it — the mapper of the block's format (its column paths, column groups and
 * assembly: {@link TraceMapper}), the file opened once per read with the tenant's footer cache, and the time-range
 * and trace-ID conditions pushed down to statistics and page indexes. The block module knows no query; the engine
 * ({@code io.pqflux.tempo.query}) knows no file layout beyond what the mapper tells it.
 */
public final class BlockColumns {

    /** The largest footer size taken from a block's meta; a larger one is not believed (Tempo's are a few MiB). */
    private static final int MAX_FOOTER_HINT_BYTES = 64 << 20;

    private static volatile Function<TempoBlock, BlockColumns> blocks;

    private final ObjectStore store;
    /** The block's directory relative to the store's root ("" when the root is the block). */
    private final String path;
    private final BlockMeta meta;
    private final FooterCache footers;
    /** The keys of an encrypted data.parquet, or null; its footers are then read anew each time, not cached. */
    private final DecryptionProperties decryption;
    /** data.parquet's schema, read once (a remote open costs requests even when the footer is cached). */
    private volatile MessageSchema schema;

    /** @param decryption the keys of an encrypted {@code data.parquet}, or null */
    public BlockColumns(ObjectStore store, String path, BlockMeta meta, FooterCache footers,
                        DecryptionProperties decryption) {
        this.store = Objects.requireNonNull(store, "store");
        this.path = Objects.requireNonNull(path, "path");
        this.meta = Objects.requireNonNull(meta, "meta");
        this.footers = Objects.requireNonNull(footers, "footers");
        this.decryption = decryption;
    }

    /** How {@link TempoBlock} hands its columns to {@link #of}: set once, by its class initialization. */
    public static void register(Function<TempoBlock, BlockColumns> columns) {
        if (blocks != null) throw new IllegalStateException("the block columns accessor is already set");
        blocks = columns;
    }

    /** The columns of {@code block}. */
    public static BlockColumns of(TempoBlock block) {
        // a TempoBlock exists, so its class initialization has registered the accessor
        return blocks.apply(block);
    }

    public BlockMeta meta() {
        return meta;
    }

    /** data.parquet as messages name it: a local path or an object store URI. */
    public String dataName() {
        return store.describe(dataPath());
    }

    private String dataPath() {
        return path.isEmpty() ? "data.parquet" : path + "/data.parquet";
    }

    /** The mapper of this block's format over a data file of {@code schema}. */
    public TraceMapper mapper(MessageSchema schema, TracePreset preset, long maxTraceBytes) {
        String source = dataName();
        return switch (meta.tempoFormat()) {
            case VPARQUET3 -> new Vp3TraceMapper(source, schema, preset, meta.dedicatedSlots(DedicatedColumn.Scope.RESOURCE),
                    meta.dedicatedSlots(DedicatedColumn.Scope.SPAN), maxTraceBytes);
            case VPARQUET4 -> new Vp4TraceMapper(source, schema, preset, meta.dedicatedSlots(DedicatedColumn.Scope.RESOURCE),
                    meta.dedicatedSlots(DedicatedColumn.Scope.SPAN), maxTraceBytes);
            case VPARQUET5 -> new Vp5TraceMapper(source, schema, preset, Vp5DedicatedSlots.of(meta), maxTraceBytes);
        };
    }

    /** Footers from the tenant's cache; a miss reads exactly the footer when the meta gives its size. */
    public ReadOptions readOptions() {
        ReadOptions read = ReadOptions.defaults().withFooterCache(footers).withFooterSuffix(footerSuffix());
        return decryption == null ? read : read.withDecryption(decryption);
    }

    /**
     * The read of {@code columns} (null: every column) over the options' rows, pruned by {@code pruning} (null:
     * nothing) and filtered by the options' time and trace-ID ranges, pushed down to statistics and page indexes.
     */
    public ReadOptions readOptions(TraceReadOptions options, List<String> columns, Predicate pruning) {
        ReadOptions read = readOptions().withColumns(columns).withRows(options.firstRow(), options.endRow());
        if (pruning != null) read = read.withPruning(pruning);
        Predicate filter = filter(options);
        return filter == null ? read : read.withFilter(filter);
    }

    /** The footer with its 8-byte tail when the meta gives its size, else the reader's default guess. */
    private int footerSuffix() {
        long hint = footerSize();
        return hint > 0 ? (int) hint + 8 : ReadOptions.defaults().footerSuffix();
    }

    /**
     * The footer's size for the opening read of a remote file; 0 when the meta does not give one a footer can have.
     * Only a hint: the file's tail gives the real size, so a meta that lies costs a second read, never a huge one.
     */
    public long footerSize() {
        int size = meta.footerSize();
        return size > 0 && size <= MAX_FOOTER_HINT_BYTES ? size : 0;
    }

    /** data.parquet's schema, read once. Blocking. */
    public MessageSchema schema() {
        MessageSchema known = schema;
        if (known == null) {
            try (InputFile file = store.openInputFile(dataPath(), footerSize())) {
                schema = known = schema(file);
            }
        }
        return known;
    }

    /** The schema in {@code file}'s footer, decrypted with the block's keys when it has them. */
    private MessageSchema schema(InputFile file) {
        if (decryption == null) return footers.schema(file, footerSuffix());
        return SchemaBuilder.build(footers.footer(file, decryption).metaData().schema());
    }

    /**
     * The meta checked against data.parquet's length and footer (from the cache; an encrypted file's decrypted with the
     * block's keys). Blocking.
     */
    public CheckedBlock check() {
        try (InputFile file = store.openInputFile(dataPath(), footerSize())) {
            FileMetaData footer = (decryption == null ? footers.footer(file, footerSuffix())
                    : footers.footer(file, decryption)).metaData();
            return new CheckedBlock(meta, footer.numRows(), footer.rowGroups().size(), file.length());
        }
    }

    /**
     * A reader of these columns only (null: every column), dictionary-encoded chunks kept as dictionary + ids
     * (single-column reads such as tag values from a dictionary); the caller closes it. Blocking.
     */
    public ParquetReader open(List<String> columns) {
        return ParquetReader.open(store.openInputFile(dataPath(), footerSize()),
                readOptions().withColumns(columns).withDictionaryForm(DictionaryForm.KEPT));
    }

    /** data.parquet open for one read: its name for messages, the file its passes take views of, and its schema. */
    public record Data(String name, SharedInputFile file, MessageSchema schema) {
    }

    /** data.parquet opened on this thread, which must allow blocking; the caller closes its file. */
    public Data openData() {
        SharedInputFile file = SharedInputFile.of(store.openInputFile(dataPath(), footerSize()));
        try {
            return new Data(dataName(), file, schema(file.file()));
        } catch (RuntimeException e) {
            file.close();
            throw e;
        }
    }

    /**
     * {@code reads} over data.parquet opened once, on the bounded-elastic scheduler (opening may block), with its
     * schema: every pass of the read takes its own view of the file, which closes once the last of them is done. The
     * open is never interrupted (through {@code subscribeOn}, a cancellation interrupted it, inside file I/O), and a
     * file opened for a read cancelled meanwhile is closed, not dropped with its buffers.
     */
    public <T> Flux<T> withData(Function<Data, Flux<T>> reads) {
        return Flux.usingWhen(BlockingCall.on(Schedulers.boundedElastic(), this::openData)
                        .doOnDiscard(Data.class, open -> open.file().close()), reads,
                open -> Mono.fromRunnable(open.file()::close));
    }

    /**
     * A read's plan over one data file: the file's mapper, the columns it is given (null: every column), the
     * attributes it assembles and what prunes row groups and pages (null: nothing).
     */
    public record Projection(TraceMapper mapper, List<String> columns, AttributeKeys keys, Predicate pruning) {
    }

    /**
     * What {@code mapping} makes of the batches {@code projection} plans (its columns, attributes and pruning, over the
     * options' rows and time range), mapped on the decode scheduler, in file order; empty when the block's meta rules
     * out the options' time range.
     */
    public <T> Flux<T> read(TraceReadOptions options, BiFunction<TraceMapper, MessageSchema, Projection> projection,
                            Function<Projection, BatchMapper<T>> mapping) {
        if (!overlaps(options)) return Flux.empty();
        return withData(data -> {
            Projection plan = projection.apply(mapper(data.schema(), options.preset(), options.maxTraceBytes()),
                    data.schema());
            ReadOptions read = readOptions(options, plan.columns(), plan.pruning());
            return ParquetFlux.read(data.name(), data.file()::view, options.scanOptions().withReadOptions(read),
                    mapping.apply(plan));
        });
    }

    /**
     * The block's traces, with only the attributes {@code keys} keeps (the preset must be {@code FULL}), or with the
     * preset's columns when {@code keys} is null.
     */
    public Flux<Trace> traces(TraceReadOptions options, AttributeKeys keys) {
        return read(options, (mapper, schema) -> new Projection(mapper,
                        keys == null ? mapper.columns() : mapper.columns(schema, keys), keys == null ? AttributeKeys.ALL : keys, null),
                plan -> batch -> plan.mapper().map(batch, plan.keys(), options.form()));
    }

    /** Whether the block's meta may hold traces of the options' time range (always, without one). */
    public boolean overlaps(TraceReadOptions options) {
        return meta.overlaps(options.start(), options.end());
    }

    /** The options' row-level conditions (time range, trace-ID range); null when the read keeps every trace. */
    private static Predicate filter(TraceReadOptions options) {
        List<Predicate> conditions = new ArrayList<>();
        if (options.start() != null) {
            conditions.add(Predicate.ltEq("StartTimeUnixNano", nanos(options.end())));
            conditions.add(Predicate.gtEq("EndTimeUnixNano", nanos(options.start())));
        }
        if (options.firstId() != null) {
            conditions.add(Predicate.gtEq("TraceID", options.firstId().bytes()));
            conditions.add(Predicate.ltEq("TraceID", options.lastId().bytes()));
        }
        return switch (conditions.size()) {
            case 0 -> null;
            case 1 -> conditions.getFirst();
            default -> Predicate.and(conditions.toArray(Predicate[]::new));
        };
    }

    /**
     * Unix nanoseconds as an unsigned 64-bit literal: instants before the epoch clamp to 0, instants after the last
     * one the columns can hold (in the year 2554) to that one, so an open end ({@code Instant.MAX}) keeps every trace.
     */
    private static BigInteger nanos(Instant instant) {
        BigInteger nanos = BigInteger.valueOf(instant.getEpochSecond()).multiply(BigInteger.valueOf(1_000_000_000L))
                .add(BigInteger.valueOf(instant.getNano()));
        if (nanos.signum() < 0) return BigInteger.ZERO;
        return nanos.compareTo(MAX_UNSIGNED_NANOS) > 0 ? MAX_UNSIGNED_NANOS : nanos;
    }

    private static final BigInteger MAX_UNSIGNED_NANOS = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
}
