package io.pqflux.tempo.server;

import io.pqflux.tempo.TraceReadOptions;
import io.pqflux.tempo.query.QueryLimits;
import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link TempoServer} listens and what it allows a request: every limit has a default safe for a server open to
 * a team; a batch user raises them.
 *
 * @param listen               the address to bind ({@code 127.0.0.1}: this machine only; {@code 0.0.0.0}: every
 *                             interface)
 * @param port                 0 for any free port
 * @param blockRefresh         how often each tenant's block list is listed again (Tempo's {@code blocklist_poll})
 * @param limits               the query limits (intervals, traces, spans per spanset, tag values)
 * @param maxConcurrentQueries queries answered at once; one more is refused with 429
 * @param maxTraceBytes        the largest trace (OTLP bytes) answered whole: v1 answers a larger one 422, v2 its
 *                             first spans up to this size with status {@code PARTIAL}
 * @param partialTraceReadBytes the most a v2 trace-by-ID request reads to answer a partial trace; a trace larger
 *                             still is a 422 on v2 as well
 * @param queryTimeout         a query running longer is cancelled (its reads stopped) and answered 504
 * @param idleTimeout          a connection that waits this long for a request, or for the rest of one whose line
 *                             and headers have not all arrived, is closed
 * @param requestTimeout       a request whose body takes longer to arrive is dropped
 * @param maxHeaderBytes       the largest request line and header block (a larger one is refused by the HTTP codec)
 * @param defaultTenant        the tenant of a request without {@code X-Scope-OrgID} (Tempo's {@code single-tenant})
 * @param maxTenants           tenants whose block lists and caches are kept at once (least recently used dropped)
 */
public record TempoServerOptions(String listen, int port, Duration blockRefresh, QueryLimits limits,
                                 int maxConcurrentQueries, long maxTraceBytes, long partialTraceReadBytes,
                                 Duration queryTimeout, Duration idleTimeout, Duration requestTimeout,
                                 int maxHeaderBytes, String defaultTenant, int maxTenants) {

    /** Tempo's HTTP port. */
    public static final int DEFAULT_PORT = 3200;
    public static final String DEFAULT_TENANT = "single-tenant";
    public static final int DEFAULT_MAX_HEADER_BYTES = 16 << 10;
    public static final int DEFAULT_MAX_TENANTS = 1000;

    public TempoServerOptions {
        Objects.requireNonNull(listen, "listen");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(defaultTenant, "defaultTenant");
        if (port < 0 || port > 65535) throw new IllegalArgumentException("port " + port + " is not 0 to 65535");
        positive("block refresh", blockRefresh);
        positive("query timeout", queryTimeout);
        positive("idle timeout", idleTimeout);
        positive("request timeout", requestTimeout);
        if (maxConcurrentQueries < 1) throw new IllegalArgumentException("max concurrent queries " + maxConcurrentQueries + " must be at least 1");
        if (maxTraceBytes < 1) throw new IllegalArgumentException("max trace bytes " + maxTraceBytes + " must be at least 1");
        if (partialTraceReadBytes < maxTraceBytes) {
            throw new IllegalArgumentException("partial trace read bytes " + partialTraceReadBytes
                    + " must be at least the max trace bytes " + maxTraceBytes);
        }
        if (maxHeaderBytes < 1024) throw new IllegalArgumentException("max header bytes " + maxHeaderBytes + " must be at least 1024");
        if (maxTenants < 1) throw new IllegalArgumentException("max tenants " + maxTenants + " must be at least 1");
    }

    private static void positive(String what, Duration value) {
        Objects.requireNonNull(value, what);
        if (value.isNegative() || value.isZero()) throw new IllegalArgumentException(what + " " + value + " must be positive");
    }

    /**
     * Loopback on port 3200; block lists refreshed every 30 s; {@link QueryLimits#DEFAULTS}; two queries per core at
     * once; traces up to 50 MiB whole and 200 MiB read for a partial answer; 2 minutes per query; connections idle
     * for 2 minutes closed (a request's headers included); 30 s to send a request's body; 16 KiB of headers; at most 1,000 tenants cached.
     */
    public static TempoServerOptions defaults() {
        return new TempoServerOptions("127.0.0.1", DEFAULT_PORT, Duration.ofSeconds(30), QueryLimits.DEFAULTS,
                2 * Runtime.getRuntime().availableProcessors(), TraceReadOptions.DEFAULT_MAX_TRACE_BYTES,
                4 * TraceReadOptions.DEFAULT_MAX_TRACE_BYTES, Duration.ofMinutes(2), Duration.ofMinutes(2),
                Duration.ofSeconds(30), DEFAULT_MAX_HEADER_BYTES, DEFAULT_TENANT, DEFAULT_MAX_TENANTS);
    }

    public TempoServerOptions withListen(String address, int newPort) {
        return new TempoServerOptions(address, newPort, blockRefresh, limits, maxConcurrentQueries, maxTraceBytes,
                partialTraceReadBytes, queryTimeout, idleTimeout, requestTimeout, maxHeaderBytes, defaultTenant, maxTenants);
    }

    public TempoServerOptions withBlockRefresh(Duration interval) {
        return new TempoServerOptions(listen, port, interval, limits, maxConcurrentQueries, maxTraceBytes,
                partialTraceReadBytes, queryTimeout, idleTimeout, requestTimeout, maxHeaderBytes, defaultTenant, maxTenants);
    }

    public TempoServerOptions withLimits(QueryLimits newLimits) {
        return new TempoServerOptions(listen, port, blockRefresh, newLimits, maxConcurrentQueries, maxTraceBytes,
                partialTraceReadBytes, queryTimeout, idleTimeout, requestTimeout, maxHeaderBytes, defaultTenant, maxTenants);
    }

    public TempoServerOptions withMaxConcurrentQueries(int queries) {
        return new TempoServerOptions(listen, port, blockRefresh, limits, queries, maxTraceBytes,
                partialTraceReadBytes, queryTimeout, idleTimeout, requestTimeout, maxHeaderBytes, defaultTenant, maxTenants);
    }

    /** Traces up to {@code whole} bytes answered whole, partial answers reading up to {@code partialRead}. */
    public TempoServerOptions withTraceBytes(long whole, long partialRead) {
        return new TempoServerOptions(listen, port, blockRefresh, limits, maxConcurrentQueries, whole, partialRead,
                queryTimeout, idleTimeout, requestTimeout, maxHeaderBytes, defaultTenant, maxTenants);
    }

    public TempoServerOptions withQueryTimeout(Duration timeout) {
        return new TempoServerOptions(listen, port, blockRefresh, limits, maxConcurrentQueries, maxTraceBytes,
                partialTraceReadBytes, timeout, idleTimeout, requestTimeout, maxHeaderBytes, defaultTenant, maxTenants);
    }

    public TempoServerOptions withIdleTimeout(Duration timeout) {
        return new TempoServerOptions(listen, port, blockRefresh, limits, maxConcurrentQueries, maxTraceBytes,
                partialTraceReadBytes, queryTimeout, timeout, requestTimeout, maxHeaderBytes, defaultTenant, maxTenants);
    }

    public TempoServerOptions withDefaultTenant(String tenant) {
        return new TempoServerOptions(listen, port, blockRefresh, limits, maxConcurrentQueries, maxTraceBytes,
                partialTraceReadBytes, queryTimeout, idleTimeout, requestTimeout, maxHeaderBytes, tenant, maxTenants);
    }

    public TempoServerOptions withRequestTimeout(Duration timeout) {
        return new TempoServerOptions(listen, port, blockRefresh, limits, maxConcurrentQueries, maxTraceBytes,
                partialTraceReadBytes, queryTimeout, idleTimeout, timeout, maxHeaderBytes, defaultTenant, maxTenants);
    }

    /** The largest request line and header block; a larger request is refused before any query runs. */
    public TempoServerOptions withMaxHeaderBytes(int bytes) {
        return new TempoServerOptions(listen, port, blockRefresh, limits, maxConcurrentQueries, maxTraceBytes,
                partialTraceReadBytes, queryTimeout, idleTimeout, requestTimeout, bytes, defaultTenant, maxTenants);
    }

    /** Tenants whose block lists and caches are kept at once; the least recently asked is dropped first. */
    public TempoServerOptions withMaxTenants(int tenants) {
        return new TempoServerOptions(listen, port, blockRefresh, limits, maxConcurrentQueries, maxTraceBytes,
                partialTraceReadBytes, queryTimeout, idleTimeout, requestTimeout, maxHeaderBytes, defaultTenant, tenants);
    }
}
