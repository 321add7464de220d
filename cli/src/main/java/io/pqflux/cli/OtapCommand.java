package io.pqflux.cli;

import io.pqflux.format.meta.ColumnChunk;
import io.pqflux.format.meta.RowGroup;
import io.pqflux.format.meta.Statistics;
import io.pqflux.io.InputFile;
import io.pqflux.otap.ExportListing;
import io.pqflux.otap.JoinMode;
import io.pqflux.otap.OtapException;
import io.pqflux.otap.OtapExport;
import io.pqflux.otap.PartFile;
import io.pqflux.otap.ReplayOptions;
import io.pqflux.otap.ReplayedBatch;
import io.pqflux.otap.Signal;
import io.pqflux.otap.receiver.FileSink;
import io.pqflux.otap.receiver.OtapReceiver;
import io.pqflux.otap.receiver.OtlpHttpSink;
import io.pqflux.otap.receiver.ReceiverEvent;
import io.pqflux.otap.receiver.ReceiverOptions;
import io.pqflux.otap.receiver.ReceiverSink;
import io.pqflux.otlp.OtlpJson;
import io.pqflux.reader.ParquetReader;
import io.pqflux.reader.ReadOptions;
import io.pqflux.schema.ColumnDescriptor;
import io.pqflux.storage.ObjectStores;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * {@code pqflux otap}: an OpenTelemetry-Arrow Parquet exporter's output ({@code BASE/<table>/_part_id=<uuid>/part-…
 * .parquet}, a directory or an {@code s3://bucket/prefix}): replay its signals as OTLP (to stdout, a file exactly once,
 * or an OTLP/HTTP endpoint), once or following the base; list its tables, partitions and files.
 */
@Command(name = "otap", mixinStandardHelpOptions = true,
        description = "Replay an OpenTelemetry-Arrow Parquet export as OTLP.",
        subcommands = {OtapCommand.Replay.class, OtapCommand.Ls.class})
