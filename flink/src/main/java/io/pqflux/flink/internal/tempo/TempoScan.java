package io.pqflux.flink.internal.tempo;

import io.pqflux.flink.KeySource;
import io.pqflux.storage.ObjectStore;
import io.pqflux.tempo.TempoTenant;
import io.pqflux.tempo.TraceForm;
import io.pqflux.tempo.TraceId;
import io.pqflux.tempo.TracePreset;
import io.pqflux.tempo.TraceReadOptions;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * What a Tempo source reads, as plain values a job can ship: the tenant, an optional time range (blocks by their meta,
 * traces by overlap, as Tempo selects them), an optional trace-ID range (hex, both ends inclusive: rows are sorted by
 * trace ID, so only the row groups and pages that can hold it are read), the preset, the per-trace size limit, the
 * form traces are assembled in, and where the keys of encrypted blocks come from (null: plaintext blocks).
 */
public record TempoScan(String tenant, Instant start, Instant end, String firstTraceId, String lastTraceId, TracePreset preset,
                        long maxTraceBytes, TraceForm form, KeySource keys) implements Serializable {

    public TempoScan {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(preset, "preset");
        Objects.requireNonNull(form, "form");
        if ((start == null) != (end == null)) throw new IllegalArgumentException("a time range needs both ends");
        if ((firstTraceId == null) != (lastTraceId == null)) throw new IllegalArgumentException("a trace-ID range needs both ends");
    }

    /** Every trace of the tenant (the time range selects blocks; none: all). */
    public TempoScan(String tenant, Instant start, Instant end, TracePreset preset, long maxTraceBytes) {
        this(tenant, start, end, null, null, preset, maxTraceBytes, TraceForm.OBJECTS, null);
    }

    /** The scan's tenant in {@code store}, decrypting with keys made now when the scan has a key source. */
    TempoTenant tenantIn(ObjectStore store) {
        TempoTenant opened = TempoTenant.of(store, tenant);
        return keys == null ? opened : opened.withDecryption(keys.keys());
    }

    TraceReadOptions options() {
        TraceReadOptions options = TraceReadOptions.defaults().withPreset(preset).withMaxTraceBytes(maxTraceBytes)
                .withForm(form);
        if (start != null) options = options.withTimeRange(start, end);
        return firstTraceId == null ? options : options.withTraceIdRange(TraceId.parseHex(firstTraceId), TraceId.parseHex(lastTraceId));
    }
}
