package io.pqflux.reactive.dataset;

import io.pqflux.reactive.testkit.ParquetJavaGroups;
import io.pqflux.testdata.random.RandomParquetFiles;
import io.pqflux.testdata.random.WriterSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.column.ParquetProperties.WriterVersion;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

/**
 * A hive-partitioned dataset written by parquet-java, and parquet-java reading it back as the oracle. 50 files:
 * {@code year=2023|2024/month=01..05/part-0..4.parquet}, file {@code k} (in path order) holding ids {@code 100k ..
 * 100k+99} in row groups of 40 rows; files of months 04 and 05 lack the {@code score} column.
 */
final class DatasetFiles {

    static final MessageType FULL = MessageTypeParser.parseMessageType(
            "message m { required int64 id; optional binary name (STRING); optional double score; }");
    static final MessageType NO_SCORE = MessageTypeParser.parseMessageType(
            "message m { required int64 id; optional binary name (STRING); }");
    static final int ROWS_PER_FILE = 100;

    /** One row as the dataset should read it: data columns (null where absent) then partition values. */
    record Row(long id, String name, Double score, long year, long month) {
    }

    private DatasetFiles() {
    }

    /** Writes the dataset; the files' relative paths, in path order. */
    static List<String> write(Path root) {
        List<String> paths = new ArrayList<>();
        int k = 0;
        for (int year = 2023; year <= 2024; year++) {
            for (int month = 1; month <= 5; month++) {
                for (int part = 0; part < 5; part++) {
                    String path = "year=" + year + "/month=0" + month + "/part-" + part + ".parquet";
                    write(root.resolve(path), month >= 4 ? NO_SCORE : FULL, k++);
                    paths.add(path);
                }
            }
        }
        return paths;
    }

    static void write(Path file, MessageType schema, int k) {
        SimpleGroupFactory factory = new SimpleGroupFactory(schema);
        List<Group> records = new ArrayList<>();
        for (long id = 100L * k; id < 100L * k + ROWS_PER_FILE; id++) {
            Group g = factory.newGroup().append("id", id);
            if (id % 7 != 0) g.append("name", "n-" + id % 13);
            if (schema.containsField("score") && id % 5 != 0) g.append("score", id * 0.5);
            records.add(g);
        }
        writeRecords(file, schema, records);
    }

    static void writeRecords(Path file, MessageType schema, List<Group> records) {
        RandomParquetFiles.write(file, schema,
                WriterSettings.plain(WriterVersion.PARQUET_1_0, CompressionCodecName.SNAPPY, true, 20, 40), records);
    }

    /** Every row of the dataset as parquet-java reads each file, files in path order, plus the partition values. */
    static List<Row> oracle(Path root, List<String> paths) {
        List<Row> rows = new ArrayList<>();
        for (String path : paths) {
            long year = Long.parseLong(path.substring(5, 9));
            long month = Long.parseLong(path.substring(16, 18));
            for (Group g : ParquetJavaGroups.read(root.resolve(path))) {
                boolean hasScore = g.getType().containsField("score") && g.getFieldRepetitionCount("score") > 0;
                rows.add(new Row(g.getLong("id", 0), g.getFieldRepetitionCount("name") > 0 ? g.getString("name", 0) : null,
                        hasScore ? g.getDouble("score", 0) : null, year, month));
            }
        }
        return rows;
    }

}
