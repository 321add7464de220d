package io.pqflux.bench.server;

import io.pqflux.bench.tempo.SearchAnswer;
import io.pqflux.tempo.TempoBlock;
import io.pqflux.testdata.Corpus;
import java.nio.file.Path;

/** Tempo's own vParquet4 test block as the only block of a tenant: small enough for the load's tests. */
final class BundledTenant {

    static final String NAME = "single-tenant";
    /** Matches every one of the block's 134 traces, in a structural query. */
    static final String SEARCH = "{ span.http.method = \"GET\" } >> { }";
    static final String RANGE_QUERY = "{ } | rate() by (resource.service.name)";

    private BundledTenant() {
    }

    static Path root() {
        return Corpus.root().resolve("tempo");
    }

    static SearchAnswer naive(String query) {
        return SearchAnswer.naive(TempoBlock.open(Corpus.tempoBlock()), query);
    }
}
