package io.pqflux.tempo.generator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opentelemetry.proto.trace.v1.TracesData;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.page.DataPage;
import org.apache.parquet.column.page.DataPageV2;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.column.page.PageReader;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalInputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The writer's Parquet settings and block files, checked through parquet-java against docs/tempo-format.md §3, §10.6
 * and §12.
 */
class TempoBlockWriterTest {

    /**
     * {@code dict} columns whose values repeat enough that parquet-java keeps the dictionary; on columns of nearly
     * unique values (IPs, URLs) it falls back to DELTA_BYTE_ARRAY after the first page, where parquet-go keeps it.
     */
    private static final java.util.Set<String> LOW_CARDINALITY = java.util.Set.of("RootServiceName",
            "rs.list.element.Resource.ServiceName", "rs.list.element.Resource.Attrs.list.element.Key",
            "rs.list.element.ss.list.element.Scope.Name", "rs.list.element.ss.list.element.Spans.list.element.Name",
            "rs.list.element.ss.list.element.Spans.list.element.Attrs.list.element.Key");

    @Test
    void writesTemposCodecsDictionariesAndV2Pages(@TempDir Path root) throws IOException {
        TempoBlockWriter.WrittenBlock block = TempoBlockWriter.generate(root,
                TempoBlockWriter.Settings.defaults(3).withRowGroupSizeBytes(200 << 10), 3, 400);
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(block.directory().resolve("data.parquet")),
                ParquetReadOptions.builder(new PlainParquetConfiguration()).build())) {
            List<BlockMetaData> groups = reader.getFooter().getBlocks();
            assertEquals(block.rowGroupCount(), groups.size());
            assertTrue(groups.size() >= 2);
            for (BlockMetaData group : groups) {
                for (ColumnChunkMetaData chunk : group.getColumns()) {
                    String path = chunk.getPath().toDotString();
                    assertEquals(TempoBlockWriter.uncompressed(path) ? CompressionCodecName.UNCOMPRESSED : CompressionCodecName.SNAPPY,
                            chunk.getCodec(), path);
                    if (LOW_CARDINALITY.contains(path)) {
                        assertTrue(TempoBlockWriter.dictionary(path), path);
                        assertTrue(chunk.getEncodings().contains(Encoding.RLE_DICTIONARY), path + " " + chunk.getEncodings());
                    } else if (!TempoBlockWriter.dictionary(path)) {
                        assertFalse(chunk.hasDictionaryPage(), path);
                    }
                    assertNotNull(chunk.getColumnIndexReference(), path);
                    assertNotNull(chunk.getOffsetIndexReference(), path);
                }
            }
            PageReadStore pages = reader.readNextRowGroup();
            for (ColumnDescriptor column : reader.getFooter().getFileMetaData().getSchema().getColumns()) {
                PageReader columnPages = pages.getPageReader(column);
                for (DataPage page = columnPages.readPage(); page != null; page = columnPages.readPage()) {
                    DataPageV2 v2 = assertInstanceOf(DataPageV2.class, page, String.join(".", column.getPath()));
                    assertTrue(v2.getStatistics().isEmpty(), "page statistics in the header, Tempo writes none");
                }
            }
        }
        JsonNode meta = new ObjectMapper().readTree(block.directory().resolve("meta.json").toFile());
        assertEquals("{\"s\":\"resource\",\"n\":\"ip\"}", meta.get("dedicatedColumns").get(0).toString());
        assertEquals("{\"n\":\"instance\"}", meta.get("dedicatedColumns").get(2).toString());
        assertEquals(block.rowGroupCount(), meta.get("totalRecords").asInt());
        JsonNode index = new ObjectMapper().readTree(block.directory().resolve("index").toFile());
        assertEquals(block.rowGroupCount(), index.get("rowGroups").size());
    }

    @Test
    void refusesUnsortedAndRepeatedTraceIds(@TempDir Path root) {
        SyntheticTraces traces = SyntheticTraces.sorted(9, 3);
        List<TracesData> backwards = List.of(traces.trace(1), traces.trace(0));
        TempoBlockWriter.Settings settings = TempoBlockWriter.Settings.defaults(9);
        assertThrows(IllegalArgumentException.class,
                () -> TempoBlockWriter.writeSorted(root, settings, backwards.iterator(), 2));
        List<TracesData> twice = List.of(traces.trace(2), traces.trace(2));
        assertThrows(IllegalArgumentException.class, () -> TempoBlockWriter.write(root, settings, twice));
    }
}
