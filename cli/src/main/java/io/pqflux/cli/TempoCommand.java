package io.pqflux.cli;

import io.pqflux.error.ParquetException;
import io.pqflux.otlp.OtlpJson;
import io.pqflux.tempo.BlockMeta;
import io.pqflux.tempo.CheckedBlock;
import io.pqflux.tempo.query.SearchRequest;
import io.pqflux.tempo.query.SearchResponse;
import io.pqflux.tempo.TempoBlock;
import io.pqflux.tempo.TempoException;
import io.pqflux.tempo.TempoJson;
import io.pqflux.tempo.TempoTenant;
import io.pqflux.tempo.query.QueryJson;
import io.pqflux.tempo.query.QueryLimitException;
import io.pqflux.tempo.query.QueryLimits;
import io.pqflux.tempo.query.TempoQuerier;
import io.pqflux.tempo.query.TagNames;
import io.pqflux.tempo.query.TagValues;
import io.pqflux.tempo.query.TagValuesRequest;
import io.pqflux.tempo.query.TagsRequest;
import io.pqflux.tempo.query.TempoDurations;
import io.pqflux.tempo.TenantLookup;
import io.pqflux.tempo.Trace;
import io.pqflux.tempo.TraceId;
import io.pqflux.tempo.query.MetricsRequest;
import io.pqflux.tempo.query.MetricsResponse;
import io.pqflux.traceql.TraceQlException;
import io.pqflux.tempo.TracePreset;
import io.pqflux.tempo.TraceReadOptions;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code pqflux tempo}: Grafana Tempo blocks under a backend root ({@code ROOT/<tenant>/<blockID>/}, a directory or an
 * {@code s3://bucket/prefix}): list a
 * tenant's blocks, find a trace by ID across them, print a block's traces as OTLP/JSON lines, search them with TraceQL.
 */
@Command(name = "tempo", mixinStandardHelpOptions = true,
        description = "Read Grafana Tempo trace blocks (vParquet3, vParquet4 and vParquet5) as OTLP.",
        subcommands = {TempoCommand.Blocks.class, TempoCommand.TraceById.class, TempoCommand.Cat.class,
                TempoCommand.Search.class, TempoCommand.Metrics.class, TempoCommand.Tags.class,
                TempoCommand.TagValuesCommand.class, TempoServeCommand.class})
final class TempoCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "missing command: blocks, trace, cat, search, metrics, tags, tag-values or serve");
    }

    /** ROOT and TENANT, and the optional time range every subcommand takes. */
    abstract static class TenantArguments extends StoreCommand {
        @Parameters(index = "0", paramLabel = "ROOT", description = "The backend root holding tenants: a directory or a store URI (s3://bucket/prefix).")
        String root;

        @Parameters(index = "1", paramLabel = "TENANT", description = "The tenant.")
        String tenant;

        @Option(names = "--start", paramLabel = "TIME", converter = TimeConverter.class,
                description = "Only blocks and traces at or after this time (ISO-8601 instant or unix seconds).")
        Instant start;

        @Option(names = "--end", paramLabel = "TIME", converter = TimeConverter.class,
                description = "Only blocks and traces at or before this time (ISO-8601 instant or unix seconds).")
        Instant end;

        @Override
        public String file() {
            return root;
        }

        TempoTenant tenant() {
            return TempoTenant.of(store(), tenant);
        }

        @Override
        abstract Integer run();

        /** [start, end] with the missing bound open; null without either. */
        Instant[] timeRange() {
            if (start == null && end == null) return null;
            Instant from = start == null ? Instant.EPOCH : start;
            Instant to = end == null ? Instant.MAX : end;
            if (from.isAfter(to)) throw new ParameterException(spec.commandLine(), "--start " + from + " is after --end " + to);
            return new Instant[] {from, to};
        }

        /** A byte limit's value, which must be at least 1. */
        long traceBytes(String option, long value) {
            if (value < 1) throw new ParameterException(spec.commandLine(), option + " " + value + " must be at least 1");
            return value;
        }

        /** A --max-… option's value, which must be at least 1. */
        int limit(String option, int value) {
            if (value < 1) throw new ParameterException(spec.commandLine(), option + " " + value + " must be at least 1");
            return value;
        }

        TraceReadOptions readOptions(TracePreset preset) {
            TraceReadOptions options = TraceReadOptions.defaults().withPreset(preset);
            Instant[] range = timeRange();
            return range == null ? options : options.withTimeRange(range[0], range[1]);
        }
    }

    @Command(name = "blocks", mixinStandardHelpOptions = true,
            description = "List a tenant's live blocks: ID, format, time range, then traces, bytes and row groups as "
                    + "data.parquet holds them, bloom shards, and the meta's figures the file contradicts. A block whose "
                    + "data.parquet cannot be read is listed as unreadable, the reason on stderr, and the exit code is 1.")
    static final class Blocks extends TenantArguments {
        @Override
        Integer run() {
            Instant[] range = timeRange();
            TempoTenant tenant = tenant();
            List<BlockRow> rows = tenant.liveBlocks(range == null ? null : range[0], range == null ? null : range[1])
                    .flatMapMany(Flux::fromIterable)
                    .flatMapSequential(meta -> Mono.defer(() -> tenant.block(meta).check())
                            .map(checked -> new BlockRow(meta, checked, null))
                            .onErrorResume(BlockRow::unreadable, e -> Mono.just(new BlockRow(meta, null, e))),
                            TempoTenant.DEFAULT_LOOKUP_CONCURRENCY)
                    .collectList().block();
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            out.println("BLOCK\tFORMAT\tSTART\tEND\tTRACES\tBYTES\tROW_GROUPS\tBLOOM_SHARDS\tMETA");
            int unreadable = 0;
            for (BlockRow row : rows) {
                BlockMeta m = row.meta();
                String start = m.blockId() + "\t" + m.format() + "\t" + m.startTime() + "\t" + m.endTime() + "\t";
                if (row.error() != null) {
                    unreadable++;
                    out.println(start + "-\t-\t-\t" + m.bloomShards() + "\tunreadable data.parquet");
                    err.println(ErrorReporter.oneLine(row.error(), null));
                    continue;
                }
                CheckedBlock b = row.checked();
                List<String> contradicted = b.contradictions();
                out.println(start + b.traces() + "\t" + b.bytes() + "\t" + b.rowGroups() + "\t" + m.bloomShards() + "\t"
                        + (contradicted.isEmpty() ? "ok" : "contradicted: " + String.join("; ", contradicted)));
            }
            return unreadable > 0 ? ErrorReporter.FILE_ERROR : 0;
        }

        /** A block as listed: its meta checked against its file, or why its file could not be read. */
        private record BlockRow(BlockMeta meta, CheckedBlock checked, Throwable error) {
            /** A failure of this block's file alone, which leaves the others to list. */
            static boolean unreadable(Throwable e) {
                return e instanceof ParquetException || e instanceof TempoException || e instanceof UncheckedIOException;
            }
        }
    }

    /** How a found trace is printed. */
    enum TraceFormat { OTLP_JSON, TEMPO_V1, TEMPO_V2 }

    @Command(name = "trace", mixinStandardHelpOptions = true,
            description = "Find a trace by ID in every block of the tenant (bloom shards, statistics, page indexes) and "
                    + "print it; exit code 3 when no block holds it.")
    static final class TraceById extends TenantArguments {
        static final int NOT_FOUND = 3;

        @Parameters(index = "2", paramLabel = "TRACEID", description = "Up to 32 hex digits.")
        String traceId;

        @Option(names = "--format", defaultValue = "otlp-json", converter = TraceFormatConverter.class,
                description = "otlp-json (default), tempo-v1 or tempo-v2 (Tempo's HTTP response bodies).")
        TraceFormat format;

        @Option(names = "--stats", description = "Print blocks searched and bytes read to stderr.")
        boolean stats;

        @Option(names = "--max-trace-bytes", paramLabel = "BYTES", defaultValue = "" + TraceReadOptions.DEFAULT_MAX_TRACE_BYTES,
                description = "The largest trace (OTLP bytes) read; a larger one fails (default ${DEFAULT-VALUE}, 50 MiB).")
        long maxTraceBytes;

        @Override
        Integer run() {
            TraceId id;
            try {
                id = TraceId.parseHex(traceId);
            } catch (TempoException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
            Instant[] range = timeRange();
            TenantLookup lookup = tenant().findTrace(id, range == null ? null : range[0], range == null ? null : range[1],
                    TracePreset.FULL, traceBytes("--max-trace-bytes", maxTraceBytes), TempoTenant.DEFAULT_LOOKUP_CONCURRENCY).block();
            if (stats) {
                spec.commandLine().getErr().printf("blocks searched %d, bloom positive %d, found in %d; data.parquet: %d requests, %d bytes; bloom: %d bytes%n",
                        lookup.blocksSearched(), lookup.blocksBloomPositive(), lookup.blocksFound(), lookup.requests(),
                        lookup.bytesRead(), lookup.bloomBytes());
            }
            if (lookup.trace().isEmpty()) {
                spec.commandLine().getErr().println("pqflux: trace " + id.toHex() + " not found in tenant " + tenant);
                return NOT_FOUND;
            }
            var traces = lookup.trace().get().toTracesData();
            spec.commandLine().getOut().println(switch (format) {
                case OTLP_JSON -> OtlpJson.write(traces);
                case TEMPO_V1 -> TempoJson.tempoV1(traces);
                case TEMPO_V2 -> TempoJson.tempoV2(traces, lookup.bytesRead());
            });
            return 0;
        }
    }

    @Command(name = "cat", mixinStandardHelpOptions = true,
            description = "Print a block's traces in block (trace-ID) order, one per line: an OTLP/JSON TracesData "
                    + "object, or with --preset summary the trace-level columns.")
    static final class Cat extends TenantArguments {
        @Parameters(index = "2", paramLabel = "BLOCKID", description = "The block's UUID.")
        String blockId;

        @Option(names = "--preset", defaultValue = "full",
                description = "full (the default: every column), spans (no attributes) or summary (trace-level columns).")
        TracePreset preset;

        @Option(names = "--format", defaultValue = "otlp-json", description = "otlp-json (the only format).")
        String format;

        @Option(names = "--max-trace-bytes", paramLabel = "BYTES", defaultValue = "" + TraceReadOptions.DEFAULT_MAX_TRACE_BYTES,
                description = "The largest trace (OTLP bytes) read; a larger one fails the read (default ${DEFAULT-VALUE}, 50 MiB).")
        long maxTraceBytes;

        @Mixin
        ProgressOptions progressOptions;

        @Override
        Integer run() {
            if (!format.equals("otlp-json")) throw new ParameterException(spec.commandLine(), "unknown --format " + format + ": otlp-json");
            BlockMeta meta = tenant().blocks().stream().filter(m -> m.blockId().toString().equalsIgnoreCase(blockId))
                    .findFirst().orElseThrow(() -> new ParameterException(spec.commandLine(),
                            "no live block " + blockId + " in tenant " + tenant));
            TempoBlock block = tenant().block(meta);
            // progress by traces printed of the file's count (bytes pro rata of its length), not the meta's claims
            CheckedBlock checked = block.check().block();
            PrintWriter out = spec.commandLine().getOut();
            ProgressBar bar = progressOptions.bar(spec.commandLine().getErr(), Terminal.isTerminal(Terminal.STDOUT));
            try {
                long printed = 0;
                TraceReadOptions read = readOptions(preset).withMaxTraceBytes(traceBytes("--max-trace-bytes", maxTraceBytes));
                for (Trace trace : block.traces(read).toIterable(64)) {
                    out.println(preset == TracePreset.SUMMARY ? summary(trace) : OtlpJson.write(trace.toTracesData()));
                    long done = ++printed;
                    bar.update(() -> progress(checked, done));
                    if (out.checkError()) break; // a reader that went away (| head): stop quietly
                }
            } finally {
                bar.close();
            }
            return 0;
        }

        private static ProgressLine.Counters progress(CheckedBlock block, long traces) {
            long total = block.traces();
            if (total <= 0) return new ProgressLine.Counters(0, traces, Double.NaN, "trace");
            double fraction = Math.min(1, traces / (double) total);
            return new ProgressLine.Counters((long) (block.bytes() * fraction), traces, fraction, "trace");
        }

        private static String summary(Trace trace) {
            StringBuilder json = new StringBuilder("{\"traceId\":\"").append(trace.traceIdHex())
                    .append("\",\"startTimeUnixNano\":\"").append(Long.toUnsignedString(trace.startTimeUnixNano()))
                    .append("\",\"endTimeUnixNano\":\"").append(Long.toUnsignedString(trace.endTimeUnixNano()))
                    .append("\",\"durationNano\":\"").append(Long.toUnsignedString(trace.durationNano()))
                    .append("\",\"rootServiceName\":");
            JsonWriter.appendQuoted(json, trace.rootServiceName());
            json.append(",\"rootSpanName\":");
            JsonWriter.appendQuoted(json, trace.rootSpanName());
            json.append(",\"serviceStats\":{");
            String separator = "";
            for (Map.Entry<String, Trace.ServiceStats> e : trace.serviceStats().entrySet()) {
                json.append(separator);
                JsonWriter.appendQuoted(json, e.getKey());
                json.append(":{\"spanCount\":").append(e.getValue().spanCount())
                        .append(",\"errorCount\":").append(e.getValue().errorCount()).append('}');
                separator = ",";
            }
            return json.append("}}").toString();
        }
    }

    @Command(name = "search", mixinStandardHelpOptions = true,
            description = "Search the tenant's blocks with a TraceQL query and print Tempo's /api/search JSON: the "
                    + "matching traces, most recent first, with their spansets, and what the search read.")
    static final class Search extends TenantArguments {
        @Parameters(index = "2", paramLabel = "QUERY", description = "A TraceQL spanset query, e.g. '{ status = error }'.")
        String query;

        @Option(names = "--limit", defaultValue = "" + SearchRequest.DEFAULT_LIMIT, paramLabel = "N",
                description = "Traces at most (default ${DEFAULT-VALUE}; 0: every matching trace, up to --max-traces).")
        int limit;

        @Option(names = "--spss", defaultValue = "" + SearchRequest.DEFAULT_SPANS_PER_SPAN_SET, paramLabel = "N",
                description = "Spans returned per spanset (default ${DEFAULT-VALUE}).")
        int spansPerSpanSet;

        @Option(names = "--max-traces", defaultValue = "" + QueryLimits.DEFAULT_MAX_TRACES, paramLabel = "N",
                description = "The most traces a search may return: a larger --limit is refused, --limit 0 returns at "
                        + "most this many (default ${DEFAULT-VALUE}).")
        int maxTraces;

        @Option(names = "--max-spss", defaultValue = "" + QueryLimits.DEFAULT_MAX_SPANS_PER_SPAN_SET, paramLabel = "N",
                description = "The largest --spss accepted (default ${DEFAULT-VALUE}).")
        int maxSpansPerSpanSet;

        @Override
        Integer run() {
            if (limit < 0) throw new ParameterException(spec.commandLine(), "--limit " + limit + " is negative");
            if (spansPerSpanSet < 0) throw new ParameterException(spec.commandLine(), "--spss " + spansPerSpanSet + " is negative");
            Instant[] range = timeRange();
            SearchRequest request = SearchRequest.of(query).withLimit(limit).withSpansPerSpanSet(spansPerSpanSet);
            if (range != null) request = request.withTimeRange(range[0], range[1]);
            SearchResponse response;
            try {
                QueryLimits limits = QueryLimits.DEFAULTS.withMaxTraces(limit("--max-traces", maxTraces))
                        .withMaxSpansPerSpanSet(limit("--max-spss", maxSpansPerSpanSet));
                response = TempoQuerier.of(tenant()).withLimits(limits).searchResponse(request).block();
            } catch (TraceQlException | QueryLimitException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
            spec.commandLine().getOut().println(QueryJson.search(response));
            return 0;
        }
    }

    @Command(name = "metrics", mixinStandardHelpOptions = true,
            description = "Run a TraceQL metrics query over the tenant's blocks and print Tempo's "
                    + "/api/metrics/query_range JSON (or /api/metrics/query's with --instant).")
    static final class Metrics extends TenantArguments {
        @Parameters(index = "2", paramLabel = "QUERY", description = "A TraceQL metrics query, e.g. '{ } | rate() by (resource.service.name)'.")
        String query;

        @Option(names = "--step", paramLabel = "STEP", converter = StepConverter.class,
                description = "The step: seconds (15, 0.5) or a Go duration (30s, 1m); default Tempo's for the range (about 240 points).")
        Duration step;

        @Option(names = "--instant", description = "One value per series over the whole range (Tempo's /api/metrics/query).")
        boolean instant;

        @Option(names = "--exemplars", defaultValue = "0", paramLabel = "N",
                description = "Exemplars at most (default ${DEFAULT-VALUE}); range queries only.")
        int exemplars;

        @Option(names = "--max-intervals", defaultValue = "" + QueryLimits.DEFAULT_MAX_INTERVALS, paramLabel = "N",
                description = "The most steps a range query may have: a --step that makes more is refused (default "
                        + "${DEFAULT-VALUE}).")
        int maxIntervals;

        @Override
        Integer run() {
            if (start == null || end == null) throw new ParameterException(spec.commandLine(), "--start and --end are required");
            if (!end.isAfter(start)) throw new ParameterException(spec.commandLine(), "--end " + end + " must be after --start " + start);
            if (exemplars < 0) throw new ParameterException(spec.commandLine(), "--exemplars " + exemplars + " is negative");
            MetricsRequest request = new MetricsRequest(query, start, end, step, instant, exemplars);
            MetricsResponse response;
            try {
                QueryLimits limits = QueryLimits.DEFAULTS.withMaxIntervals(limit("--max-intervals", maxIntervals));
                response = TempoQuerier.of(tenant()).withLimits(limits).queryRange(request).block();
            } catch (TraceQlException | QueryLimitException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
            spec.commandLine().getOut().println(instant ? QueryJson.queryInstant(response) : QueryJson.queryRange(response));
            return 0;
        }
    }

    /** A step as Tempo's HTTP API takes it: seconds or a Go duration. */
    static final class StepConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            try {
                Duration step = TempoDurations.parse(value);
                if (!step.isZero()) return step;
            } catch (IllegalArgumentException notADuration) {
                // said below, in the option's words
            }
            throw new TypeConversionException("not a positive step in seconds (15) or a Go duration (30s, 1m): '" + value + "'");
        }
    }

    static final class TraceFormatConverter extends DashedEnumConverter<TraceFormat> {
        TraceFormatConverter() {
            super(TraceFormat.class);
        }
    }

    /** What {@code tags} and {@code tag-values} share: a filter, a limit, the v1 shape, and one JSON answer. */
    abstract static class TagArguments extends TenantArguments {
        @Option(names = {"--query", "-q"}, paramLabel = "Q",
                description = "A TraceQL filter: only what is on the spans it matches (Tempo ignores one it cannot use).")
        String query;

        @Option(names = "--limit", defaultValue = "0", paramLabel = "N",
                description = "At most this many (tags: per scope; 0, the default: all).")
        int limit;

        @Option(names = "--v1", description = "Tempo's v1 shape (/api/search/tags, /api/search/tag/{tag}/values).")
        boolean v1;

        /** Prints the answer; a bad argument, tag or scope is a usage error (exit 2). */
        final Integer print(Supplier<String> answer) {
            if (limit < 0) throw new ParameterException(spec.commandLine(), "--limit " + limit + " is negative");
            String json;
            try {
                json = answer.get();
            } catch (TraceQlException | IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
            spec.commandLine().getOut().println(json);
            return 0;
        }
    }

    @Command(name = "tags", mixinStandardHelpOptions = true,
            description = "Print the attribute names of the tenant's blocks per scope, as Tempo's /api/v2/search/tags "
                    + "answers (--v1: /api/search/tags).")
    static final class Tags extends TagArguments {
        @Option(names = "--scope", paramLabel = "SCOPE",
                description = "resource, span, event, link, instrumentation or intrinsic (default: all).")
        String scope;

        @Override
        Integer run() {
            return print(() -> {
                TagsRequest request = new TagsRequest(scope == null ? null : TagsRequest.Scope.parse(scope), query, start, end, limit);
                TagNames names = TempoQuerier.of(tenant()).tagNames(request).block();
                return v1 ? QueryJson.tagsV1(names) : QueryJson.tagsV2(names);
            });
        }
    }

    @Command(name = "tag-values", mixinStandardHelpOptions = true,
            description = "Print the distinct values of a tag in the tenant's blocks, as Tempo's "
                    + "/api/v2/search/tag/{tag}/values answers (--v1: /api/search/tag/{tag}/values).")
    static final class TagValuesCommand extends TagArguments {
        @Parameters(index = "2", paramLabel = "TAG",
                description = "A TraceQL attribute or intrinsic: span.http.method, resource.service.name, .foo, name, status, ….")
        String tag;

        @Option(names = "--max-values", defaultValue = "" + QueryLimits.DEFAULT_MAX_TAG_VALUES, paramLabel = "N",
                description = "The most values returned: a larger --limit is refused, --limit 0 returns at most this "
                        + "many (default ${DEFAULT-VALUE}).")
        int maxValues;

        @Override
        Integer run() {
            return print(() -> {
                QueryLimits limits = QueryLimits.DEFAULTS.withMaxTagValues(limit("--max-values", maxValues));
                TagValues values = TempoQuerier.of(tenant()).withLimits(limits)
                        .tagValues(new TagValuesRequest(tag, query, start, end, limit)).block();
                return v1 ? QueryJson.tagValuesV1(values) : QueryJson.tagValuesV2(values);
            });
        }
    }
}
