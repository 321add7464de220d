package io.pqflux.reactive;

import io.pqflux.testdata.random.RandomParquetFiles;
import io.pqflux.testdata.random.WriterSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.column.ParquetProperties.WriterVersion;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

/** Files for the pipeline tests, written by parquet-java: ids 0..n-1 in order, so any loss, repeat or reordering shows. */
final class ScanFiles {

    static final MessageType SCHEMA = MessageTypeParser.parseMessageType(
            "message m { required int64 id; optional binary name (STRING); optional double score; }");

    private ScanFiles() {
    }

    /** {@code rows} rows in row groups of {@code rowGroupRows} rows and pages of at most 100 rows, snappy. */
    static Path write(Path directory, int rows, int rowGroupRows) {
        SimpleGroupFactory factory = new SimpleGroupFactory(SCHEMA);
        List<Group> records = new ArrayList<>(rows);
        for (int i = 0; i < rows; i++) {
            Group g = factory.newGroup().append("id", (long) i);
            if (i % 7 != 0) g.append("name", "name-" + (i % 50));
            if (i % 5 != 0) g.append("score", i * 0.5);
            records.add(g);
        }
        WriterSettings settings = WriterSettings.plain(WriterVersion.PARQUET_1_0, CompressionCodecName.SNAPPY, true, 100,
                rowGroupRows);
        Path path = directory.resolve("ids-" + rows + "-" + rowGroupRows + ".parquet");
        RandomParquetFiles.write(path, SCHEMA, settings, records);
        return path;
    }
}
