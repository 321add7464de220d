package io.pqflux.reactive;

import static org.assertj.core.api.Assertions.assertThat;

import io.pqflux.column.ColumnVector;
import io.pqflux.error.ParquetIOException;
import io.pqflux.format.meta.RowGroup;
import io.pqflux.reactive.testkit.OffHeapReleased;
import io.pqflux.testdata.WideTestFile;
import io.pqflux.reader.OffHeapMemory;
import io.pqflux.reader.ParquetReader;
import io.pqflux.reader.ReadOptions;
import io.pqflux.reader.RowGroupBatch;
import io.pqflux.reader.RowGroupRead;
import io.pqflux.schema.ColumnDescriptor;
import io.pqflux.storage.RetryPolicy;
import io.pqflux.storage.testkit.FaultyProxy;
import io.pqflux.storage.ObjectStore;
import io.pqflux.storage.http.HttpSettings;
import io.pqflux.storage.http.testkit.ObjectServer;
import io.pqflux.io.InputFile;
import org.junit.jupiter.api.TestInstance;
import io.pqflux.storage.http.testkit.NoBufferLeaks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import reactor.blockhound.BlockHound;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/**
 * {@code ParquetFlux} over an object store on loopback (S3Proxy in this JVM, Azurite; one subclass each): the same
 * values as the local reader, coalesced asynchronous fetches, the memory budget with a slow subscriber, release on
 * cancellation and fetch errors. BlockHound is on: the columns decode on Reactor's parallel scheduler, the fetches
 * complete on netty's event loops.
 */
