package io.pqflux.reader;

import static org.assertj.core.api.Assertions.assertThat;

import io.pqflux.nested.ListValue;
import io.pqflux.testdata.Corpus;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Tempo's vParquet4 test block (testdata/tempo/PROVENANCE.md): a real, deeply nested file with V2 pages, delta
 * encodings, page CRCs and uncompressed V2 pages, read identically to parquet-java.
 */
class TempoBlockTest {

    private static final Path DATA = Corpus.tempoBlock().resolve("data.parquet");

    @Test
    void readsIdenticallyToParquetJava() throws Exception {
        assertThat(CorpusDifferentialTest.sha256(DATA)).isEqualTo("2c0630b1c0d17381529f031266605fda179ae10fef53578d50a8bc11c4631e9d");
        CorpusDifferentialTest.assertIdenticalToParquetJava(DATA);
    }

    /** The block's documented shape: 134 traces, 537 resource spans, 570 spans; every page CRC matches. */
    @Test
    void holdsTheDocumentedTracesAndSpans() {
        int traces = 0, resourceSpans = 0, spans = 0;
        try (ParquetReader reader = ParquetReader.open(DATA, ReadOptions.defaults().withVerifyCrc(true));
             RowCursor rows = reader.rows()) {
            while (rows.next()) {
                traces++;
                ListValue rs = rows.getList("rs");
                resourceSpans += rs.size();
                for (int r = 0; r < rs.size(); r++) {
                    ListValue ss = rs.getStruct(r).getList("ss");
                    for (int s = 0; s < ss.size(); s++) spans += ss.getStruct(s).getList("Spans").size();
                }
            }
        }
        assertThat(traces).isEqualTo(134);
        assertThat(resourceSpans).isEqualTo(537);
        assertThat(spans).isEqualTo(570);
    }
}
