package io.pqflux.bench.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

/**
 * The dataset suite's many small files: {@code files} Parquet files of {@code rowsPerFile} event rows, in Hive folders
 * of {@value #FILES_PER_DAY} files a day ({@code day=01/part-0000.parquet}, {@code day=01/part-0001.parquet}, …).
 * File {@code f} holds ids {@code [f × rowsPerFile, (f + 1) × rowsPerFile)} and their event times (one event every
 * {@value #MICROS_PER_EVENT} µs from 2024-01-01), so a range of ids or times falls in a few files, which only their
 * footers' statistics (or an index of them) tell apart: every file is in a folder its predicate does not name. The
 * other columns are random (seeded per file). Written by parquet-java with its defaults (SNAPPY): one row group per
 * file, statistics on.
 */
public final class EventDataset {

    public static final int DEFAULT_FILES = 1_000;
    public static final int DEFAULT_ROWS_PER_FILE = 1_000;
    public static final int FILES_PER_DAY = 100;
    static final long MICROS_PER_EVENT = 864_000;
    static final long SEED = 20240101L;
    /** Bump when the generated data or layout changes: it is part of the cached directory's name. */
    static final int GENERATOR_VERSION = 1;

    public static final MessageType SCHEMA = MessageTypeParser.parseMessageType("""
            message event {
              required int64 id;
              required int64 event_time (TIMESTAMP(MICROS,true));
              required double amount;
              required binary kind (STRING);
            }
            """);
    /** The data columns, in schema order (the partition column {@code day} comes from the folders). */
    public static final List<String> COLUMNS = List.of("id", "event_time", "amount", "kind");

    private static final long JANUARY_2024_MICROS = 1_704_067_200L * 1_000_000L;
    private static final String[] KINDS = {"view", "click", "add_to_cart", "purchase", "refund", "search"};

    private EventDataset() {
    }

    /** The cached dataset directory, generated on first use. */
    public static Path get(int files, int rowsPerFile) {
        return get(DataDirectory.root(), files, rowsPerFile);
    }

    public static Path get(Path directory, int files, int rowsPerFile) {
        String name = String.format(Locale.ROOT, "events-v%d-%dx%d", GENERATOR_VERSION, files, rowsPerFile);
        return DataDirectory.cachedDirectory(directory, name, root -> write(root, files, rowsPerFile));
    }

    /** The first id of file {@code file}. */
    public static long firstId(int file, int rowsPerFile) {
        return (long) file * rowsPerFile;
    }

    private static void write(Path root, int files, int rowsPerFile) {
        for (int f = 0; f < files; f++) {
            Path file = root.resolve(String.format(Locale.ROOT, "day=%02d/part-%04d.parquet", f / FILES_PER_DAY + 1, f));
            try {
                Files.createDirectories(file.getParent());
            } catch (IOException e) {
                throw new UncheckedIOException("creating " + file.getParent(), e);
            }
            ParquetJavaFiles.write(file, SCHEMA, WriterLayout.defaults(CompressionCodecName.SNAPPY), rowsPerFile,
                    new Events(firstId(f, rowsPerFile), new SplittableRandom(SEED + f)));
        }
    }

    /** One file's rows: consecutive ids from {@code nextId}. */
    private static final class Events implements RecordSource {
        private final SplittableRandom random;
        private long nextId;

        Events(long firstId, SplittableRandom random) {
            this.nextId = firstId;
            this.random = random;
        }

        @Override
        public void writeNext(RecordEmitter out) {
            long id = nextId++;
            out.int64("id", id);
            out.int64("event_time", JANUARY_2024_MICROS + id * MICROS_PER_EVENT);
            out.float64("amount", random.nextInt(100_000) / 100.0);
            out.string("kind", KINDS[random.nextInt(KINDS.length)]);
        }
    }
}
