package io.pqflux.flink.internal.tempo;

import io.pqflux.tempo.TracePreset;
import io.pqflux.tempo.TraceReadOptions;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * What a Tempo source reads, as plain values a job can ship: the tenant, an optional time range (blocks by their meta,
 * traces by overlap, as Tempo selects them), the preset and the per-trace size limit.
 */
public record TempoScan(String tenant, Instant start, Instant end, TracePreset preset, long maxTraceBytes) implements Serializable {

    public TempoScan {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(preset, "preset");
        if ((start == null) != (end == null)) throw new IllegalArgumentException("a time range needs both ends");
    }

    TraceReadOptions options() {
        TraceReadOptions options = TraceReadOptions.defaults().withPreset(preset).withMaxTraceBytes(maxTraceBytes);
        return start == null ? options : options.withTimeRange(start, end);
    }
}
