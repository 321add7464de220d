package io.pqflux.tempo.query.oracle;

import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import io.pqflux.tempo.query.TempoQuerier;

import static org.assertj.core.api.Assertions.assertThat;

import io.pqflux.tempo.query.SearchPaths;
import io.pqflux.tempo.query.SearchRequest;
import io.pqflux.tempo.query.SearchResponse;
import io.pqflux.tempo.TempoBlock;
import io.pqflux.tempo.TempoTenant;
import io.pqflux.traceql.TraceQlException;
import io.pqflux.tempo.generator.TempoBlockWriter;
import io.pqflux.traceql.internal.Query;
import io.pqflux.traceql.testing.RandomQueries;
import io.pqflux.traceql.internal.TraceQlPrinter;
import io.pqflux.testdata.TestScale;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A block search prunes row groups and pages with what a query needs (SearchPruning) and reads only the attribute
 * columns it names: on a generated block of many small row groups and pages, where pruning skips often, every search
 * through the block answers as the engine does on every trace read whole, and queries that match nothing read a
 * fraction of what an unprunable query over the same columns reads.
 */
@DisabledIfSystemProperty(named = TestScale.POOL_DEBUG_PROPERTY, matches = "true",
        disabledReason = "an oracle comparison; the release paths it takes are the other tests' too")
class PrunedSearchTest {

    private static final long SEED = 31;
    private static final int RANDOM_QUERIES = TestScale.cases(200);

    @TempDir
    static Path root;
    private static EngineAgreementTest.Block block;
    private static TempoTenant tenant;

    @BeforeAll
    static void writeBlock() {
        TempoBlockWriter.WrittenBlock written = TempoBlockWriter.generate(root, TempoBlockWriter.Settings.defaults(SEED)
                .withRowGroupSizeBytes(32 << 10).withPageSizeBytes(4 << 10), SEED, 300);
        assertThat(written.rowGroupCount()).as("row groups").isGreaterThan(8);
        block = EngineAgreementTest.block("small-row-groups", TempoBlock.open(written.directory()));
        tenant = TempoTenant.local(root, "generated");
    }

    @Test
    void randomQueriesOverTheDatasNamesAnswerAsOnWholeTraces() {
        RandomQueries random = new RandomQueries(SEED, EngineAgreementTest.GENERATED_NAMES,
                EngineAgreementTest.GENERATED_STRINGS, EngineAgreementTest.GENERATED_REGEXES);
        List<String> disagreements = new ArrayList<>();
        int compared = 0;
        int nonEmpty = 0;
        int prunedSome = 0;
        long unpruned = bytesRead("{ name != \"\" || name = \"\" }");
        for (int i = 0; i < 20 * RANDOM_QUERIES && compared < RANDOM_QUERIES; i++) {
            Query q = random.query();
            if (q.metrics() != null) continue;
            String query = TraceQlPrinter.print(q);
            EngineAgreementTest.Answer inMemory;
            try {
                inMemory = EngineAgreementTest.engineInMemory(block, query);
            } catch (TraceQlException e) {
                continue;
            }
            // a run-time error comes from a trace that is read: pruning may skip it, as Tempo's fetch layer may
            if (inMemory.equals(EngineAgreementTest.Answer.FAILED)) continue;
            compared++;
            // the pruning is the reader's, the same on both ways a block is searched: each takes every other query
            EngineAgreementTest.Answer viaBlock = EngineAgreementTest.engineViaBlock(
                    compared % 2 == 0 ? TempoQuerier.of(block.block()) : SearchPaths.pipelined(block.block()), query);
            if (!viaBlock.equals(inMemory)) {
                disagreements.add(query + "\n--- through the block:\n" + viaBlock.canonical() + "\n--- on whole traces:\n"
                        + inMemory.canonical());
            }
            if (!inMemory.canonical().isEmpty()) nonEmpty++;
            if (bytesRead(query) < unpruned / 2) prunedSome++;
        }
        assertThat(disagreements).as("%d of %d queries disagree", disagreements.size(), compared).isEmpty();
        assertThat(compared).isEqualTo(RANDOM_QUERIES);
        assertThat(nonEmpty).as("queries with results").isGreaterThan(compared / 5);
        assertThat(prunedSome).as("queries reading less than half").isGreaterThanOrEqualTo(RANDOM_QUERIES / 20);
    }

    @Test
    void queriesMatchingNothingReadAFractionOfTheBlock() {
        long spansUnpruned = bytesRead("{ name != \"does-not-exist\" }");
        for (String query : List.of("{ name = \"does-not-exist\" }", "{ resource.service.name = \"does-not-exist\" }",
                "{ status = error && duration > 1h }", "{ rootServiceName = \"doesntexist\" && (status = error || span.http.status_code = 500) }")) {
            assertThat(EngineAgreementTest.engineInMemory(block, query).canonical()).as(query).isEmpty();
            assertThat(bytesRead(query)).as(query).isLessThan(spansUnpruned / 5);
        }
        // span.region = "nowhere" needs two dictionaries read (the dedicated column's and the generic keys'), neither
        // deciding alone; an attribute the block also stores in the generic list (http.status_code as a string here)
        // cannot be pruned by value at all, as Tempo cannot either
        long attributesUnpruned = bytesRead("{ span.bloom != nil || name != \"x\" }");
        for (String query : List.of("{ span.bloom = \"does-not-exit\" }", "{ .bloom = \"does-not-exit\" }",
                "{ span.instance = \"does-not-exist\" }", "{ resource.host.arch = \"does-not-exist\" }",
                "{ span.region = \"nowhere\" }")) {
            assertThat(EngineAgreementTest.engineInMemory(block, query).canonical()).as(query).isEmpty();
            assertThat(bytesRead(query)).as(query).isLessThan(attributesUnpruned / 5);
        }
    }

    private static long bytesRead(String query) {
        SearchResponse response = TempoQuerier.of(tenant).searchResponse(SearchRequest.of(query).withLimit(0)).block();
        return response.metrics().inspectedBytes();
    }
}
