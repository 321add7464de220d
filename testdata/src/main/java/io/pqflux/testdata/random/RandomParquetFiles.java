package io.pqflux.testdata.random;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.MessageType;

/**
 * Writes random Parquet files with parquet-java 1.18.1 (Hadoop-free): a random schema, random records and
 * random writer settings, all derived from one seed, so the same seed always gives the same file.
 */
public final class RandomParquetFiles {

    /** Leaves per schema at most: enough for every form to appear, few enough to keep files quick to check. */
    private static final int MAX_LEAVES = 24;

    /** Leaf entries per file at most (values, nulls, empty lists). */
    private static final long ENTRY_BUDGET = 20_000;

    private RandomParquetFiles() {
    }

    /**
     * @param maxDepth nesting depth (structs, lists and maps) at most; a quarter of the seeds give a flat
     *                 schema (depth 0), the rest a depth drawn from 1 to {@code maxDepth}
     */
    public static GeneratedFile write(long seed, int maxDepth, Path directory) {
        SplittableRandom random = new SplittableRandom(seed);
        int depth = maxDepth == 0 || random.nextInt(4) == 0 ? 0 : 1 + random.nextInt(maxDepth);
        FieldPlan message = new SchemaGenerator(random.split(), MAX_LEAVES).message(depth);
        MessageType schema = (MessageType) message.type();
        WriterSettings settings = WriterSettings.random(random.split(), schema);
        List<Group> records = new RecordGenerator(random.split()).records(message, rowCount(random), ENTRY_BUDGET);
        Path path = directory.resolve("random-" + Long.toUnsignedString(seed, 16) + ".parquet");
        write(path, schema, settings, records);
        return new GeneratedFile(seed, maxDepth, depth, path, schema, settings, records);
    }

    /**
     * Writes {@code records} with parquet-java under {@code settings}, replacing any file at {@code path} and creating
     * its missing parent directories.
     */
    public static void write(Path path, MessageType schema, WriterSettings settings, List<Group> records) {
        try {
            if (path.getParent() != null) Files.createDirectories(path.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("creating the directory of " + path, e);
        }
        ExampleParquetWriter.Builder builder = ExampleParquetWriter.builder(new LocalOutputFile(path))
                .withConf(new PlainParquetConfiguration())
                .withType(schema)
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE);
        try (ParquetWriter<Group> writer = settings.applyTo(builder).build()) {
            for (Group record : records) writer.write(record);
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + path, e);
        }
    }

    /** Mostly tens to hundreds of rows, sometimes none, one or thousands. */
    private static int rowCount(SplittableRandom r) {
        return switch (r.nextInt(10)) {
            case 0 -> r.nextInt(3);
            case 1, 2 -> 1 + r.nextInt(20);
            case 9 -> 1000 + r.nextInt(3000);
            default -> 20 + r.nextInt(500);
        };
    }
}
