package io.pqflux.tempo;

/** How much of each trace a read assembles; fewer columns mean fewer bytes fetched and decoded. */
public enum TracePreset {
    /** The trace-level columns only (ID, times, root service and span name, service stats); no OTLP content. */
    SUMMARY,
    /**
     * Resources, scopes, spans, events and links without attributes: the structure, names, IDs, times, kinds and
     * statuses. A resource keeps its {@code service.name} (it names the resource); dropped counts are kept.
     */
    SPANS,
    /** Everything Tempo returns for a trace. */
    FULL
}
