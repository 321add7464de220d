package io.pqflux.tempo.query.oracle;

import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import io.pqflux.tempo.TempoTenant;
import io.pqflux.tempo.Trace;
import io.pqflux.tempo.generator.TempoBlockWriter;
import io.pqflux.tempo.query.MetricsRequest;
import io.pqflux.tempo.query.MetricsResponse;
import io.pqflux.tempo.query.TempoQuerier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Metrics on a hand-built block whose answers were worked out by hand (not by running the code). Times are seconds
 * after {@code B} = 1,700,000,000 s (a multiple of 10 s); spans, in stored order:
 *
 * <pre>
 * trace a (service cart): a0  5 s, 1 ms, GET   | a1 10 s, 3 ms, GET, error | a2 12 s, 5 ms, GET
 *                         a2b 15 s, 6 ms, GET  | a3 25 s, 100 ms, POST
 * trace b (service shop): b0  0 s, 1 ms, GET   | b1 21 s, 1 s, GET | b2 30 s, 2 ms, POST, error | b3 31 s, 1 ms, GET
 * </pre>
 *
 * A range query from B+10 s to B+30 s with a 10 s step: start and end are whole steps, and one step is put in front,
 * so the steps are (B, B+10], (B+10, B+20], (B+20, B+30], stamped B+10, B+20, B+30 s. a0 counts (the step in front),
 * a1 is in the first step (steps are right-closed), b2 in the last, b0 (at the range's start) and b3 (after its end)
 * nowhere. Steps: {a0, a1}, {a2, a2b}, {a3, b1, b2}.
 */
final class HandBuiltMetricsBlock implements AutoCloseable {

    static final long B = 1_700_000_000_000_000_000L;
    static final long S = 1_000_000_000L;
    static final long MS = 1_000_000L;
    static final long T1 = 1_700_000_010_000L, T2 = 1_700_000_020_000L, T3 = 1_700_000_030_000L;

    private final Path root;
    private final TempoTenant tenant;

    private HandBuiltMetricsBlock(Path root, TempoTenant tenant) {
        this.root = root;
        this.tenant = tenant;
    }

    /** Writes the block into a temporary directory, deleted by {@link #close}. */
    static HandBuiltMetricsBlock write() throws IOException {
        Path root = Files.createTempDirectory("metrics-hand");
        Trace a = TestTraces.trace("a").resource("cart")
                .span("a0", null, "GET", 1, at(5 * S, 1 * MS, null))
                .span("a1", "a0", "GET", 1, at(10 * S, 3 * MS, Status.StatusCode.STATUS_CODE_ERROR))
                .span("a2", "a0", "GET", 1, at(12 * S, 5 * MS, null))
                .span("a2b", "a0", "GET", 1, at(15 * S, 6 * MS, null))
                .span("a3", "a0", "POST", 1, at(25 * S, 100 * MS, null)).build();
        Trace b = TestTraces.trace("b").resource("shop")
                .span("b0", null, "GET", 1, at(0, 1 * MS, null))
                .span("b1", "b0", "GET", 1, at(21 * S, 1000 * MS, null))
                .span("b2", "b0", "POST", 1, at(30 * S, 2 * MS, Status.StatusCode.STATUS_CODE_ERROR))
                .span("b3", "b0", "GET", 1, at(31 * S, 1 * MS, null)).build();
        TempoBlockWriter.WrittenBlock written = TempoBlockWriter.write(root.resolve("data"),
                TempoBlockWriter.Settings.defaults(1), List.of(a.toTracesData(), b.toTracesData()));
        Path dir = written.directory();
        return new HandBuiltMetricsBlock(root, TempoTenant.local(dir.getParent().getParent(),
                dir.getParent().getFileName().toString()));
    }

    private static Consumer<Span.Builder> at(long offset, long duration, Status.StatusCode status) {
        return s -> {
            s.setStartTimeUnixNano(B + offset).setEndTimeUnixNano(B + offset + duration);
            if (status != null) s.setStatus(Status.newBuilder().setCode(status));
        };
    }

    TempoTenant tenant() {
        return tenant;
    }

    /** The range (B+10 s, B+30 s] by 10 s steps, with {@code exemplars} exemplars asked for. */
    MetricsResponse range(String query, int exemplars) {
        return TempoQuerier.of(tenant).queryRange(new MetricsRequest(query, Instant.ofEpochSecond(1_700_000_010L),
                Instant.ofEpochSecond(1_700_000_030L), Duration.ofSeconds(10), false, exemplars)).block();
    }

    MetricsResponse range(String query) {
        return range(query, 0);
    }

    /** The instant (B+10 s, B+30 s]. */
    MetricsResponse instant(String query) {
        return TempoQuerier.of(tenant).queryRange(MetricsRequest.instant(query, Instant.ofEpochSecond(1_700_000_010L),
                Instant.ofEpochSecond(1_700_000_030L))).block();
    }

    /** Series as "labels" → {timestampMs → value}, labels as key=value text. */
    static Map<String, Map<Long, Double>> series(MetricsResponse response) {
        Map<String, Map<Long, Double>> out = new LinkedHashMap<>();
        for (MetricsResponse.Series s : response.series()) {
            StringBuilder labels = new StringBuilder();
            for (KeyValue kv : s.labels()) {
                if (!labels.isEmpty()) labels.append(',');
                labels.append(kv.getKey()).append('=').append(switch (kv.getValue().getValueCase()) {
                    case DOUBLE_VALUE -> Double.toString(kv.getValue().getDoubleValue());
                    case INT_VALUE -> "int " + kv.getValue().getIntValue();
                    default -> kv.getValue().getStringValue();
                });
            }
            Map<Long, Double> samples = new LinkedHashMap<>();
            for (MetricsResponse.Sample sample : s.samples()) samples.put(sample.timestampMs(), sample.value());
            out.put(labels.toString(), samples);
        }
        return out;
    }

    @Override
    public void close() throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
