package io.pqflux.cli;

import io.pqflux.tempo.query.QueryLimits;
import io.pqflux.tempo.server.TempoServer;
import io.pqflux.tempo.server.TempoServerOptions;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import reactor.netty.ChannelBindException;

/**
 * {@code pqflux tempo serve ROOT}: Grafana Tempo's query API over the blocks under ROOT until stopped (Ctrl-C), for
 * Grafana's Tempo data source, with a trace viewer at {@code /}.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve Grafana Tempo's query API (trace by ID, search, tags, TraceQL metrics; JSON, protobuf and "
                + "streaming gRPC on one port) over every tenant under ROOT, with a trace viewer at /. Runs until stopped.")
final class TempoServeCommand extends StoreCommand {

    @Parameters(index = "0", paramLabel = "ROOT", description = "The backend root holding tenants: a directory or a store URI (s3://bucket/prefix, az://…).")
    String root;

    @Option(names = "--port", defaultValue = "" + TempoServerOptions.DEFAULT_PORT, paramLabel = "PORT",
            description = "The port (default ${DEFAULT-VALUE}, Tempo's; 0: any free port).")
    int port;

    @Option(names = "--listen", defaultValue = "127.0.0.1", paramLabel = "ADDRESS",
            description = "The address to listen on (default ${DEFAULT-VALUE}: this machine only; 0.0.0.0: every interface).")
    String listen;

    @Option(names = "--block-refresh", defaultValue = "30s", paramLabel = "DURATION", converter = OtapCommand.DurationConverter.class,
            description = "How often each tenant's block list is listed again (default ${DEFAULT-VALUE}).")
    Duration blockRefresh;

    @Option(names = "--max-queries", paramLabel = "N",
            description = "Queries answered at once; one more is refused with 429 (default: two per core).")
    Integer maxQueries;

    @Option(names = "--query-timeout", defaultValue = "2m", paramLabel = "DURATION", converter = OtapCommand.DurationConverter.class,
            description = "A query running longer is stopped and answered 504 (default ${DEFAULT-VALUE}).")
    Duration queryTimeout;

    @Option(names = "--max-trace-bytes", paramLabel = "BYTES",
            description = "The largest trace answered whole (default 50 MiB); v2 answers a larger one's first spans as PARTIAL.")
    Long maxTraceBytes;

    @Option(names = "--default-tenant", defaultValue = TempoServerOptions.DEFAULT_TENANT, paramLabel = "TENANT",
            description = "The tenant of requests without X-Scope-OrgID (default ${DEFAULT-VALUE}).")
    String defaultTenant;

    @Option(names = "--max-header-bytes", defaultValue = "" + TempoServerOptions.DEFAULT_MAX_HEADER_BYTES, paramLabel = "BYTES",
            description = "The largest request line and headers; a larger request is refused (default ${DEFAULT-VALUE}, at least 1024).")
    int maxHeaderBytes;

    @Option(names = "--max-tenants", defaultValue = "" + TempoServerOptions.DEFAULT_MAX_TENANTS, paramLabel = "N",
            description = "Tenants whose block lists and caches are kept; the least recently asked is dropped first (default ${DEFAULT-VALUE}).")
    int maxTenants;

    @Option(names = "--max-intervals", defaultValue = "" + QueryLimits.DEFAULT_MAX_INTERVALS, paramLabel = "N",
            description = "The most steps a metrics query may have (default ${DEFAULT-VALUE}).")
    int maxIntervals;

    @Option(names = "--max-traces", defaultValue = "" + QueryLimits.DEFAULT_MAX_TRACES, paramLabel = "N",
            description = "The largest search limit (default ${DEFAULT-VALUE}).")
    int maxTraces;

    @Option(names = "--max-spss", defaultValue = "" + QueryLimits.DEFAULT_MAX_SPANS_PER_SPAN_SET, paramLabel = "N",
            description = "The largest spans per spanset (default ${DEFAULT-VALUE}).")
    int maxSpansPerSpanSet;

    @Option(names = "--max-values", defaultValue = "" + QueryLimits.DEFAULT_MAX_TAG_VALUES, paramLabel = "N",
            description = "The most tag values an answer holds (default ${DEFAULT-VALUE}).")
    int maxTagValues;

    @Override
    public String file() {
        return root;
    }

    @Override
    Integer run() {
        TempoServerOptions options;
        try {
            options = options();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        TempoServer server;
        try {
            server = TempoServer.start(store(), options);
        } catch (ChannelBindException e) {
            throw new IllegalStateException("cannot listen on " + listen + ":" + port + " (" + describe(e) + ")", e);
        }
        Thread stop = new Thread(server::close, "pqflux-serve-stop");
        Runtime.getRuntime().addShutdownHook(stop);
        spec.commandLine().getErr().println("pqflux: serving Tempo's API for " + root + " at " + server.uri()
                + " (trace viewer at " + server.uri() + "/); Ctrl-C stops");
        spec.commandLine().getErr().flush();
        server.awaitClose();
        return 0;
    }

    private TempoServerOptions options() {
        QueryLimits limits = QueryLimits.DEFAULTS.withMaxIntervals(atLeastOne("--max-intervals", maxIntervals))
                .withMaxTraces(atLeastOne("--max-traces", maxTraces))
                .withMaxSpansPerSpanSet(atLeastOne("--max-spss", maxSpansPerSpanSet))
                .withMaxTagValues(atLeastOne("--max-values", maxTagValues));
        TempoServerOptions options = TempoServerOptions.defaults().withListen(listen, port).withBlockRefresh(blockRefresh)
                .withLimits(limits).withQueryTimeout(queryTimeout).withDefaultTenant(defaultTenant)
                .withMaxHeaderBytes(maxHeaderBytes).withMaxTenants(maxTenants);
        if (maxQueries != null) options = options.withMaxConcurrentQueries(maxQueries);
        if (maxTraceBytes != null) {
            options = options.withTraceBytes(maxTraceBytes, Math.max(options.partialTraceReadBytes(), maxTraceBytes));
        }
        return options;
    }

    private int atLeastOne(String option, int value) {
        if (value < 1) throw new ParameterException(spec.commandLine(), option + " " + value + " must be at least 1");
        return value;
    }

    private static String describe(Throwable e) {
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t.getMessage() != null) return t.getMessage().toLowerCase(java.util.Locale.ROOT);
        }
        return "address in use or not available";
    }
}
