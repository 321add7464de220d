package io.pqflux.reader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pqflux.error.CorruptFileException;
import io.pqflux.filter.Predicate;
import io.pqflux.io.BytesInputFile;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.format.ColumnChunk;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.Util;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A row group whose num_rows disagrees with the records of a nested column chunk. Reading only some rows
 * slices the column before record assembly could notice: a count one short silently dropped the last record,
 * one too many failed with an untyped IllegalArgumentException. The nested column has no page index here, so
 * it is read whole and then sliced; {@code id} keeps its page index, so a filter on it selects pages.
 */
class NestedRecordCountTest {

    private static final int ROWS = 400;
    private static final MessageType SCHEMA = MessageTypeParser.parseMessageType(
            "message m { required int64 id; repeated int32 xs; }");

    @TempDir
    Path directory;

    @ParameterizedTest(name = "num_rows {0}")
    @ValueSource(longs = {ROWS - 1, ROWS + 1})
    void aRecordCountOtherThanNumRowsIsCorrupt(long declaredRows) throws IOException {
        BytesInputFile file = new BytesInputFile("miscounted.parquet", withNumRows(write(), declaredRows));
        String counts = ROWS + " records but the row group has " + declaredRows + " rows";
        ReadOptions nestedOnly = ReadOptions.defaults().withColumns(List.of("xs"));
        assertThatThrownBy(() -> readAll(file, nestedOnly.withFirstRow(1)))
                .isExactlyInstanceOf(CorruptFileException.class)
                .hasMessageContaining("miscounted.parquet").hasMessageContaining(counts);
        assertThatThrownBy(() -> readAll(file, nestedOnly.withFilter(Predicate.gtEq("id", 150L))))
                .isExactlyInstanceOf(CorruptFileException.class)
                .hasMessageContaining("miscounted.parquet").hasMessageContaining(counts);
    }

    private byte[] write() throws IOException {
        Path path = directory.resolve("nested.parquet");
        SimpleGroupFactory groups = new SimpleGroupFactory(SCHEMA);
        try (ParquetWriter<Group> writer = ParquetJavaWriters.builder(path, SCHEMA)
                .withPageRowCountLimit(100)
                .build()) {
            for (int i = 0; i < ROWS; i++) {
                Group row = groups.newGroup().append("id", (long) i);
                for (int k = 0; k < i % 3; k++) row.append("xs", i + k);
                writer.write(row);
            }
        }
        return Files.readAllBytes(path);
    }

    /**
     * The file with its footer rewritten: the row group declares {@code numRows}, and {@code xs} loses its page
     * index references. The indexes lie before the footer, so every other offset stays valid.
     */
    private static byte[] withNumRows(byte[] file, long numRows) throws IOException {
        int footerLength = ByteBuffer.wrap(file, file.length - 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        int footerStart = file.length - 8 - footerLength;
        FileMetaData footer = Util.readFileMetaData(new ByteArrayInputStream(file, footerStart, footerLength));
        assertThat(footer.getRow_groups()).hasSize(1);
        assertThat(footer.getRow_groups().getFirst().getNum_rows()).isEqualTo(ROWS);
        footer.getRow_groups().getFirst().setNum_rows(numRows);
        ColumnChunk xs = footer.getRow_groups().getFirst().getColumns().get(1);
        assertThat(xs.getMeta_data().getPath_in_schema()).containsExactly("xs");
        xs.unsetColumn_index_offset();
        xs.unsetColumn_index_length();
        xs.unsetOffset_index_offset();
        xs.unsetOffset_index_length();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(Arrays.copyOf(file, footerStart));
        Util.writeFileMetaData(footer, out);
        int newLength = out.size() - footerStart;
        out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(newLength).array());
        out.writeBytes("PAR1".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private static void readAll(BytesInputFile file, ReadOptions options) {
        try (ParquetReader reader = ParquetReader.open(file, options); RowCursor rows = reader.rows()) {
            while (rows.next()) rows.getObject(0);
        }
    }
}
