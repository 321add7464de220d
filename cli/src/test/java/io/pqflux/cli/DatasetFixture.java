package io.pqflux.cli;

import io.pqflux.testdata.random.RandomParquetFiles;
import io.pqflux.testdata.random.WriterSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongPredicate;
import org.apache.parquet.column.ParquetProperties.WriterVersion;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

/**
 * A hive-partitioned dataset written by parquet-java: {@code year=2023|2024/month=01..03/part-0.parquet}, file {@code
 * k} (in path order) holding ids {@code 100k .. 100k+99} in row groups of 40 rows; files of month 03 lack {@code score}.
 * The expected rows are computed from the same formulas, as {@code scan} prints them.
 */
final class DatasetFixture {

    static final MessageType FULL = MessageTypeParser.parseMessageType(
            "message m { required int64 id; optional binary name (STRING); optional double score; }");
    static final MessageType NO_SCORE = MessageTypeParser.parseMessageType(
            "message m { required int64 id; optional binary name (STRING); }");
    static final int ROWS_PER_FILE = 100;
    static final int FILES = 6;

    private DatasetFixture() {
    }

    /** Writes the dataset below {@code root}; the files' relative paths, in path order. */
    static List<String> write(Path root) {
        List<String> paths = new ArrayList<>();
        int k = 0;
        for (int year = 2023; year <= 2024; year++) {
            for (int month = 1; month <= 3; month++) {
                String path = "year=" + year + "/month=0" + month + "/part-0.parquet";
                write(root.resolve(path), month == 3 ? NO_SCORE : FULL, k++);
                paths.add(path);
            }
        }
        return paths;
    }

    private static void write(Path file, MessageType schema, int k) {
        SimpleGroupFactory factory = new SimpleGroupFactory(schema);
        List<Group> records = new ArrayList<>();
        for (long id = 100L * k; id < 100L * k + ROWS_PER_FILE; id++) {
            Group g = factory.newGroup().append("id", id);
            String name = name(id);
            if (name != null) g.append("name", name);
            Double score = score(id, schema.containsField("score"));
            if (score != null) g.append("score", score);
            records.add(g);
        }
        writeRecords(file, schema, records);
    }

    static void writeRecords(Path file, MessageType schema, List<Group> records) {
        RandomParquetFiles.write(file, schema,
                WriterSettings.plain(WriterVersion.PARQUET_1_0, CompressionCodecName.SNAPPY, true, 20, 40), records);
    }

    private static String name(long id) {
        return id % 7 == 0 ? null : "n-" + id % 13;
    }

    private static Double score(long id, boolean hasScore) {
        return hasScore && id % 5 != 0 ? id * 0.5 : null;
    }

    /** The JSONL lines of the rows whose id matches, in file order: data columns, then year and month. */
    static List<String> expectedLines(LongPredicate ids) {
        List<String> lines = new ArrayList<>();
        int k = 0;
        for (int year = 2023; year <= 2024; year++) {
            for (int month = 1; month <= 3; month++, k++) {
                for (long id = 100L * k; id < 100L * k + ROWS_PER_FILE; id++) {
                    if (!ids.test(id)) continue;
                    String name = name(id);
                    Double score = score(id, month != 3);
                    lines.add("{\"id\":" + id + ",\"name\":" + (name == null ? "null" : "\"" + name + "\"")
                            + ",\"score\":" + score + ",\"year\":" + year + ",\"month\":" + month + "}");
                }
            }
        }
        return lines;
    }
}
