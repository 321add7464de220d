package io.pqflux.examples;

import io.pqflux.otlp.OtlpJson;
import io.pqflux.tempo.BlockMeta;
import io.pqflux.tempo.TempoTenant;
import io.pqflux.tempo.TenantLookup;
import io.pqflux.tempo.Trace;
import io.pqflux.tempo.TraceId;
import io.pqflux.tempo.TracePreset;
import io.pqflux.tempo.TraceReadOptions;
import java.nio.file.Path;
import java.util.UUID;

/**
 * Grafana Tempo traces as OTLP/JSON lines, from a backend root on local disk ({@code <root>/<tenant>/<block id>/}):
 * every trace of a block, {@code TempoTraces <root> <tenant> block <block id>}, or one trace found by its ID in
 * any of the tenant's blocks, {@code TempoTraces <root> <tenant> trace <trace id in hex>}.
 */
public final class TempoTraces {

    public static void main(String[] args) {
        TempoTenant tenant = TempoTenant.local(Path.of(args[0]), args[1]);
        switch (args[2]) {
            case "block" -> printBlock(tenant, UUID.fromString(args[3]));
            case "trace" -> printTrace(tenant, TraceId.parseHex(args[3]));
            default -> throw new IllegalArgumentException("block or trace, not " + args[2]);
        }
    }

    private static void printBlock(TempoTenant tenant, UUID blockId) {
        // The tenant lists its live blocks (from index.json.gz, else the block directories); blocking.
        BlockMeta meta = tenant.blocks().stream()
                .filter(m -> m.blockId().equals(blockId))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no live block " + blockId));
        // Traces come in trace-ID order, assembled on Reactor's schedulers; toIterable asks for 16 at a time.
        for (Trace trace : tenant.block(meta).traces(TraceReadOptions.defaults()).toIterable(16)) {
            System.out.println(OtlpJson.write(trace.toTracesData()));
        }
    }

    private static void printTrace(TempoTenant tenant, TraceId id) {
        // null start and end: search every block; bloom filters rule most blocks out without reading data.
        TenantLookup lookup = tenant.findTrace(id, null, null, TracePreset.FULL,
                TraceReadOptions.DEFAULT_MAX_TRACE_BYTES, TempoTenant.DEFAULT_LOOKUP_CONCURRENCY).block();
        Trace trace = lookup.trace().orElseThrow(() -> new IllegalArgumentException("no trace " + id.toHex()));
        System.out.println(OtlpJson.write(trace.toTracesData()));
    }
}
