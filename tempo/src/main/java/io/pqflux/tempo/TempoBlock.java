package io.pqflux.tempo;

import io.pqflux.filter.Predicate;
import io.pqflux.io.InputFile;
import io.pqflux.io.MappedInputFile;
import io.pqflux.reactive.ParquetFlux;
import io.pqflux.reader.FooterCache;
import io.pqflux.reader.ParquetReader;
import io.pqflux.reader.ReadOptions;
import io.pqflux.schema.MessageSchema;
import io.pqflux.tempo.internal.bloom.BloomShards;
import io.pqflux.tempo.internal.bloom.TraceIdBloomFilter;
import io.pqflux.tempo.internal.lookup.BlockLookup;
import io.pqflux.tempo.internal.assembly.TraceMapper;
import io.pqflux.tempo.internal.vparquet3.Vp3TraceMapper;
import io.pqflux.tempo.internal.vparquet4.Vp4TraceMapper;
import io.pqflux.tempo.internal.vparquet5.Vp5DedicatedSlots;
import io.pqflux.tempo.internal.vparquet5.Vp5TraceMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * One Tempo block on local disk ({@code <root>/<tenant>/<blockID>/}): its meta, its traces as a {@code Flux} in block
 * (trace-ID) order, and FindTraceByID. Opening reads {@code meta.json} only; {@code data.parquet}'s footer is parsed on
 * first use and kept in the footer cache. Reads vParquet3, vParquet4 (both attribute layouts) and vParquet5 (the
 * {@code vParquet5-preview*} blocks and current vParquet5), each with the mapping of the Tempo code that writes it;
 * other formats fail at open with {@code UNSUPPORTED_FORMAT}.
 */
public final class TempoBlock {

    private static final long DEFAULT_FOOTER_CACHE_BYTES = 64L << 20;

    private final Path directory;
    private final BlockMeta meta;
    private final FooterCache footers;

    private TempoBlock(Path directory, BlockMeta meta, FooterCache footers) {
        this.directory = directory;
        this.meta = meta;
        this.footers = footers;
    }

    public static TempoBlock open(Path directory) {
        return open(directory, FooterCache.ofMaxBytes(DEFAULT_FOOTER_CACHE_BYTES));
    }

    /** With a footer cache shared by the blocks of a tenant, repeated lookups skip the footer parse. */
    public static TempoBlock open(Path directory, FooterCache footers) {
        Path metaFile = directory.resolve("meta.json");
        byte[] json;
        try {
            json = Files.readAllBytes(metaFile);
        } catch (NoSuchFileException e) {
            throw new TempoException(TempoException.Reason.BAD_META, directory.toString(), "no meta.json: not a live block");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + metaFile, e);
        }
        BlockMeta meta = BlockMeta.parse(json, metaFile.toString());
        meta.tempoFormat(); // fails for a format this reader does not know
        return new TempoBlock(directory, meta, footers);
    }

    public BlockMeta meta() {
        return meta;
    }

    public Path directory() {
        return directory;
    }

    /** The block's traces in trace-ID order, assembled on the pipeline's decode scheduler. */
    public Flux<Trace> traces(TraceReadOptions options) {
        if (!overlapsMeta(options)) return Flux.empty();
        Path data = directory.resolve("data.parquet");
        return Mono.fromCallable(() -> mapper(schema(data), options.preset(), options.maxTraceBytes()))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMapMany(mapper -> {
                    ReadOptions read = ReadOptions.defaults().withFooterCache(footers).withColumns(mapper.columns());
                    Predicate filter = filter(options);
                    if (filter != null) read = read.withFilter(filter);
                    return ParquetFlux.read(data, options.scanOptions().withReadOptions(read), mapper);
                });
    }

    /**
     * FindTraceByID in this block: bloom shard, then row-group statistics, the {@code TraceID} column index and the
     * offset indexes, so only the pages holding the trace's row are read. Runs on the bounded-elastic scheduler.
     */
    public Mono<TraceLookup> findTrace(TraceId id, TracePreset preset, long maxTraceBytes) {
        return Mono.fromCallable(() -> lookup(id, preset, maxTraceBytes)).subscribeOn(Schedulers.boundedElastic());
    }

    private TraceLookup lookup(TraceId id, TracePreset preset, long maxTraceBytes) {
        byte[] key = id.bytes();
        String shardName = BloomShards.fileName(BloomShards.shardOf(key, meta.bloomShards()));
        Path bloomFile = directory.resolve(shardName);
        byte[] bloom;
        try {
            bloom = Files.readAllBytes(bloomFile);
        } catch (NoSuchFileException e) {
            throw new TempoException(TempoException.Reason.BAD_BLOOM, directory.toString(), "bloom shard " + shardName
                    + " is missing (the meta says " + meta.bloomShards() + " shards)");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + bloomFile, e);
        }
        if (!TraceIdBloomFilter.parse(bloom, bloomFile.toString()).mightContain(key)) {
            return new TraceLookup(Optional.empty(), false, bloom.length, 0, 0);
        }
        try (InputFile file = MappedInputFile.open(directory.resolve("data.parquet"))) {
            return BlockLookup.find(file, key, ReadOptions.defaults().withFooterCache(footers), bloom.length,
                    schema -> mapper(schema, preset, maxTraceBytes));
        }
    }

    private MessageSchema schema(Path data) {
        try (ParquetReader reader = ParquetReader.open(data, ReadOptions.defaults().withFooterCache(footers))) {
            return reader.schema();
        }
    }

    private TraceMapper mapper(MessageSchema schema, TracePreset preset, long maxTraceBytes) {
        String source = directory.resolve("data.parquet").toString();
        return switch (meta.tempoFormat()) {
            case VPARQUET3 -> new Vp3TraceMapper(source, schema, preset, meta.dedicatedSlots(DedicatedColumn.Scope.RESOURCE),
                    meta.dedicatedSlots(DedicatedColumn.Scope.SPAN), maxTraceBytes);
            case VPARQUET4 -> new Vp4TraceMapper(source, schema, preset, meta.dedicatedSlots(DedicatedColumn.Scope.RESOURCE),
                    meta.dedicatedSlots(DedicatedColumn.Scope.SPAN), maxTraceBytes);
            case VPARQUET5 -> new Vp5TraceMapper(source, schema, preset, Vp5DedicatedSlots.of(meta), maxTraceBytes);
        };
    }

    /** Tempo's block selection: {@code startTime < end && endTime > start}, at the meta's second granularity. */
    private boolean overlapsMeta(TraceReadOptions options) {
        if (options.start() == null) return true;
        return !meta.startTime().isAfter(options.end()) && !meta.endTime().isBefore(options.start().minusSeconds(1));
    }

    /** Row-level conditions, pushed down to statistics and page indexes; null when the read keeps every trace. */
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

    /** Unix nanoseconds as an unsigned literal; instants before the epoch clamp to 0. */
    private static BigInteger nanos(Instant instant) {
        BigInteger nanos = BigInteger.valueOf(instant.getEpochSecond()).multiply(BigInteger.valueOf(1_000_000_000L))
                .add(BigInteger.valueOf(instant.getNano()));
        return nanos.signum() < 0 ? BigInteger.ZERO : nanos;
    }
}
