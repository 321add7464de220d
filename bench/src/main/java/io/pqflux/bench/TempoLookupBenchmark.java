package io.pqflux.bench;

import io.pqflux.bench.data.TempoBlockFile;
import io.pqflux.bench.tempo.LookupIds;
import io.pqflux.bench.tempo.TraceChecksum;
import io.pqflux.bench.tempo.WholeChunkLookup;
import io.pqflux.reader.FooterCache;
import io.pqflux.storage.ObjectStore;
import io.pqflux.storage.ObjectStores;
import io.pqflux.storage.s3.S3Storage;
import io.pqflux.storage.testkit.FaultyProxy;
import io.pqflux.storage.s3.testkit.LocalS3;
import io.pqflux.tempo.BlockMeta;
import io.pqflux.tempo.TempoBlock;
import io.pqflux.tempo.TempoTenant;
import io.pqflux.tempo.Trace;
import io.pqflux.tempo.TraceForm;
import io.pqflux.tempo.TraceId;
import io.pqflux.tempo.TraceLookup;
import io.pqflux.tempo.TracePreset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * FindTraceByID in the scan suite's generated ~100 MB block: latency per lookup (ms/op) and what it reads. {@code pqflux}
 * is {@link TempoBlock#findTrace} (bloom shard, row-group statistics, the {@code TraceID} column index, then only the
 * pages holding the row); {@code wholeChunks} is the baseline, {@link WholeChunkLookup}: the same bloom shard and
 * statistics, then whole column chunks as Tempo reads them, with pqflux's reader. {@code storage}: {@code local}
 * (the block directory, page cache warm) or {@code s3} (S3Proxy in this JVM behind a loopback proxy that holds every
 * response back 20 ms, as {@link ObjectStorageBenchmark} does). {@code ids}: {@code present} cycles through 32 trace
 * IDs spread evenly over the block; {@code absent} through 32 random IDs the block does not hold (the bloom rejects
 * nearly all); {@code bloomFalsePositive} through 16 absent IDs the bloom admits (the data path runs and finds
 * nothing). Each variant keeps its footer cache across lookups, as Tempo's queriers and pqflux's tenants do.
 * {@code pqfluxSerialized} and {@code pqfluxEncoded} answer as the server's protobuf trace-by-ID does: the trace as
 * {@code TracesData} bytes, serialized by protobuf-java from the objects, or read in {@link TraceForm#ENCODED}.
 *
 * <p>Checksum gate: every lookup's result is checked, in setup and in every measured operation: a present ID must
 * come back with the trace whose {@link TraceChecksum#code} (ID, trace-level columns, span count, serialized OTLP size)
 * equals the one parquet-java's oracle computed for it ({@link LookupIds}), an absent one must come back empty.
 *
 * <p>Counters, mean per lookup over the iteration: {@code requests} and {@code bytesRead} to {@code data.parquet}
 * (on S3 the object's HEAD, footer and range GETs), {@code bloomBytes}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 2, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
    "--sun-misc-unsafe-memory-access=allow", "-Xms4g", "-Xmx4g"})
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
public class TempoLookupBenchmark {

    private static final String BUCKET = "tempo";

    @Param({"local", "s3"})
    public String storage;

    @Param({"present", "absent", "bloomFalsePositive"})
    public String ids;

    @Param({"20"})
    public int latencyMillis;

    private List<LookupIds.Id> lookups;
    private int next;
    private TempoBlock block;
    private WholeChunkLookup baseline;
    private LocalS3 s3;
    private FaultyProxy latency;
    private S3Storage s3Storage;

    /** Means per lookup over the iteration: JMH zeroes the public fields before each iteration. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Reads {
        public double requests;
        public double bytesRead;
        public double bloomBytes;
        private long lookups;
        private long totalRequests;
        private long totalBytes;
        private long totalBloomBytes;

        @Setup(Level.Iteration)
        public void reset() {
            lookups = totalRequests = totalBytes = totalBloomBytes = 0;
        }

        void add(long requestCount, long bytes, long bloom) {
            lookups++;
            totalRequests += requestCount;
            totalBytes += bytes;
            totalBloomBytes += bloom;
            requests = (double) totalRequests / lookups;
            bytesRead = (double) totalBytes / lookups;
            bloomBytes = (double) totalBloomBytes / lookups;
        }
    }

    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) throws Exception {
        Path directory = TempoBlockFile.get(TempoBlockFile.DEFAULT_BYTES);
        Path root = directory.getParent().getParent();
        String tenant = directory.getParent().getFileName().toString();
        String blockPath = tenant + "/" + directory.getFileName();
        lookups = switch (ids) {
            case "present" -> LookupIds.present(directory);
            case "absent" -> LookupIds.absent(directory);
            case "bloomFalsePositive" -> LookupIds.bloomFalsePositives(directory);
            default -> throw new IllegalArgumentException("ids: " + ids);
        };
        ObjectStore store;
        BlockMeta meta;
        switch (storage) {
            case "local" -> {
                block = TempoBlock.open(directory);
                meta = block.meta();
                store = ObjectStores.local(root);
            }
            case "s3" -> {
                s3 = new LocalS3();
                s3.createBucket(BUCKET);
                try (Stream<Path> files = Files.list(directory)) {
                    for (Path file : files.toList()) s3.put(BUCKET, blockPath + "/" + file.getFileName(), Files.readAllBytes(file));
                }
                latency = FaultyProxy.withLatency(s3.port(), Duration.ofMillis(latencyMillis));
                s3Storage = S3Storage.create(LocalS3.configFor(latency.endpoint()).withTransfer(t -> t.withRequestTimeout(Duration.ofSeconds(60))));
                TempoTenant remote = TempoTenant.of(s3Storage.store(BUCKET, ""), tenant);
                meta = remote.blocks().getFirst();
                block = remote.block(meta);
                store = s3Storage.store(BUCKET, "");
            }
            default -> throw new IllegalArgumentException("storage: " + storage);
        }
        baseline = new WholeChunkLookup(store, blockPath, meta, FooterCache.ofMaxBytes(64L << 20));
        String method = params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.') + 1);
        Reads ignored = new Reads();
        for (int i = 0; i < lookups.size(); i++) {
            switch (method) {
                case "pqflux" -> pqflux(ignored);
                case "pqfluxSerialized" -> pqfluxSerialized(ignored);
                case "pqfluxEncoded" -> pqfluxEncoded(ignored);
                case "wholeChunks" -> wholeChunks(ignored);
                default -> throw new IllegalStateException("no check for benchmark " + method);
            }
        }
        System.out.printf("%n%s %s %s: %d lookups checked, %.1f requests, %.0f bytes of data.parquet per lookup%n",
                method, storage, ids, lookups.size(), ignored.requests, ignored.bytesRead);
    }

    @Benchmark
    public Optional<Trace> pqflux(Reads reads) {
        LookupIds.Id id = nextId();
        TraceLookup lookup = block.findTrace(TraceId.of(id.traceId()), TracePreset.FULL, Long.MAX_VALUE).block();
        reads.add(lookup.requests(), lookup.bytesRead(), lookup.bloomBytes());
        return check("pqflux", id, lookup.trace());
    }

    /** The lookup's trace as protobuf bytes the object way: built as objects, then serialized by protobuf-java. */
    @Benchmark
    public int pqfluxSerialized(Reads reads) {
        LookupIds.Id id = nextId();
        TraceLookup lookup = block.findTrace(TraceId.of(id.traceId()), TracePreset.FULL, Long.MAX_VALUE).block();
        reads.add(lookup.requests(), lookup.bytesRead(), lookup.bloomBytes());
        return check("pqflux serialized", id, lookup.trace()).map(t -> t.toTracesData().toByteArray().length).orElse(0);
    }

    /** The lookup's trace as protobuf bytes written from the columns. */
    @Benchmark
    public int pqfluxEncoded(Reads reads) {
        LookupIds.Id id = nextId();
        TraceLookup lookup = block.findTrace(TraceId.of(id.traceId()), TracePreset.FULL, Long.MAX_VALUE,
                TraceForm.ENCODED).block();
        reads.add(lookup.requests(), lookup.bytesRead(), lookup.bloomBytes());
        return check("pqflux encoded", id, lookup.trace()).map(t -> t.tracesData().remaining()).orElse(0);
    }

    @Benchmark
    public Optional<Trace> wholeChunks(Reads reads) {
        LookupIds.Id id = nextId();
        WholeChunkLookup.Result lookup = baseline.find(id.traceId());
        reads.add(lookup.requests(), lookup.bytesRead(), lookup.bloomBytes());
        return check("whole chunks", id, lookup.trace());
    }

    private LookupIds.Id nextId() {
        LookupIds.Id id = lookups.get(next);
        next = (next + 1) % lookups.size();
        return id;
    }

    /** A present ID gives the trace parquet-java reads for it, an absent one nothing. */
    private static Optional<Trace> check(String reader, LookupIds.Id id, Optional<Trace> found) {
        String hex = HexFormat.of().formatHex(id.traceId());
        if (id.expectedCode().isEmpty()) {
            if (found.isPresent()) throw new IllegalStateException(reader + " found the absent trace " + hex);
        } else if (found.isEmpty()) {
            throw new IllegalStateException(reader + " did not find trace " + hex);
        } else if (TraceChecksum.code(found.get()) != id.expectedCode().getAsLong()) {
            throw new IllegalStateException(reader + " read trace " + hex + " differently from parquet-java");
        }
        return found;
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        if (s3Storage != null) s3Storage.close();
        if (latency != null) latency.close();
        if (s3 != null) s3.close();
    }
}