@ExtendWith({NoBufferLeaks.class, OffHeapReleased.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ObjectStoreFluxTest {

    private static final String BUCKET = "flux";
    private static final String WIDE = "wide.parquet";
    /** Three columns: two side by side (one read), one beyond the large ones the projection skips. */
    private static final List<String> PROJECTION = List.of("id", "price", "category");

    @TempDir
    static Path temp;

    private ObjectServer server;
    private Path wide;
    private long baseline;

    /** The server the test file is uploaded to. */
    abstract ObjectServer start() throws Exception;

    @BeforeAll
    void upload() throws Exception {
        BlockHound.install();
        server = start();
        server.createContainer(BUCKET);
        wide = WideTestFile.write(temp, 60_000, 42);
        server.put(BUCKET, WIDE, Files.readAllBytes(wide));
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @BeforeEach
    void recordHeldBytes() {
        baseline = OffHeapMemory.liveBytes();
    }

    @Test
    void aRemoteScanReadsWhatTheLocalReaderReads() {
        for (List<String> columns : List.of(List.<String>of(), PROJECTION)) {
            ReadOptions read = columns.isEmpty() ? ReadOptions.defaults() : ReadOptions.defaults().withColumns(columns);
            for (int batchRows : new int[] {7_000, 1 << 20}) {
                ScanOptions options = ScanOptions.defaults().withReadOptions(read).withBatchRows(batchRows);
                List<String> remote = ParquetFlux.read(server.store(BUCKET, ""), WIDE, 0, options, ObjectStoreFluxTest::rows)
                        .collectList().block(Duration.ofSeconds(60));
                assertThat(remote).as("columns %s, batches of %d rows", columns, batchRows).isEqualTo(localRows(read));
            }
        }
    }

    @Test
    void theColumnChunksOfARowGroupAreFetchedOnceWithCoalescedRequestsHoweverItIsSliced() {
        for (int batchRows : new int[] {1 << 20, 7_000}) {
            assertFetchedOnceWithCoalescedRequests(batchRows);
        }
    }

    private void assertFetchedOnceWithCoalescedRequests(int batchRows) {
        ReadOptions read = ReadOptions.defaults().withColumns(PROJECTION);
        AtomicReference<ScanMetrics> metrics = new AtomicReference<>();
        ScanOptions options = ScanOptions.defaults().withReadOptions(read).withBatchRows(batchRows).withMetricsListener(metrics::set);
        StepVerifier.create(ParquetFlux.read(server.store(BUCKET, ""), WIDE, 0, options, batch -> List.of(batch.rowCount())).reduce(Long::sum))
                .expectNext(60_000L)
                .expectComplete()
                .verify(Duration.ofSeconds(60));
        long needed = 0;
        long merged = 0;
        long chunks = 0;
        long wholePages;
        long wholePagesRead;
        try (ParquetReader local = ParquetReader.open(wide, read)) {
            for (int g = 0; g < local.rowGroupCount(); g++) {
                RowGroup rowGroup = local.metaData().rowGroups().get(g);
                for (ColumnDescriptor column : local.projectedColumns()) {
                    needed += rowGroup.columns().get(column.index()).metaData().totalCompressedSize();
                    chunks++;
                }
                try (RowGroupRead planned = local.plan(g, io.pqflux.filter.RowRanges.all(rowGroup.numRows()))) {
                    merged += planned.ranges().size();
                }
                local.readRowGroup(g).close();
            }
            wholePages = local.metrics().pages();
            wholePagesRead = local.metrics().pagesRead();
        }
        ScanMetrics scan = metrics.get();
        System.out.printf(server.scheme() + " scan of %d projected chunks in batches of %d rows: %s; needed %d bytes, merged reads %d%n",
                chunks, batchRows, scan, needed, merged);
        // HEAD, the leading magic and the footer suffix, then one GET per merged read of each row group, once for all
        // its slices (a row group's slices share one fetch of it)
        assertThat(scan.requests()).as("batches of %d rows", batchRows).isEqualTo(3 + merged);
        assertThat(merged).as("merged reads").isLessThan(chunks);
        assertThat(scan.retries()).isZero();
        assertThat(scan.read().rowsScanned()).isEqualTo(60_000);
        assertThat(scan.read().pages()).as("pages, counted once per chunk").isEqualTo(wholePages);
        assertThat(scan.read().pagesRead()).as("pages decoded, each counted once").isEqualTo(wholePagesRead)
                .isPositive();
        // the prefetch at open: the leading magic and the footer suffix
        long dataFetched = scan.bytesFetched() - 4 - HttpSettings.defaults().footerSuffixBytes();
        assertThat(dataFetched).as("data bytes fetched").isGreaterThanOrEqualTo(needed);
        assertThat((double) dataFetched / needed).as("bytes fetched / bytes needed").isLessThanOrEqualTo(1.1);
    }

    @Test
    void aSlowSubscriberKeepsTheFetchedAndDecodedBytesWithinTheBudget() throws Exception {
        ReadOptions read = ReadOptions.defaults().withColumns(PROJECTION);
        long largestChunk = 0;
        long largestSlice = 0;
        try (ParquetReader local = ParquetReader.open(wide, read)) {
            for (RowGroup rowGroup : local.metaData().rowGroups()) {
                long slice = 0;
                for (ColumnDescriptor column : local.projectedColumns()) {
                    long chunk = rowGroup.columns().get(column.index()).metaData().totalUncompressedSize();
                    largestChunk = Math.max(largestChunk, chunk);
                    slice += chunk + rowGroup.columns().get(column.index()).metaData().totalCompressedSize();
                }
                largestSlice = Math.max(largestSlice, slice);
            }
        }
        long budget = 2 * largestSlice;
        ScanOptions options = ScanOptions.defaults().withReadOptions(read).withSlicesInFlight(8).withMemoryBudget(budget);
        OffHeapMemory.resetPeakBytes();
        long before = OffHeapMemory.liveBytes();
        StepVerifier.create(ParquetFlux.batches(server.store(BUCKET, ""), WIDE, 0, options)
                        .delayElements(Duration.ofMillis(30))
                        .map(batch -> {
                            try (batch) {
                                return batch.batch().rowCount();
                            }
                        }).reduce(Long::sum))
                .expectNext(60_000L)
                .expectComplete()
                .verify(Duration.ofSeconds(60));
        long peak = OffHeapMemory.peakBytes() - before;
        System.out.printf(server.scheme() + " slow subscriber: budget %d, peak off-heap bytes %d, largest chunk %d%n", budget, peak,
                largestChunk);
        // the budget holds the fetched ranges and the batches; besides it, each column being decoded holds its
        // decompression scratch and growing buffers: one chunk per decode thread
        assertThat(peak).as("peak off-heap bytes").isPositive()
                .isLessThanOrEqualTo(budget + (long) Schedulers.DEFAULT_POOL_SIZE * largestChunk);
    }

    /**
     * A row group's fetched bytes stay reserved until its last slice is made; with a budget smaller than one row group
     * its later slices must still be granted (they need those bytes, nothing else is held), or the scan waits for ever.
     */
    @Test
    void rowGroupsLargerThanTheBudgetAreReadInSlicesOneAtATime() {
        ReadOptions read = ReadOptions.defaults().withColumns(PROJECTION);
        ScanOptions options = ScanOptions.defaults().withReadOptions(read).withBatchRows(3_000).withSlicesInFlight(4)
                .withMemoryBudget(1_000);
        // a slow subscriber: each batch it holds is all the budget allows
        StepVerifier.create(ParquetFlux.batches(server.store(BUCKET, ""), WIDE, 0, options)
                        .delayElements(Duration.ofMillis(5))
                        .concatMapIterable(batch -> {
                            try (batch) {
                                return rows(batch.batch());
                            }
                        })
                        .collectList())
                .assertNext(rows -> assertThat(rows).isEqualTo(localRows(read)))
                .expectComplete()
                .verify(Duration.ofSeconds(60));
    }

    @Test
    void fetchesOfAReplacedObjectFailTypedAfterEverythingIsReleased() throws Exception {
        server.put(BUCKET, "replaced.parquet", Files.readAllBytes(wide));
        ObjectStore store = server.store(BUCKET, "");
        byte[] other = Files.readAllBytes(WideTestFile.write(temp, 1_000, 7));
        // opened (HEAD, footer) before the object is replaced: every fetch after is refused (If-Match), not retried
        StepVerifier.create(ParquetFlux.batches(store.describe("replaced.parquet"), () -> {
                    InputFile opened = store.openInputFile("replaced.parquet", 0);
                    server.put(BUCKET, "replaced.parquet", other);
                    return opened;
                }, ScanOptions.defaults().withReadOptions(ReadOptions.defaults().withColumns(PROJECTION))))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(ParquetIOException.class)
                        .hasMessageContaining("replaced.parquet"))
                .verify(Duration.ofSeconds(60));
    }

    @Test
    void scansThroughFaultsReadExactlyOrFailTypedAndReleaseEverything() throws Exception {
        List<String> expected = localRows(ReadOptions.defaults().withColumns(PROJECTION));
        int failed = 0;
        try (FaultyProxy proxy = new FaultyProxy(server.port(), 0.2, List.of(FaultyProxy.Fault.RESET, FaultyProxy.Fault.TRUNCATE),
                Duration.ZERO, Duration.ZERO, 17);
             ObjectStore faulty = server.storeVia(proxy.endpoint(), BUCKET, "", HttpSettings.defaults()
                     .withRequestTimeout(Duration.ofSeconds(5))
                     .withRetry(new RetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(5))))) {
            for (int scan = 0; scan < 12; scan++) {
                ScanOptions options = ScanOptions.defaults().withBatchRows(4_000)
                        .withReadOptions(ReadOptions.defaults().withColumns(PROJECTION));
                try {
                    List<String> rows = ParquetFlux.read(faulty, WIDE, 0, options, ObjectStoreFluxTest::rows).collectList()
                            .block(Duration.ofSeconds(60));
                    assertThat(rows).isEqualTo(expected);
                } catch (ParquetIOException e) {
                    failed++;
                }
                OffHeapReleased.awaitReleased(baseline);
            }
            System.out.printf("12 scans through faults %s: %d failed typed%n", proxy.faultCounts(), failed);
            assertThat(proxy.faultsInjected()).isPositive();
        }
    }

    /** The local reader's rows, row group by row group: the oracle (itself checked against parquet-java). */
    private List<String> localRows(ReadOptions read) {
        List<String> rows = new ArrayList<>();
        try (ParquetReader reader = ParquetReader.open(wide, read)) {
            for (int g = 0; g < reader.rowGroupCount(); g++) {
                try (RowGroupBatch batch = reader.readRowGroup(g)) {
                    rows.addAll(rows(batch));
                }
            }
        }
        return rows;
    }

    /** Every row of a batch of flat columns as text, value by value. */
    static List<String> rows(RowGroupBatch batch) {
        List<List<String>> columns = new ArrayList<>();
        for (ColumnVector vector : batch.columns()) columns.add(values(vector));
        List<String> rows = new ArrayList<>();
        for (int row = 0; row < batch.rowCount(); row++) {
            StringBuilder text = new StringBuilder();
            for (List<String> column : columns) text.append(column.get(row)).append('|');
            rows.add(text.toString());
        }
        return rows;
    }

    private static List<String> values(ColumnVector vector) {
        List<String> values = new ArrayList<>(vector.size());
        int value = 0;
        for (int entry = 0; entry < vector.size(); entry++) {
            if (vector.isNull(entry)) {
                values.add("null");
                continue;
            }
            int v = value++;
            values.add(switch (vector.column().physicalType()) {
                case BOOLEAN -> String.valueOf(vector.getBoolean(v));
                case INT32 -> String.valueOf(vector.getInt(v));
                case INT64 -> String.valueOf(vector.getLong(v));
                case DOUBLE -> String.valueOf(vector.getDouble(v));
                case BYTE_ARRAY -> new String(vector.getByteArray(v), java.nio.charset.StandardCharsets.UTF_8);
                default -> throw new IllegalArgumentException("not in the test file: " + vector.column());
            });
        }
        return values;
    }
}
