package io.pqflux.cli;

import io.pqflux.error.ParquetIOException;
import io.pqflux.error.SourceLocation;
import io.pqflux.filter.Predicate;
import io.pqflux.reactive.ScanOptions;
import io.pqflux.reactive.dataset.Dataset;
import io.pqflux.reactive.dataset.DatasetBatch;
import io.pqflux.reactive.dataset.DatasetColumn;
import io.pqflux.reactive.dataset.DatasetFile;
import io.pqflux.reactive.dataset.DatasetIndex;
import io.pqflux.reactive.dataset.DatasetMetrics;
import io.pqflux.reactive.dataset.DatasetSchema;
import io.pqflux.reader.ReadOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import reactor.core.Exceptions;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * {@code pqflux scan}: the rows of a dataset (a directory or an s3:// prefix of Parquet files) as JSON Lines or CSV,
 * files in path order, with partition columns, pruned by partitions, the index sidecar and statistics.
 */
@Command(name = "scan", mixinStandardHelpOptions = true,
        description = "Print the rows of a dataset: every Parquet file below a directory or s3:// prefix.")
final class ScanCommand implements Callable<Integer>, FileCommand {

    /** Batches decoded ahead of the printing thread. */
    private static final int BATCHES_AHEAD = 2;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "The dataset: a directory or s3://bucket/prefix.")
    private String dir;

    @Mixin
    private StorageOptions storage;

    @Mixin
    private ProgressOptions progressOptions;

    @Option(names = "--columns", split = ",", paramLabel = "PATH",
            description = "Columns to print, as dotted paths or partition keys, comma-separated; a group selects every "
                    + "column below it.")
    private List<String> columns;

    @Mixin
    private DecryptionOptions decryption;

    @Mixin
    private ReadLimitOptions limits;

    @Mixin
    private AnnotationOptions annotations;

    @Mixin
    private RowOutputOptions output;

    @Option(names = "--where", paramLabel = "EXPR",
            description = "Print only rows matching EXPR; partition columns may be used, e.g. \"year = 2024 and amount > 10\".")
    private String where;

    @Option(names = "--stats", description = "Print what the scan skipped and read (files, row groups, pages, bytes, "
            + "rows, requests) to stderr.")
    private boolean stats;

    @Option(names = "--every-file", description = "Read every file below DIR, not only names ending in .parquet "
            + "(names starting with '.' or '_', such as _SUCCESS and .crc files, are never read).")
    boolean everyFile;

    @Option(names = "--no-index", description = "Ignore the index sidecar (" + DatasetIndex.FILE_NAME + ") of DIR.")
    private boolean noIndex;

    @Option(names = "--index", paramLabel = "FILE",
            description = "Use this index file (written by pqflux index --out) instead of the sidecar of DIR.")
    private Path indexFile;

    @Override
    public String file() {
        return dir;
    }

    @Override
    public Integer call() throws Exception {
        long limit = output.limit();
        if (noIndex && indexFile != null) throw new ParameterException(spec.commandLine(), "--index and --no-index exclude each other");
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        AtomicReference<DatasetMetrics> metrics = new AtomicReference<>();
        try (DatasetRoot root = storage.openDataset(dir)) {
            Dataset dataset = root.dataset().withIndex(index(root)).withMetricsListener(metrics::set).withEveryFile(everyFile)
                    .withDecryption(decryption.properties()).withLenientAnnotations(annotations.lenient());
            List<DatasetFile> files = dataset.files().collectList().block();
            if (files.isEmpty()) {
                throw new ParquetIOException("no Parquet files here" + (everyFile ? "" : " (names ending in .parquet; "
                        + "--every-file reads the others)"), SourceLocation.ofFile(dir), null);
            }
            DatasetSchema schema = dataset.schema(files).block();
            List<String> projection = projection(schema);
            ReadOptions read = limits.applyTo(ReadOptions.defaults().withColumns(projection));
            if (where != null) read = read.withFilter(predicate(schema));
            Set<String> partitionKeys = schema.partitionColumns().stream().map(DatasetColumn::path).collect(Collectors.toSet());
            List<String> outputColumns = outputColumns(projection, partitionKeys);
            ProgressBar bar = progressOptions.bar(err, Terminal.isTerminal(Terminal.STDOUT));
            try {
                ScanProgress progress = !bar.isShown() ? null : new ScanProgress(files);
                DatasetRowPrinter printer = new DatasetRowPrinter(outputColumns, partitionKeys, output.writer(out, outputColumns),
                        output.binaryAsString());
                print(dataset, ScanOptions.defaults().withReadOptions(read), printer, limit, bar, progress, out);
            } finally {
                bar.close();
                if (stats && metrics.get() != null) err.print(ReadMetricsText.render(metrics.get(), root.isObjectStorage()));
            }
        }
        out.flush();
        return 0;
    }

    /**
     * Prints on a thread of its own, which may block on stdout, while the scan decodes ahead; stops the scan (its
     * batches closed) at {@code limit} rows or when stdout went away.
     */
    private void print(Dataset dataset, ScanOptions options, DatasetRowPrinter printer, long limit, ProgressBar bar,
                       ScanProgress progress, PrintWriter out) throws Exception {
        ExecutorService thread = Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon().name("pqflux-output").factory());
        Scheduler printing = Schedulers.fromExecutorService(thread);
        long[] printed = {0};
        try {
            dataset.batches(options)
                    .publishOn(printing, BATCHES_AHEAD)
                    .<Void>handle((batch, sink) -> {
                        try (batch) {
                            long max = limit - printed[0];
                            printed[0] += printer.print(batch, max);
                            if (progress != null) bar.update(() -> progress.counters(batch.file(), printed[0]));
                            // a closed pipe (| head) is not an error: stop reading quietly
                            if (printed[0] >= limit || out.checkError()) sink.complete();
                        }
                    })
                    .doOnDiscard(DatasetBatch.class, DatasetBatch::close)
                    .blockLast();
        } catch (RuntimeException e) {
            // blockLast wraps checked exceptions; the error report names the cause
            if (Exceptions.unwrap(e) instanceof Exception cause) throw cause;
            throw e;
        } finally {
            printing.dispose();
        }
    }

    private DatasetIndex index(DatasetRoot root) {
        if (noIndex) return null;
        if (indexFile != null) return DatasetIndex.read(indexFile);
        return root.readSidecar();
    }

    /** The leaf columns and partition keys to read: of --columns (groups expanded), or all of them. */
    private List<String> projection(DatasetSchema schema) {
        if (columns == null) return schema.columns().stream().map(DatasetColumn::path).toList();
        Set<String> leaves = new LinkedHashSet<>();
        for (String asked : columns) {
            List<String> matching = schema.columns().stream().map(DatasetColumn::path)
                    .filter(path -> path.equals(asked) || path.startsWith(asked + ".")).toList();
            if (matching.isEmpty()) {
                throw new ParameterException(spec.commandLine(), "--columns: no column '" + asked + "'; the dataset's columns are "
                        + schema.columns().stream().map(DatasetColumn::path).toList());
            }
            leaves.addAll(matching);
        }
        return List.copyOf(leaves);
    }

    /** Top-level fields (the first part of a leaf's path) and partition keys, in the order of the projection. */
    private static List<String> outputColumns(List<String> projection, Set<String> partitionKeys) {
        Set<String> output = new LinkedHashSet<>();
        for (String path : projection) {
            output.add(partitionKeys.contains(path) ? path : Arrays.asList(path.split("\\.", 2)).getFirst());
        }
        return List.copyOf(output);
    }

    private Predicate predicate(DatasetSchema schema) {
        try {
            return WhereParser.parse(where, schema.columns().stream().map(DatasetColumn::type).toList(), "the dataset's");
        } catch (WhereParser.SyntaxException e) {
            throw new ParameterException(spec.commandLine(), "--where: " + e.getMessage());
        }
    }

    /**
     * Progress by the listed files' sizes: batches come in path order, so when a file's batch arrives every file
     * before it in path order is done, scanned or skipped.
     */
    private static final class ScanProgress {

        private final List<String> paths;
        /** Bytes of the files before file {@code i}, and of them all last. */
        private final long[] bytesBefore;

        ScanProgress(List<DatasetFile> files) {
            paths = files.stream().map(DatasetFile::path).toList();
            bytesBefore = new long[files.size() + 1];
            for (int i = 0; i < files.size(); i++) bytesBefore[i + 1] = bytesBefore[i] + files.get(i).identity().length();
        }

        ProgressLine.Counters counters(DatasetFile current, long printed) {
            int position = Collections.binarySearch(paths, current.path());
            long done = bytesBefore[position < 0 ? -position - 1 : position];
            long total = bytesBefore[paths.size()];
            return new ProgressLine.Counters(done, printed, total == 0 ? Double.NaN : done / (double) total);
        }
    }
}
