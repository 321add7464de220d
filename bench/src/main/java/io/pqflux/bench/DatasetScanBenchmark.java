package io.pqflux.bench;

import io.pqflux.bench.data.EventDataset;
import io.pqflux.bench.scan.IdRangeChecksum;
import io.pqflux.filter.Predicate;
import io.pqflux.reactive.ScanOptions;
import io.pqflux.reactive.dataset.Dataset;
import io.pqflux.reactive.dataset.DatasetIndex;
import io.pqflux.reactive.dataset.DatasetMetrics;
import io.pqflux.reader.FooterCache;
import io.pqflux.reader.ReadOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
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
 * Datasets: a selective predicate over {@link #files} small files ({@link EventDataset}: {@link #rowsPerFile}
 * rows each, ids disjoint across files, Hive folders the predicate does not name). The predicate is an id range that
 * starts inside one file in the middle of the dataset and ends inside the {@link #matchingFiles}-th, so only the
 * footers' statistics tell which files to read. One operation is one {@link Dataset#batches} scan from listing the
 * directory to the last matching value folded, with {@link #filesInFlight} files at once:
 * <ul>
 *   <li>{@code cold}: a new footer cache every scan, no index: every footer is read and parsed, then all but the
 *       matching files are skipped by their statistics;
 *   <li>{@code index}: a {@link DatasetIndex} of {@code id}, built once in the trial's setup, and a new footer cache
 *       every scan: the other files are skipped by the index, before they are opened;
 *   <li>{@code warmFooterCache}: one footer cache kept across scans (filled by the setup's scan), no index: no footer
 *       is parsed, and the other files are skipped by their cached statistics without being opened.
 * </ul>
 * Secondary metrics, per scan ({@link DatasetMetrics}): {@code filesOpened}, {@code footersParsed},
 * {@code filesSkippedByIndex}, {@code filesSkippedByStatistics}. Every scan's checksum of the matching rows
 * ({@link IdRangeChecksum}) must equal parquet-java's over every row of every file with the same range tested in
 * Java, and every scan must have pruned exactly as its variant should (the setup checks the first scans, and each
 * iteration its last), so a regression in pruning fails the run instead of changing what is measured.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 2, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
    "--sun-misc-unsafe-memory-access=allow", "-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
public class DatasetScanBenchmark {

    @Param({"" + EventDataset.DEFAULT_FILES})
    public int files;

    @Param({"" + EventDataset.DEFAULT_ROWS_PER_FILE})
    public int rowsPerFile;

    /** Files the predicate's id range touches. */
    @Param({"3"})
    public int matchingFiles;

    /** {@link Dataset#withFilesInFlight}; 2 is the dataset's default. */
    @Param({"2"})
    public int filesInFlight;

    private Dataset dataset;
    private DatasetIndex idIndex;
    private FooterCache warmCache;
    private ScanOptions options;
    private IdRangeChecksum checksum;
    private long expected;
    private Pruning expectedPruning;
    private long last;
    private DatasetMetrics lastMetrics;

    /** What a scan of one variant must open, parse and skip. */
    private record Pruning(long filesOpened, long footersParsed, long filesSkippedByIndex, long filesSkippedByStatistics) {
        static Pruning of(DatasetMetrics metrics) {
            return new Pruning(metrics.filesOpened(), metrics.footersParsed(), metrics.filesSkippedByIndex(),
                    metrics.filesSkippedByStatistics());
        }
    }

    /**
     * What the last scan of the iteration opened and skipped (every scan of a variant does the same): JMH zeroes the
     * fields before each iteration and reads them after. (Its table shows the sum over iterations; the report's
     * COUNTER lines give the mean per iteration.)
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class FileCounts {
        public double filesOpened;
        public double footersParsed;
        public double filesSkippedByIndex;
        public double filesSkippedByStatistics;
    }

    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) {
        if (matchingFiles < 1 || matchingFiles > files) {
            throw new IllegalArgumentException("matchingFiles must be in [1, files]: " + matchingFiles);
        }
        Path root = EventDataset.get(files, rowsPerFile);
        long fromId = EventDataset.firstId((files - matchingFiles) / 2, rowsPerFile) + rowsPerFile / 2;
        long toId = fromId + (long) (matchingFiles - 1) * rowsPerFile + 1;
        options = ScanOptions.defaults().withReadOptions(ReadOptions.defaults().withColumns(EventDataset.COLUMNS)
                .withFilter(Predicate.and(Predicate.gtEq(IdRangeChecksum.ID, fromId), Predicate.lt(IdRangeChecksum.ID, toId))));
        checksum = new IdRangeChecksum(EventDataset.COLUMNS, fromId, toId);
        expected = checksum.parquetJava(root);
        dataset = Dataset.local(root).withFilesInFlight(filesInFlight);
        long others = files - matchingFiles;
        FileCounts ignored = new FileCounts();
        String method = params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.') + 1);
        switch (method) {
            case "cold" -> {
                expectedPruning = new Pruning(files, files, 0, others);
                check("cold scan", cold(ignored));
            }
            case "index" -> {
                // built through a dataset of its own, so no footer it read is cached for the measured scans
                idIndex = DatasetIndex.build(Dataset.local(root), List.of(IdRangeChecksum.ID), false).block();
                expectedPruning = new Pruning(matchingFiles, matchingFiles, others, 0);
                check("scan with the index", index(ignored));
            }
            case "warmFooterCache" -> {
                warmCache = FooterCache.ofMaxBytes(Dataset.DEFAULT_FOOTER_CACHE_BYTES);
                expectedPruning = new Pruning(files, files, 0, others);
                check("first scan, filling the footer cache", warmFooterCache(ignored));
                expectedPruning = new Pruning(matchingFiles, 0, 0, others);
                check("scan with a warm footer cache", warmFooterCache(ignored));
            }
            default -> throw new IllegalStateException("no checksum check for benchmark " + method);
        }
    }

    @Benchmark
    public long cold(FileCounts counters) {
        return scan(dataset.withFooterCache(FooterCache.ofMaxBytes(Dataset.DEFAULT_FOOTER_CACHE_BYTES)), counters);
    }

    @Benchmark
    public long index(FileCounts counters) {
        return scan(dataset.withIndex(idIndex).withFooterCache(FooterCache.ofMaxBytes(Dataset.DEFAULT_FOOTER_CACHE_BYTES)),
                counters);
    }

    @Benchmark
    public long warmFooterCache(FileCounts counters) {
        return scan(dataset.withFooterCache(warmCache), counters);
    }

    private long scan(Dataset variant, FileCounts counters) {
        AtomicReference<DatasetMetrics> metrics = new AtomicReference<>();
        last = checksum.of(variant.withMetricsListener(metrics::set).batches(options));
        lastMetrics = metrics.get();
        counters.filesOpened = lastMetrics.filesOpened();
        counters.footersParsed = lastMetrics.footersParsed();
        counters.filesSkippedByIndex = lastMetrics.filesSkippedByIndex();
        counters.filesSkippedByStatistics = lastMetrics.filesSkippedByStatistics();
        return last;
    }

    private void check(String scan, long actual) {
        if (actual != expected) {
            throw new IllegalStateException("the " + scan + " of " + dataset.root() + " has checksum "
                    + Long.toHexString(actual) + " but parquet-java's over the same id range is "
                    + Long.toHexString(expected) + ": the reads disagree on some row or value");
        }
        Pruning pruning = Pruning.of(lastMetrics);
        if (!pruning.equals(expectedPruning)) {
            throw new IllegalStateException("the " + scan + " of " + dataset.root() + " pruned " + pruning
                    + ", expected " + expectedPruning + " (" + lastMetrics + ")");
        }
    }

    /** Every measured scan must have read the rows parquet-java reads, pruning as its variant should. */
    @TearDown(Level.Iteration)
    public void checkLastScan() {
        check("last measured scan", last);
    }
}
