package io.pqflux.tempo.server.internal.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The server's own metrics, scraped at {@code /metrics} in Prometheus' text format: requests by endpoint and status
 * with their latency, queries in flight and refused, block bytes read.
 */
public final class ServerMetrics {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Counter bytesRead = Counter.builder("pqflux_tempo_block_bytes_read")
            .description("Bytes of block data read to answer queries").register(registry);

    public ServerMetrics() {
        registry.gauge("pqflux_tempo_queries_in_flight", inFlight);
    }

    public void started() {
        inFlight.incrementAndGet();
    }

    /** A request answered (or cancelled: status 499, as proxies log a client that went away). */
    public void finished(String endpoint, int status, Duration took, long blockBytes) {
        inFlight.decrementAndGet();
        Timer.builder("pqflux_tempo_requests").description("Requests answered, by endpoint and status")
                .tag("endpoint", endpoint).tag("status", Integer.toString(status))
                .register(registry).record(took);
        if (blockBytes > 0) bytesRead.increment(blockBytes);
    }

    public int inFlight() {
        return inFlight.get();
    }

    /** The text Prometheus scrapes. */
    public String scrape() {
        return registry.scrape();
    }
}
