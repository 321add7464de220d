package io.pqflux.testdata;

import java.io.IOException;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

/**
 * A wide generated file, several MiB over several row groups, written by parquet-java: large enough to be read
 * by ranges rather than whole, with column chunks of different sizes side by side (what a projection skips).
 * In the module's test-jar for the CLI's tests.
 */
public final class WideTestFile {

    public static final MessageType SCHEMA = MessageTypeParser.parseMessageType("""
            message wide {
              required int64 id;
              optional double price;
              optional binary name (STRING);
              required int32 quantity;
              optional binary comment (STRING);
              optional int64 created (TIMESTAMP(MILLIS,true));
              required boolean flag;
              optional binary category (STRING);
            }""");

    private WideTestFile() {
    }

    public static Path write(Path directory, int rows, long seed) throws IOException {
        return write(directory, rows, 2L << 20, seed);
    }

    public static Path write(Path directory, int rows, long rowGroupBytes, long seed) throws IOException {
        Path path = directory.resolve("wide-" + rows + "-" + rowGroupBytes + ".parquet");
        SplittableRandom random = new SplittableRandom(seed);
        SimpleGroupFactory groups = new SimpleGroupFactory(SCHEMA);
        try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(new LocalOutputFile(path))
                .withConf(new PlainParquetConfiguration())
                .withType(SCHEMA)
                .withCompressionCodec(CompressionCodecName.SNAPPY)
                .withRowGroupSize(rowGroupBytes)
                .withPageSize(64 << 10)
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                .build()) {
            for (int i = 0; i < rows; i++) {
                Group row = groups.newGroup().append("id", (long) i).append("quantity", random.nextInt(1000))
                        .append("flag", random.nextBoolean());
                if (random.nextInt(10) > 0) row.append("price", random.nextDouble() * 1000);
                if (random.nextInt(10) > 0) row.append("name", "name-" + random.nextInt(50_000));
                if (random.nextInt(3) > 0) row.append("comment", comment(random));
                if (random.nextInt(10) > 0) row.append("created", 1_700_000_000_000L + random.nextInt(1 << 30));
                row.append("category", "category-" + random.nextInt(20));
                writer.write(row);
            }
        }
        return path;
    }

    /** Long random text: the column that dominates the file, and that a projection usually leaves out. */
    private static String comment(SplittableRandom random) {
        StringBuilder sb = new StringBuilder();
        int words = 5 + random.nextInt(40);
        for (int w = 0; w < words; w++) sb.append(Long.toString(random.nextLong() >>> 20, 36)).append(' ');
        return sb.toString();
    }
}
