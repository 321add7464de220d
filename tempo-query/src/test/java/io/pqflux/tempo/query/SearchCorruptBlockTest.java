package io.pqflux.tempo.query;

import io.pqflux.tempo.TempoTenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pqflux.error.CorruptFileException;
import io.pqflux.format.meta.ColumnChunk;
import io.pqflux.reader.ParquetReader;
import io.pqflux.tempo.generator.TempoBlockWriter;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A search over a block whose span IDs are corrupt: the first pass (names only) matches, the second, which reads the
 * span IDs of the returned spans, meets the corrupt page. Searched whole on one thread (a small block) or through the
 * scan pipeline (a large one, its columns decoding at once on the decode workers), the search fails with the file's
 * error, not another, and its reads are closed (the suite's pool debug run checks releases).
 */
class SearchCorruptBlockTest {

    private static final String SPAN_ID = "rs.list.element.ss.list.element.Spans.list.element.SpanID";

    @TempDir
    Path root;

    @ParameterizedTest(name = "pipelined {0}")
    @ValueSource(booleans = {false, true})
    void aCorruptPageOfTheSecondPassFailsTheSearchWithTheFilesError(boolean pipelined) throws IOException {
        TempoBlockWriter.Settings settings = TempoBlockWriter.Settings.defaults(11);
        TempoBlockWriter.WrittenBlock block = TempoBlockWriter.generate(root, settings, 11, 300);
        Path data = block.directory().resolve("data.parquet");
        TempoQuerier tenant = searched(TempoTenant.local(root, settings.tenant()), pipelined);
        SearchRequest request = new SearchRequest("{ name = \"SELECT\" }", null, null, 0, 3);
        assertThat(tenant.searchResponse(request).block().traces()).as("intact block").isNotEmpty();

        long pages = spanIdPages(data);
        try (RandomAccessFile file = new RandomAccessFile(data.toFile(), "rw")) {
            byte[] garbage = new byte[64];
            Arrays.fill(garbage, (byte) 0xff);
            file.seek(pages);
            file.write(garbage);
        }
        TempoQuerier reopened = searched(TempoTenant.local(root, settings.tenant()), pipelined);
        assertThatThrownBy(() -> reopened.searchResponse(request).block())
                .isInstanceOf(CorruptFileException.class)
                .hasMessageContaining(data.toString())
                .hasMessageContaining("column " + SPAN_ID);
    }

    private static TempoQuerier searched(TempoTenant tenant, boolean pipelined) {
        return pipelined ? SearchPaths.pipelined(tenant) : TempoQuerier.of(tenant);
    }

    /** Where the span ID column's first page starts, in row group 0. */
    private static long spanIdPages(Path data) {
        try (ParquetReader reader = ParquetReader.open(data)) {
            for (ColumnChunk chunk : reader.metaData().rowGroups().getFirst().columns()) {
                if (String.join(".", chunk.metaData().pathInSchema()).equals(SPAN_ID)) return chunk.metaData().dataPageOffset();
            }
        }
        throw new AssertionError("no " + SPAN_ID + " column");
    }
}
