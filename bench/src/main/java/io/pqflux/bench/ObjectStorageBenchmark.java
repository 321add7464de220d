package io.pqflux.bench;

import io.netty.buffer.PooledByteBufAllocator;
import io.pqflux.bench.checksum.Fold;
import io.pqflux.bench.data.TaxiTripsFile;
import io.pqflux.bench.scan.BatchFold;
import io.pqflux.bench.scan.PqfluxScan;
import io.pqflux.bench.scan.ReferenceChecksum;
import io.pqflux.format.meta.ColumnChunk;
import io.pqflux.format.meta.RowGroup;
import io.pqflux.reactive.ParquetFlux;
import io.pqflux.reactive.ScanMetrics;
import io.pqflux.reactive.ScanOptions;
import io.pqflux.storage.http.HttpInputFile;
import io.pqflux.storage.s3.S3Location;
import io.pqflux.storage.RequestMetrics;
import io.pqflux.storage.s3.S3Storage;
import io.pqflux.storage.testkit.FaultyProxy;
import io.pqflux.storage.s3.testkit.LocalS3;
import io.pqflux.reader.OffHeapMemory;
import io.pqflux.reader.ParquetReader;
import io.pqflux.reader.ReadOptions;
import io.pqflux.schema.ColumnDescriptor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
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
 * Object storage: a 3-column projection of the taxi rows read from S3Proxy (in this JVM, on loopback) through a TCP
 * proxy that holds every response back {@link #latencyMillis} ms, as a distant object store would. The file is the
 * flat suite's 5M taxi rows written in row groups of {@link #rowGroupMiB} MiB (the default layout has a single row
 * group, which would leave three requests to compare). {@code perChunkRequests} is the baseline, the synchronous
 * {@code ParquetReader} over {@link HttpInputFile}: its reads one after the other (chunks more than 1 MiB apart, as the
 * projected ones are here, each get their own GET); {@code flux} is {@link ParquetFlux#batches(io.pqflux.storage.ObjectStore, String, long,
 * ScanOptions)} with default options: every planned range of a slice in flight at once, merged only where the gaps
 * stay within 10 % of the bytes needed. One operation is one scan from opening the object (HEAD, footer) to the last value folded; every
 * scan's checksum must equal the same projection read from the local file.
 *
 * <p>Secondary metrics, per scan: {@code requests} (HEAD and GETs, retries included), {@code retries},
 * {@code fetchedOverNeeded} (body bytes received / the bytes a reader needs: the projected column chunks, the footer
 * with its length and magic, and the leading magic), {@code peakOffHeapMiB} ({@link OffHeapMemory#peakBytes()} over
 * the scan) and {@code nettyDirectMiB} (direct memory netty's pooled allocator holds after the scan: fetched bytes
 * live there until they are decoded).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
    "--sun-misc-unsafe-memory-access=allow", "-Xms2g", "-Xmx2g"})
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 5, time = 5)
public class ObjectStorageBenchmark {

    /** Three columns of different types, apart from each other in the file. */
    static final List<String> PROJECTION = List.of("tpep_pickup_datetime", "trip_distance", "pickup_borough");
    private static final String BUCKET = "bench";
    private static final S3Location LOCATION = S3Location.parse("s3://" + BUCKET + "/taxi.parquet");

    @Param({"" + TaxiTripsFile.DEFAULT_ROWS})
    public long rows;

    @Param({"" + TaxiTripsFile.OBJECT_STORAGE_ROW_GROUP_MIB})
    public int rowGroupMiB;

    @Param({"20"})
    public int latencyMillis;

    private ReadOptions projection;
    private long expected;
    private long neededBytes;
    private BatchFold fold;
    private LocalS3 s3;
    private FaultyProxy latency;
    private S3Storage storage;
    private long last;