final class OtapCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "missing command: replay or ls");
    }

    /** BASE and the storage options. */
    abstract static class BaseArguments extends StoreCommand {
        @Parameters(index = "0", paramLabel = "BASE", description = "The exporter's base: a directory or a store URI (s3://bucket/prefix).")
        String base;

        @Override
        public String file() {
            return base;
        }

        OtapExport export() {
            return OtapExport.of(store());
        }

        /**
         * The export's listing, which must hold table files: nothing where an export was asked for is a wrong base
         * (a typo, the wrong folder), not an empty export.
         */
        ExportListing listing(OtapExport export) {
            String missing = missingBase();
            if (missing != null) throw new OtapException(OtapException.Reason.NOT_FOUND, base, missing);
            ExportListing listing = export.listing().block();
            if (listing.files().isEmpty()) throw new OtapException(OtapException.Reason.NOT_FOUND, base, whyEmpty(listing));
            return listing;
        }

        /** Why a local BASE is no directory to list, or null. */
        String missingBase() {
            if (ObjectStores.isUri(base)) return null;
            Path path = Path.of(base);
            if (!Files.exists(path)) return "no such directory";
            if (!Files.isDirectory(path)) return "is not a directory (BASE is the exporter's base directory)";
            return null;
        }

        private String whyEmpty(ExportListing listing) {
            String roots = Arrays.stream(Signal.values()).map(s -> s.root().directory() + "/")
                    .collect(Collectors.joining(", "));
            return "holds no OTAP export: no complete table files (" + roots + " and their child tables)"
                    + (listing.skipped().isEmpty() ? "" : "; skipped " + skippedSummary(listing));
        }

        /** A listed file opened for reading; the caller owns it. */
        InputFile open(PartFile file) {
            return store().openInputFile(file.path(), 0);
        }

    }

    @Command(name = "replay", mixinStandardHelpOptions = true,
            description = {"Rebuild the export's logs, traces and metrics as OTLP, one LogsData/TracesData/MetricsData "
                    + "per exporter batch: OTLP/JSON lines on stdout, in a file (--out, exactly once with its checkpoint) "
                    + "or POSTed to an OTLP/HTTP endpoint (at least once). A summary goes to stderr at the end.",
                    "Exit code 1 when a file could not be replayed (it is reported and quarantined; the rest goes on)."})
    static final class Replay extends BaseArguments {

        @Option(names = "--signal", paramLabel = "SIGNAL", split = ",",
                description = "logs, traces or metrics; repeat or separate with commas (default: all three).")
        List<Signal> signals;

        @Option(names = "--out", paramLabel = "FILE",
                description = "Append the batches to FILE exactly once (OTLP/JSON lines, or see --out-format): a restart "
                        + "truncates it to the checkpoint and skips the batches it records.")
        Path out;

        @Option(names = "--out-format", paramLabel = "FORMAT", defaultValue = "json", converter = OutFormatConverter.class,
                description = "The format of --out: json (default: OTLP/JSON lines, any signals) or protobuf (each "
                        + "batch's OTLP protobuf behind its varint length, as protobuf's parseDelimitedFrom reads; one "
                        + "--signal, written as replayed, without building messages).")
        OutFormat outFormat;

        @Option(names = "--otlp-endpoint", paramLabel = "URL",
                description = "POST protobuf to URL/v1/logs, /v1/traces, /v1/metrics (e.g. http://localhost:4318), "
                        + "retrying 5xx and connection errors; at least once.")
        URI endpoint;

        @Option(names = "--checkpoint", paramLabel = "FILE",
                description = "Where delivered batches are recorded (default with --out: the output's name + "
                        + ".checkpoint; otherwise none: every run starts from the beginning).")
        Path checkpoint;

        @Option(names = "--follow", description = "Keep polling the base for new files until killed.")
        boolean follow;

        @Option(names = "--poll-interval", paramLabel = "DURATION", defaultValue = "5s", converter = DurationConverter.class,
                description = "Time between polls with --follow (default 5s; e.g. 500ms, 10s, 1m, PT1M).")
        Duration pollInterval;

        @Option(names = "--min-age", paramLabel = "DURATION", defaultValue = "0s", converter = DurationConverter.class,
                description = "Replay a root file only when it was created this long ago (by the time in its name), so "
                        + "that children flushed after their parents are there too (default 0s).")
        Duration minAge;

        @Option(names = "--join", paramLabel = "MODE", defaultValue = "auto", converter = JoinModeConverter.class,
                description = "How records find their resource and scope attributes: auto (default: attached only where "
                        + "the files prove them the batch's, else left off and reported), batch-aware (ids taken as "
                        + "upstream writes them, not offset) or literal (a plain equality join).")
        JoinMode join;

        @Option(names = "--start", paramLabel = "TIME", converter = TimeConverter.class,
                description = "Only records at or after this time (ISO-8601 instant or unix seconds): a log record's "
                        + "time (its observed time when the time is 0), a span's start, a metric data point's time.")
        Instant start;

        @Option(names = "--end", paramLabel = "TIME", converter = TimeConverter.class,
                description = "Only records before this time (exclusive; ISO-8601 instant or unix seconds).")
        Instant end;

        @Option(names = "--max-window-rows", paramLabel = "N", defaultValue = "" + ReplayOptions.DEFAULT_MAX_WINDOW_ROWS,
                description = "The most root rows held before a batch is emitted in parts, bounding memory where batches "
                        + "run together (default ${DEFAULT-VALUE}).")
        int maxWindowRows;

        @Mixin
        ProgressOptions progressOptions;

        @Override
        Integer run() {
            if (out != null && endpoint != null) {
                throw new ParameterException(spec.commandLine(), "--out and --otlp-endpoint exclude each other");
            }
            boolean protobuf = outFormat == OutFormat.PROTOBUF;
            if (protobuf && out == null) {
                throw new ParameterException(spec.commandLine(), "--out-format protobuf needs --out FILE");
            }
            if (protobuf && (signals == null || signals.isEmpty() || EnumSet.copyOf(signals).size() != 1)) {
                throw new ParameterException(spec.commandLine(), "--out-format protobuf writes one signal: give one "
                        + "--signal (the signals' messages cannot be told apart in one protobuf file)");
            }
            if (maxWindowRows < 1) {
                throw new ParameterException(spec.commandLine(), "--max-window-rows " + maxWindowRows + " must be at least 1");
            }
            // partitions in listing order
            ReplayOptions replay = ReceiverOptions.defaults().replay().withJoinMode(join).withMaxWindowRows(maxWindowRows);
            try {
                replay = replay.withTimeRange(start, end);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--start/--end: " + e.getMessage());
            }
            Path checkpointFile = checkpoint != null ? checkpoint
                    : out != null ? out.resolveSibling(out.getFileName() + ".checkpoint") : null;
            if (!follow) {
                listing(export());
            } else if (missingBase() == null && export().listing().block().files().isEmpty()) {
                spec.commandLine().getErr().println("pqflux otap: " + base + " holds no table files yet; waiting for them (--follow)");
            }
            ReceiverOptions options = ReceiverOptions.defaults()
                    .withSignals(signals == null || signals.isEmpty() ? EnumSet.allOf(Signal.class) : EnumSet.copyOf(signals))
                    .withReplay(replay)
                    .withFollow(follow).withPollInterval(pollInterval).withMinFileAge(minAge);
            if (checkpointFile != null) options = options.withCheckpoint(checkpointFile);
            PrintWriter stdout = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            ProgressBar bar = progressOptions.bar(err, out == null && endpoint == null && Terminal.isTerminal(Terminal.STDOUT));
            Summary summary = new Summary();
            try (ReceiverSink sink = protobuf ? FileSink.protobuf(out, signals.getFirst()) : out != null ? FileSink.of(out)
                    : endpoint != null ? OtlpHttpSink.to(endpoint) : new StdoutSink(stdout)) {
                OtapReceiver receiver = OtapReceiver.create(export(), sink, options);
                for (ReceiverEvent event : receiver.run().toIterable(1)) {
                    summary.add(event);
                    if (event instanceof ReceiverEvent.Quarantined q) {
                        bar.close();
                        err.println("pqflux: " + q.file().path() + ": quarantined (" + q.file().error().replaceAll("\\R", " ") + ")");
                        err.flush();
                    }
                    bar.update(() -> new ProgressLine.Counters(sink instanceof StdoutSink s ? s.written() : summary.sinkLength,
                            summary.records, Double.NaN, "record"));
                    if (stdout.checkError()) break; // a reader that went away (| head): stop quietly
                }
            } finally {
                bar.close();
            }
            err.println(summary.line());
            err.flush();
            return summary.quarantined > 0 ? ErrorReporter.FILE_ERROR : 0;
        }
    }

    /** The first skipped names with why, for messages. */
    static String skippedSummary(ExportListing listing) {
        List<String> names = new TreeMap<>(listing.skipped()).entrySet().stream()
                .map(e -> e.getKey() + " (" + e.getValue() + ")").toList();
        return names.size() <= 3 ? String.join(", ", names)
                : String.join(", ", names.subList(0, 3)) + " and " + (names.size() - 3) + " more";
    }

    /** What a replay did, for the closing line. */
    private static final class Summary {
        int files;
        int partitions;
        long batches;
        long records;
        long unjoined;
        int quarantined;
        long sinkLength;

        void add(ReceiverEvent event) {
            switch (event) {
                case ReceiverEvent.Delivered d -> {
                    batches++;
                    records += d.records();
                    unjoined += d.unjoined().size();
                    sinkLength = d.sinkLength();
                }
                case ReceiverEvent.Quarantined q -> quarantined++;
                case ReceiverEvent.Polled p -> {
                    files = p.files();
                    partitions = p.partitions();
                }
            }
        }

        String line() {
            return String.format(Locale.ROOT, "pqflux otap: %,d files, %,d partitions, %,d batches, %,d records, "
                    + "%,d unjoinable rows, %,d files quarantined", files, partitions, batches, records, unjoined, quarantined);
        }
    }

    @Command(name = "ls", mixinStandardHelpOptions = true,
            description = "List the export's complete table files: table, partition, file, rows, row groups, and the "
                    + "id and parent_id ranges from the row groups' statistics ('-' where a column or its statistics "
                    + "are missing). Staging files (*.parquet#N) are left out.")
    static final class Ls extends BaseArguments {

        @Override
        Integer run() {
            ExportListing listing = listing(export());
            PrintWriter out = spec.commandLine().getOut();
            out.println("TABLE\tPARTITION\tFILE\tROWS\tROW_GROUPS\tID_MIN\tID_MAX\tPARENT_ID_MIN\tPARENT_ID_MAX");
            Set<String> tables = new HashSet<>();
            for (PartFile file : listing.files()) {
                tables.add(file.table().directory());
                try (ParquetReader reader = ParquetReader.open(open(file), ReadOptions.defaults())) {
                    long rows = reader.metaData().numRows();
                    out.println(file.table().directory() + "\t" + (file.partition().isEmpty() ? "-" : file.partition())
                            + "\t" + file.name() + "\t" + rows + "\t" + reader.rowGroupCount()
                            + "\t" + range(reader, "id") + "\t" + range(reader, "parent_id"));
                }
            }
            PrintWriter err = spec.commandLine().getErr();
            err.printf(Locale.ROOT, "%d tables, %d partitions, %d files; %d skipped%n",
                    tables.size(), listing.partitions().size(), listing.files().size(), listing.skipped().size());
            new TreeMap<>(listing.skipped()).forEach((path, why) -> err.println("skipped " + path + ": " + why));
            return 0;
        }

        /** min TAB max of a top-level integer column over the row groups' statistics. */
        private static String range(ParquetReader reader, String column) {
            ColumnDescriptor descriptor = reader.schema().columns().stream()
                    .filter(c -> c.dottedPath().equals(column)).findFirst().orElse(null);
            if (descriptor == null) return "-\t-";
            Long min = null;
            Long max = null;
            for (RowGroup rowGroup : reader.metaData().rowGroups()) {
                ColumnChunk chunk = rowGroup.columns().get(descriptor.index());
                Statistics s = chunk.metaData() == null ? null : chunk.metaData().statistics();
                InspectReport.StatisticsReport report = InspectReport.statistics(s, descriptor);
                if (report == null || report.min() == null || report.max() == null
                        || !(report.min().value() instanceof Number low) || !(report.max().value() instanceof Number high)) {
                    if (rowGroup.numRows() > 0 && (report == null || report.nullCount() == null
                            || report.nullCount() < rowGroup.numRows())) return "-\t-";
                    continue; // an all-null or empty row group has no bounds
                }
                min = min == null ? low.longValue() : Math.min(min, low.longValue());
                max = max == null ? high.longValue() : Math.max(max, high.longValue());
            }
            return min == null ? "-\t-" : min + "\t" + max;
        }
    }

    /** OTLP/JSON lines on stdout; without a length to go back to, so at least once with a checkpoint. */
    private static final class StdoutSink implements ReceiverSink {
        private final PrintWriter out;
        private long written;

        StdoutSink(PrintWriter out) {
            this.out = out;
        }

        @Override
        public void start(long committedLength) {
        }

        @Override
        public Mono<Long> deliver(ReplayedBatch<?> batch) {
            return Mono.fromCallable(() -> {
                String line = OtlpJson.write(batch.data());
                synchronized (this) {
                    out.println(line);
                    out.flush();
                    written += line.length() + 1;
                }
                return 0L;
            }).subscribeOn(Schedulers.boundedElastic());
        }

        synchronized long written() {
            return written;
        }

        @Override
        public void close() {
            out.flush();
        }
    }

    /** 500ms, 5s, 2m, 1h, or ISO-8601 (PT5S). */
    static final class DurationConverter implements ITypeConverter<Duration> {
        private static final Pattern SHORT = Pattern.compile("(\\d+)(ms|s|m|h)");

        @Override
        public Duration convert(String value) {
            Matcher m = SHORT.matcher(value.strip().toLowerCase(Locale.ROOT));
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                return switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    default -> Duration.ofHours(n);
                };
            }
            try {
                return Duration.parse(value.strip());
            } catch (DateTimeParseException e) {
                throw new TypeConversionException("not a duration (500ms, 5s, 2m, 1h or PT5S): '" + value + "'");
            }
        }
    }

    /** What {@code otap replay --out} writes. */
    enum OutFormat { JSON, PROTOBUF }

    static final class OutFormatConverter extends DashedEnumConverter<OutFormat> {
        OutFormatConverter() {
            super(OutFormat.class);
        }
    }

    static final class JoinModeConverter extends DashedEnumConverter<JoinMode> {
        JoinModeConverter() {
            super(JoinMode.class);
        }
    }
}
