package io.pqflux.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pqflux.error.SourceLocation;
import io.pqflux.format.meta.FileMetaData;
import io.pqflux.internal.thrift.CompactReader;
import io.pqflux.internal.thrift.FileMetaDataDecoder;
import io.pqflux.testdata.Corpus;
import java.io.ByteArrayInputStream;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import org.apache.parquet.format.ColumnMetaData;
import org.apache.parquet.format.KeyValue;
import org.apache.parquet.format.Util;
import org.junit.jupiter.api.Test;

class FooterBenchmarkTest {

    private static final Path TEMPO = Corpus.tempoBlock().resolve("data.parquet");

    @Test
    void bothModelsOfTheTempoFooterAgree() {
        FooterBenchmark benchmark = new FooterBenchmark();
        benchmark.file = "tempo";
        benchmark.setUp(); // throws when the two models disagree
        try {
            assertThat(benchmark.pqflux()).isEqualTo(benchmark.parquetFormatStructures()).isNotZero();
        } finally {
            benchmark.tearDown();
        }
    }

    @Test
    void theCheckComparesEveryFieldOfTheModel() throws Exception {
        FileMetaData ours = ours();
        org.apache.parquet.format.FileMetaData theirs = theirs();
        long compared = FooterBenchmark.verifySameModel("tempo", theirs, ours);
        // 103 columns: each chunk's metadata holds well over 20 values (sizes, offsets, encodings, stats, path)
        assertThat(compared).isGreaterThan(103L * 20);

        // fields the benchmark's own sums never read, deep in the model
        ColumnMetaData last = theirs.getRow_groups().getLast().getColumns().getLast().getMeta_data();
        last.setTotal_uncompressed_size(last.getTotal_uncompressed_size() + 1);
        assertThatThrownBy(() -> FooterBenchmark.verifySameModel("tempo", theirs, ours))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("in 1 values")
                .hasMessageContaining(".meta_data.total_uncompressed_size: parquet-format-structures=");

        org.apache.parquet.format.FileMetaData other = theirs();
        other.addToKey_value_metadata(new KeyValue("extra").setValue("x"));
        other.getSchema().getLast().setName(other.getSchema().getLast().getName() + "_renamed");
        assertThatThrownBy(() -> FooterBenchmark.verifySameModel("tempo", other, ours))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("FileMetaData.key_value_metadata")
                .hasMessageContaining(".name: parquet-format-structures=");
    }

    private static FileMetaData ours() {
        byte[] bytes = FooterBenchmark.footerBytes(TEMPO);
        return FileMetaDataDecoder.read(new CompactReader(MemorySegment.ofArray(bytes), 0, SourceLocation.ofFile(TEMPO.toString())));
    }

    private static org.apache.parquet.format.FileMetaData theirs() throws Exception {
        return Util.readFileMetaData(new ByteArrayInputStream(FooterBenchmark.footerBytes(TEMPO)));
    }
}
