package io.pqflux.reader;

import static org.assertj.core.api.Assertions.assertThat;

import io.pqflux.filter.Predicate;
import io.pqflux.format.meta.ColumnChunk;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bytes read count each byte of a column chunk once. A filter the statistics cannot decide makes the pruner
 * fetch the dictionary page; when the dictionary cannot rule the row group out either, the whole chunk is
 * fetched with that dictionary page again, which is still one chunk's worth of bytes.
 */
class ReadMetricsBytesTest {

    private static final MessageType SCHEMA = MessageTypeParser.parseMessageType(
            "message m { required binary name (STRING); required int64 id; }");

    @TempDir
    Path directory;

    @Test
    void aDictionaryReadForPruningIsNotCountedTwice() throws IOException {
        Path file = write();
        ReadMetrics unfiltered;
        try (ParquetReader reader = ParquetReader.open(file, ReadOptions.defaults())) {
            readAll(reader);
            unfiltered = reader.metrics();
        }
        // "a" lies between the statistics' min "a" and max "c", and is in the dictionary: the row group is read
        try (ParquetReader reader = ParquetReader.open(file, ReadOptions.defaults().withFilter(Predicate.eq("name", "a")))) {
            readAll(reader);
            ReadMetrics filtered = reader.metrics();
            ColumnChunk name = reader.metaData().rowGroups().getFirst().columns().getFirst();
            assertThat(name.metaData().dictionaryPageOffset()).as("dictionary page").isNotNull();
            long pageIndexBytes = (long) name.columnIndexLength() + name.offsetIndexLength();
            assertThat(filtered.rowGroupsSkipped()).isZero();
            assertThat(filtered.rowsMatched()).isEqualTo(500);
            assertThat(unfiltered.bytesSkipped()).isZero();
            assertThat(filtered.bytesRead()).isEqualTo(unfiltered.bytesRead() + pageIndexBytes);
            assertThat(filtered.bytesSkipped()).isZero();
        }
    }

    private Path write() throws IOException {
        Path path = directory.resolve("dictionary.parquet");
        SimpleGroupFactory groups = new SimpleGroupFactory(SCHEMA);
        try (ParquetWriter<Group> writer = ParquetJavaWriters.builder(path, SCHEMA)
                .withDictionaryEncoding(true)
                .build()) {
            for (int i = 0; i < 1000; i++) writer.write(groups.newGroup().append("name", i % 2 == 0 ? "a" : "c").append("id", (long) i));
        }
        return path;
    }

    private static void readAll(ParquetReader reader) {
        try (RowCursor rows = reader.rows()) {
            while (rows.next()) rows.getObject(0);
        }
    }
}
