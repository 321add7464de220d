package io.pqflux.examples;

import io.pqflux.tempo.BlockMeta;
import io.pqflux.tempo.TempoTenant;
import io.pqflux.tempo.query.MetricsRequest;
import io.pqflux.tempo.query.MetricsResponse;
import io.pqflux.tempo.query.SearchRequest;
import io.pqflux.tempo.query.TagValuesRequest;
import io.pqflux.tempo.query.TempoQuerier;
import io.pqflux.tempo.query.TraceSearchResult;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * TraceQL over a Tempo tenant on local disk, as Tempo's HTTP API answers it:
 * {@code TempoSearch <root> <tenant> search <query>} prints the matching traces,
 * {@code TempoSearch <root> <tenant> metrics <metrics query>} one value per series over the tenant's whole time range,
 * {@code TempoSearch <root> <tenant> values <tag>} the tag's distinct values.
 */
public final class TempoSearch {

    public static void main(String[] args) {
        TempoTenant tenant = TempoTenant.local(Path.of(args[0]), args[1]);
        TempoQuerier querier = TempoQuerier.of(tenant);
        switch (args[2]) {
            case "search" -> {
                // limit 0: every matching trace (up to the querier's limit, 10,000 by default), most recent first
                for (TraceSearchResult trace : querier.searchResponse(SearchRequest.of(args[3]).withLimit(0)).block()
                        .traces()) {
                    int matched = trace.spanSets().stream().mapToInt(TraceSearchResult.SpanSet::matched).sum();
                    System.out.println(trace.traceId() + " " + trace.rootServiceName() + " " + trace.rootTraceName()
                            + ": " + matched + " spans matched");
                }
            }
            case "metrics" -> {
                // an instant query over the time range of the tenant's blocks (a range query takes a step too)
                List<BlockMeta> blocks = tenant.blocks();
                Instant start = blocks.stream().map(BlockMeta::startTime).min(Instant::compareTo).orElseThrow();
                Instant end = blocks.stream().map(BlockMeta::endTime).max(Instant::compareTo).orElseThrow();
                MetricsResponse response = querier.queryRange(MetricsRequest.instant(args[3], start.minusSeconds(1),
                        end.plusSeconds(1))).block();
                for (MetricsResponse.Series series : response.series()) {
                    String labels = series.labels().stream().map(l -> l.getKey() + "=" + l.getValue().getStringValue())
                            .reduce((a, b) -> a + "," + b).orElse("{}");
                    System.out.println(labels + " " + series.samples().getFirst().value());
                }
            }
            case "values" -> querier.tagValues(TagValuesRequest.of(args[3])).block().values()
                    .forEach(value -> System.out.println(value.value()));
            default -> throw new IllegalArgumentException("search, metrics or values, not " + args[2]);
        }
    }
}
