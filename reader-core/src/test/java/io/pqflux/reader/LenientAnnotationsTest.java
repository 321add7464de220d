package io.pqflux.reader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pqflux.error.InvalidAnnotationException;
import io.pqflux.io.MappedInputFile;
import io.pqflux.schema.ColumnDescriptor;
import io.pqflux.testdata.ForeignWriterFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file whose annotations do not fit their columns' types (a DECIMAL on a BOOLEAN, a STRING on an INT32): refused by
 * default, naming the file and the first such column, as parquet-java refuses it; read as the physical types with
 * {@link ReadOptions#withLenientAnnotations}, through a footer cache too, which never lends a lenient schema to a
 * strict reader.
 */
class LenientAnnotationsTest {

    @TempDir
    static Path directory;
    private static Path file;

    @BeforeAll
    static void write() {
        file = ForeignWriterFiles.misannotated(directory);
    }

    @Test
    void parquetJavaRefusesTheFileToo() {
        assertThatThrownBy(() -> ParquetJavaOracle.read(file)).hasStackTraceContaining("DECIMAL");
    }

    @Test
    void aStrictReadRefusesTheFileNamingTheColumnAndTheAnnotation() {
        assertThatThrownBy(() -> ParquetReader.open(file))
                .isInstanceOfSatisfying(InvalidAnnotationException.class, e -> {
                    assertThat(e.location().file()).endsWith("misannotated.parquet");
                    assertThat(e.location().column()).isEqualTo("flag");
                    assertThat(e.annotation()).isEqualTo("DECIMAL(9,2)");
                    assertThat(e.physicalType()).isEqualTo("BOOLEAN");
                });
    }

    @Test
    void aLenientReadReadsThePhysicalValues() {
        try (ParquetReader reader = ParquetReader.open(file, ReadOptions.defaults().withLenientAnnotations(true))) {
            assertThat(rows(reader)).containsExactly(
                    Arrays.asList(0, true, 1, "a"), Arrays.asList(1, false, -2, null), Arrays.asList(2, null, null, "c"));
            for (String dropped : List.of("flag", "n")) {
                ColumnDescriptor column = reader.schema().column(dropped).orElseThrow();
                assertThat(column.logicalType()).isNull();
                assertThat(column.convertedType()).isNull();
            }
            assertThat(reader.schema().column("name").orElseThrow().logicalType()).isNotNull();
        }
    }

    @Test
    void aFooterCacheKeepsStrictReadersStrict() {
        FooterCache cache = FooterCache.ofMaxBytes(1 << 20);
        ReadOptions lenient = ReadOptions.defaults().withFooterCache(cache).withLenientAnnotations(true);
        try (ParquetReader reader = ParquetReader.open(file, lenient)) {
            assertThat(reader.schema().column("flag").orElseThrow().logicalType()).isNull();
        }
        assertThat(cache.metrics().footers()).isEqualTo(1);
        assertThatThrownBy(() -> ParquetReader.open(file, ReadOptions.defaults().withFooterCache(cache)))
                .isInstanceOf(InvalidAnnotationException.class);
        try (MappedInputFile input = MappedInputFile.open(file)) {
            assertThatThrownBy(() -> cache.schema(input)).isInstanceOf(InvalidAnnotationException.class)
                    .hasMessageContaining("misannotated.parquet");
        }
        try (ParquetReader reader = ParquetReader.open(file, lenient)) {
            assertThat(rows(reader)).hasSize(3);
        }
    }

    /** A footer is the file's metadata as it is; annotations are its schema's concern. */
    @Test
    void aFooterCacheGivesTheFooterAndRefusesTheStrictSchema() {
        FooterCache cache = FooterCache.ofMaxBytes(1 << 20);
        try (MappedInputFile input = MappedInputFile.open(file)) {
            assertThat(cache.footer(input).metaData().numRows()).isEqualTo(3);
            assertThatThrownBy(() -> cache.schema(input)).isInstanceOf(InvalidAnnotationException.class);
        }
    }

    private static List<List<Object>> rows(ParquetReader reader) {
        List<List<Object>> rows = new ArrayList<>();
        try (RowCursor cursor = reader.rows()) {
            while (cursor.next()) {
                List<Object> row = new ArrayList<>();
                for (int field = 0; field < cursor.size(); field++) row.add(cursor.getObject(field));
                rows.add(row);
            }
        }
        return rows;
    }
}
