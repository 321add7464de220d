package io.pqflux.tempo.query;

import io.pqflux.tempo.TracePreset;
import io.pqflux.tempo.TraceId;
import io.pqflux.tempo.TempoTenant;
import io.pqflux.tempo.TenantLookup;

import static org.assertj.core.api.Assertions.assertThat;

import io.pqflux.testdata.Corpus;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Twice as many requests at once as the bounded-elastic scheduler has threads: every one must finish. A request that
 * waits on a bounded-elastic thread for work queued on the same scheduler (a listing for its block metas, a lookup for
 * its bloom shard) deadlocks once every worker is taken, as a single search did on a one-core machine.
 */
class ManyRequestsAtOnceTest {

    private static final int AT_ONCE = 2 * Schedulers.DEFAULT_BOUNDED_ELASTIC_SIZE;
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final TempoTenant TENANT = TempoTenant.local(Corpus.tempoBlock().getParent().getParent(), "single-tenant");

    private static SearchResponse alone;

    @BeforeAll
    static void searchAlone() {
        alone = TempoQuerier.of(TENANT).searchResponse(SearchRequest.of("{ }").withLimit(0)).block(PATIENCE);
        assertThat(alone.traces()).isNotEmpty();
    }

    @Test
    void searches() {
        List<SearchResponse> responses = atOnce(() -> TempoQuerier.of(TENANT).searchResponse(SearchRequest.of("{ }").withLimit(0)));
        assertThat(responses).hasSize(AT_ONCE)
                .allSatisfy(response -> assertThat(response.traces()).hasSameSizeAs(alone.traces()));
    }

    @Test
    void lookups() {
        TraceId id = TraceId.parseHex(alone.traces().getFirst().traceId());
        List<TenantLookup> lookups = atOnce(() -> TENANT.findTrace(id, null, null, TracePreset.FULL, Long.MAX_VALUE,
                TempoTenant.DEFAULT_LOOKUP_CONCURRENCY));
        assertThat(lookups).hasSize(AT_ONCE).allSatisfy(lookup -> assertThat(lookup.trace()).isPresent());
    }

    @Test
    void tagNames() {
        List<TagNames> names = atOnce(() -> TempoQuerier.of(TENANT).tagNames(TagsRequest.all()));
        assertThat(names).hasSize(AT_ONCE).allSatisfy(found -> assertThat(found.scopes()).isNotEmpty().isEqualTo(names.getFirst().scopes()));
    }

    private static <T> List<T> atOnce(Supplier<Mono<T>> request) {
        return Flux.range(0, AT_ONCE).flatMap(i -> request.get(), AT_ONCE).collectList().block(PATIENCE);
    }
}
