package io.pqflux.tempo.internal.vparquet4;

import static org.assertj.core.api.Assertions.assertThat;

import io.pqflux.reader.ParquetReader;
import io.pqflux.reader.ReadOptions;
import io.pqflux.reader.RowGroupBatch;
import io.pqflux.tempo.Trace;
import io.pqflux.tempo.TracePreset;
import io.pqflux.testdata.Corpus;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class Vp4TraceMapperTest {

    private static final Path DATA = Corpus.tempoBlock().resolve("data.parquet");
    private static final List<String> RESOURCE_SLOTS = List.of("ip");
    private static final List<String> SPAN_SLOTS = List.of("instance", "version", "region", "sampler.type");

    @Test
    void bundledBlockAssemblesEveryTrace() {
        List<Trace> traces = read(TracePreset.FULL);
        assertThat(traces).hasSize(134);
        assertThat(traces.stream().mapToInt(Trace::spanCount).sum()).isEqualTo(570);
        Trace first = traces.getFirst();
        assertThat(first.traceIdHex()).isEqualTo("000000000000000000474be8b43449fb");
        assertThat(first.rootServiceName()).isEqualTo("frontend");
        assertThat(first.rootSpanName()).isEqualTo("/cart");
    }

    private static List<Trace> read(TracePreset preset) {
        try (ParquetReader reader = ParquetReader.open(DATA)) {
            Vp4TraceMapper mapper = new Vp4TraceMapper(DATA.toString(), reader.schema(), preset, RESOURCE_SLOTS, SPAN_SLOTS, Long.MAX_VALUE);
            try (ParquetReader projected = ParquetReader.open(DATA, ReadOptions.defaults().withColumns(mapper.columns()));
                 RowGroupBatch batch = projected.readRowGroup(0)) {
                return mapper.map(batch);
            }
        }
    }
}