    /**
     * What the last scan of the iteration fetched (every scan of a method fetches the same): JMH zeroes the fields
     * before each iteration and reads them after. (Its table shows the sum over iterations; the report's COUNTER
     * lines give the mean per iteration.)
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Fetches {
        public double requests;
        public double retries;
        public double fetchedOverNeeded;
        public double peakOffHeapMiB;
        public double nettyDirectMiB;
    }

    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) throws Exception {
        Path file = TaxiTripsFile.get(rows, CompressionCodecName.SNAPPY, rowGroupMiB);
        // the local read is the oracle of the remote ones: first it must agree with parquet-java on the whole file
        ReferenceChecksum.check("pqflux (local file)", file, ReferenceChecksum.of(file), PqfluxScan.checksum(file));
        projection = ReadOptions.defaults().withColumns(PROJECTION);
        try (ParquetReader local = ParquetReader.open(file, projection)) {
            expected = Fold.combine(PqfluxScan.columnSums(local));
            fold = new BatchFold(local);
            neededBytes = projectedChunkBytes(local) + footerBytes(file) + 4;
        }
        s3 = new LocalS3();
        s3.createBucket(BUCKET);
        s3.put(BUCKET, "taxi.parquet", Files.readAllBytes(file));
        latency = FaultyProxy.withLatency(s3.port(), Duration.ofMillis(latencyMillis));
        storage = S3Storage.create(LocalS3.configFor(latency.endpoint()).withTransfer(t -> t.withRequestTimeout(Duration.ofSeconds(30))));
        last = expected;
        String method = params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.') + 1);
        Fetches ignored = new Fetches();
        switch (method) {
            case "perChunkRequests" -> check("ParquetReader over HttpInputFile", perChunkRequests(ignored));
            case "flux" -> check("ParquetFlux over S3", flux(ignored));
            default -> throw new IllegalStateException("no checksum check for benchmark " + method);
        }
    }

    @Benchmark
    public long perChunkRequests(Fetches fetches) {
        OffHeapMemory.resetPeakBytes();
        HttpInputFile input = storage.openInputFile(LOCATION);
        try (ParquetReader reader = ParquetReader.open(input, projection)) {
            last = Fold.combine(PqfluxScan.columnSums(reader));
        }
        RequestMetrics metrics = input.metrics();
        record(fetches, metrics.requests(), metrics.retries(), metrics.bytesFetched());
        return last;
    }

    @Benchmark
    public long flux(Fetches fetches) {
        OffHeapMemory.resetPeakBytes();
        AtomicReference<ScanMetrics> metrics = new AtomicReference<>();
        last = fold.inOrder(ParquetFlux.batches(storage.store(BUCKET, ""), LOCATION.key(), 0,
                ScanOptions.defaults().withReadOptions(projection).withMetricsListener(metrics::set)));
        record(fetches, metrics.get().requests(), metrics.get().retries(), metrics.get().bytesFetched());
        return last;
    }

    private void record(Fetches fetches, long requests, long retries, long bytesFetched) {
        fetches.requests = requests;
        fetches.retries = retries;
        fetches.fetchedOverNeeded = (double) bytesFetched / neededBytes;
        fetches.peakOffHeapMiB = OffHeapMemory.peakBytes() / 1048576.0;
        fetches.nettyDirectMiB = PooledByteBufAllocator.DEFAULT.metric().usedDirectMemory() / 1048576.0;
    }

    private void check(String reader, long actual) {
        if (actual != expected) {
            throw new IllegalStateException(reader + " read " + LOCATION + " with checksum " + Long.toHexString(actual)
                    + " but the local file's is " + Long.toHexString(expected) + ": the reads disagree on some value");
        }
    }

    /** Every measured scan must have read the same values as the local file. */
    @TearDown(Level.Iteration)
    public void checkLastScan() {
        check("the last measured scan", last);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        storage.close();
        latency.close();
        s3.close();
    }

    private static long projectedChunkBytes(ParquetReader reader) {
        long bytes = 0;
        for (RowGroup rowGroup : reader.metaData().rowGroups()) {
            for (ColumnDescriptor column : reader.projectedColumns()) {
                ColumnChunk chunk = rowGroup.columns().get(column.index());
                bytes += chunk.metaData().totalCompressedSize();
            }
        }
        return bytes;
    }

    /** The footer, its 4-byte length and the trailing magic. */
    private static long footerBytes(Path file) {
        try (FileChannel channel = FileChannel.open(file)) {
            ByteBuffer tail = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            channel.read(tail, channel.size() - 8);
            return Integer.toUnsignedLong(tail.getInt(0)) + 8;
        } catch (IOException e) {
            throw new UncheckedIOException("reading the footer length of " + file, e);
        }
    }
}
