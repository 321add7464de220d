package io.pqflux.storage.s3;

import io.pqflux.format.meta.ColumnChunk;
import io.pqflux.format.meta.ColumnMetaData;
import io.pqflux.format.meta.RowGroup;
import io.pqflux.io.ByteRange;
import io.pqflux.reader.ParquetReader;
import io.pqflux.reader.ReadOptions;
import io.pqflux.storage.FetchedRange;
import io.pqflux.storage.RangeCoalescing;
import io.pqflux.storage.RequestMetrics;
import io.pqflux.storage.http.HttpInputFile;
import io.pqflux.storage.http.HttpObject;
import io.pqflux.storage.s3.testkit.LocalS3;
import io.pqflux.storage.testkit.FaultyProxy;
import io.pqflux.testdata.WideTestFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Measures what the coalescing gap and cap cost and save, for docs/object-storage.md: a 3-column projection of
 * a generated 8-column file (SNAPPY, several row groups) read from S3Proxy through a proxy that adds 20 ms before
 * every response. Prints requests, bytes and wall time per setting; it asserts nothing (a measurement, not a
 * test). Run with the test class path, see docs/object-storage.md.
 */
public final class CoalescingMeasurement {

    private static final Set<String> PROJECTION = Set.of("id", "quantity", "category");
    private static final Duration LATENCY = Duration.ofMillis(20);
    private static final int RUNS = 3;

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 300_000;
        Path dir = Files.createTempDirectory("pqflux-coalescing");
        for (long rowGroupBytes : new long[] {2L << 20, 16L << 20}) measureFile(WideTestFile.write(dir, rows, rowGroupBytes, 7), rows,
                rowGroupBytes);
    }

    private static void measureFile(Path file, int rows, long rowGroupBytes) throws Exception {
        List<ByteRange> chunks = projectedChunks(file);
        long needed = chunks.stream().mapToLong(ByteRange::length).sum();
        System.out.printf("%nfile: %d rows, %.1f MiB, row groups of %s, %d column chunks projected (%s), %.2f MiB of them;"
                        + " %d ms added before each response%n%n", rows, Files.size(file) / 1048576.0, size(rowGroupBytes),
                chunks.size(), PROJECTION, needed / 1048576.0, LATENCY.toMillis());
        try (LocalS3 s3 = new LocalS3(); FaultyProxy latency = FaultyProxy.withLatency(s3.port(), LATENCY)) {
            s3.createBucket("measure");
            s3.put("measure", "wide.parquet", Files.readAllBytes(file));
            System.out.println("| max gap | max merged | GETs | bytes fetched | over-fetch | wall time (best of 3) |");
            System.out.println("|---|---|---|---|---|---|");
            long[] gaps = {0, 64 << 10, 256 << 10, 1 << 20, 4 << 20, 16 << 20};
            for (long gap : gaps) measure(latency, chunks, needed, new RangeCoalescing(gap, 32 << 20));
            for (long cap : new long[] {4 << 20, 8 << 20, 64 << 20}) measure(latency, chunks, needed, new RangeCoalescing(1 << 20, cap));
            measureSynchronousReader(latency);
        }
    }

    private static void measure(FaultyProxy latency, List<ByteRange> chunks, long needed, RangeCoalescing rules) {
        S3Config config = LocalS3.configFor(latency.endpoint()).withTransfer(t -> t.withCoalescing(rules));
        long best = Long.MAX_VALUE;
        RequestMetrics metrics = null;
        for (int run = 0; run < RUNS; run++) {
            try (S3Storage storage = S3Storage.create(config)) {
                HttpObject file = storage.open(S3Location.parse("s3://measure/wide.parquet")).block();
                long start = System.nanoTime();
                file.readAll(chunks).doOnNext(FetchedRange::close).blockLast();
                best = Math.min(best, System.nanoTime() - start);
                metrics = file.metrics();
            }
        }
        long gets = metrics.requests() - 1;
        System.out.printf("| %s | %s | %d | %.2f MiB | %+.0f%% | %d ms |%n", size(rules.maxGapBytes()),
                size(rules.maxMergedBytes()), gets, metrics.bytesFetched() / 1048576.0,
                100.0 * (metrics.bytesFetched() - needed) / needed, best / 1_000_000);
    }

    /** The synchronous reader as it is today: one GET per column chunk, one chunk after the other. */
    private static void measureSynchronousReader(FaultyProxy latency) {
        long best = Long.MAX_VALUE;
        RequestMetrics metrics = null;
        for (int run = 0; run < RUNS; run++) {
            try (S3Storage storage = S3Storage.create(LocalS3.configFor(latency.endpoint()))) {
                long start = System.nanoTime();
                HttpInputFile input = storage.openInputFile(S3Location.parse("s3://measure/wide.parquet"));
                try (ParquetReader reader = ParquetReader.open(input, ReadOptions.defaults().withColumns(List.copyOf(PROJECTION)))) {
                    for (int g = 0; g < reader.rowGroupCount(); g++) reader.readRowGroup(g).close();
                }
                best = Math.min(best, System.nanoTime() - start);
                metrics = input.metrics();
            }
        }
        System.out.printf("%nParquetReader over HttpInputFile, same projection (open, footer, decode included): %d requests, %.2f MiB, %d ms%n",
                metrics.requests(), metrics.bytesFetched() / 1048576.0, best / 1_000_000);
    }

    private static List<ByteRange> projectedChunks(Path file) {
        List<ByteRange> ranges = new ArrayList<>();
        try (ParquetReader reader = ParquetReader.open(file)) {
            for (RowGroup group : reader.metaData().rowGroups()) {
                for (ColumnChunk chunk : group.columns()) {
                    ColumnMetaData meta = chunk.metaData();
                    if (PROJECTION.contains(String.join(".", meta.pathInSchema()))) {
                        ranges.add(new ByteRange(meta.chunkStart(), meta.totalCompressedSize()));
                    }
                }
            }
        }
        return ranges;
    }

    private static String size(long bytes) {
        if (bytes == 0) return "0";
        if (bytes % (1 << 20) == 0) return (bytes >> 20) + " MiB";
        return (bytes >> 10) + " KiB";
    }
}
