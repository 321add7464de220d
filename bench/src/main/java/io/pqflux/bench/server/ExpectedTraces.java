package io.pqflux.bench.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.pqflux.bench.tempo.TraceChecksum;
import io.pqflux.tempo.BlockMeta;
import io.pqflux.tempo.DedicatedColumn;
import io.pqflux.tempo.TempoJson;
import io.pqflux.tempo.TempoTenant;
import io.pqflux.tempo.TenantLookup;
import io.pqflux.tempo.Trace;
import io.pqflux.tempo.TraceId;
import io.pqflux.tempo.TracePreset;
import io.pqflux.tempo.TraceReadOptions;
import io.pqflux.tempo.golden.GoldenTrace;
import io.pqflux.tempo.golden.ParquetJavaGolden;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Traces to ask for by ID, each with the answer it must get. The IDs are taken from the tenant's blocks by parquet-java's
 * oracle ({@link ParquetJavaGolden}), spread over the blocks and over each block's rows; each is looked up once with the
 * library ({@link TempoTenant#findTrace} with the server's arguments), and the library's trace must be the one the
 * oracle read ({@link TraceChecksum#code}: ID, trace-level columns, span count, OTLP size) before its Tempo JSON
 * becomes the expected answer.
 */
public final class ExpectedTraces {

    /** One trace: its ID in hex and the {@code trace} member of Tempo's v2 JSON answer for it. */
    public record ExpectedTrace(String id, JsonNode trace) {

        /** Null when {@code body}, an answer of {@code /api/v2/traces/{id}}, is this whole trace; else what is wrong. */
        public String problem(JsonNode body) {
            if (body.has("status")) {
                return "trace " + id + " answered " + body.path("status").asText() + ": " + body.path("message").asText();
            }
            if (!trace.equals(body.path("trace"))) {
                return "trace " + id + " differs from the library's: " + body.path("trace").path("resourceSpans").size()
                        + " resourceSpans against " + trace.path("resourceSpans").size();
            }
            return null;
        }
    }

    private ExpectedTraces() {
    }

    /** The library's v2 JSON answer to a lookup, as the server would send it. */
    public static String v2Json(TenantLookup lookup) {
        return TempoJson.tempoV2(lookup.trace().orElseThrow().toTracesData(), lookup.bytesRead());
    }

    /** The server's lookup of {@code id} ({@code /api/v2/traces} without a time range), through the library. */
    public static TenantLookup lookUp(TempoTenant tenant, String id) {
        return tenant.findTrace(TraceId.parseHex(id), null, null, TracePreset.FULL, TraceReadOptions.DEFAULT_MAX_TRACE_BYTES,
                TempoTenant.DEFAULT_LOOKUP_CONCURRENCY).block();
    }

    /**
     * {@code count} traces of {@code tenant} (the tenant {@code tenantName} under the backend root {@code root}): one or
     * more from each of up to {@code count} blocks spread over the tenant, at rows spread over each block.
     *
     * @throws IllegalStateException when the library's trace is not the oracle's
     */
    public static List<ExpectedTrace> sample(Path root, String tenantName, TempoTenant tenant, int count) {
        List<Path> blocks = blockDirectories(root.resolve(tenantName));
        int used = Math.min(count, blocks.size());
        int perBlock = (count + used - 1) / used;
        List<ExpectedTrace> expected = new ArrayList<>();
        for (int b = 0; b < used && expected.size() < count; b++) {
            for (GoldenTrace golden : oracleTraces(blocks.get(b * blocks.size() / used), perBlock)) {
                if (expected.size() == count) break;
                expected.add(checked(tenant, golden));
            }
        }
        return expected;
    }

    private static ExpectedTrace checked(TempoTenant tenant, GoldenTrace golden) {
        String id = TraceId.of(golden.traceId()).toHex();
        TenantLookup lookup = lookUp(tenant, id);
        Trace trace = lookup.trace().orElseThrow(() -> new IllegalStateException(
                "the library did not find trace " + id + ", which parquet-java read in the tenant's blocks"));
        if (TraceChecksum.code(trace) != TraceChecksum.code(golden)) {
            throw new IllegalStateException("the library read trace " + id + " differently from parquet-java");
        }
        return new ExpectedTrace(id, AnswerJson.parse(v2Json(lookup)).path("trace"));
    }

    /** {@code wanted} traces of the block, as parquet-java reads them, at rows spread evenly over it. */
    private static List<GoldenTrace> oracleTraces(Path block, int wanted) {
        BlockMeta meta = meta(block);
        long rows = meta.totalObjects();
        int taking = (int) Math.min(wanted, rows);
        List<GoldenTrace> taken = new ArrayList<>();
        long[] row = {0};
        ParquetJavaGolden.forEach(block.resolve("data.parquet"), meta.dedicatedSlots(DedicatedColumn.Scope.RESOURCE),
                meta.dedicatedSlots(DedicatedColumn.Scope.SPAN), trace -> {
                    if (taken.size() < taking && row[0] == taken.size() * rows / taking) taken.add(trace);
                    row[0]++;
                });
        if (taken.size() != taking) throw new IllegalStateException(block + ": took " + taken.size() + " of " + taking + " traces");
        return taken;
    }

    private static List<Path> blockDirectories(Path tenant) {
        try (Stream<Path> entries = Files.list(tenant)) {
            List<Path> blocks = entries.filter(dir -> Files.isRegularFile(dir.resolve("meta.json"))).sorted().toList();
            if (blocks.isEmpty()) throw new IllegalStateException("no blocks under " + tenant);
            return blocks;
        } catch (IOException e) {
            throw new UncheckedIOException("listing " + tenant, e);
        }
    }

    private static BlockMeta meta(Path block) {
        Path file = block.resolve("meta.json");
        try {
            return BlockMeta.parse(Files.readAllBytes(file), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + file, e);
        }
    }
}
