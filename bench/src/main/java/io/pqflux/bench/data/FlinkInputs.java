package io.pqflux.bench.data;

import io.pqflux.tempo.generator.TempoBlockWriter;
import io.pqflux.testdata.random.RandomParquetFiles;
import io.pqflux.testdata.random.WriterSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.parquet.column.ParquetProperties.WriterVersion;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

/**
 * The Flink suites' inputs, cached under the bench data directory: an OTAP export of several partitions (the 10 MB
 * logs export's one partition under {@code n} partition IDs: each an independent join scope, so the export holds n
 * times its records), a Tempo tenant of several blocks, and the many small blocks and files split planning is
 * measured on.
 */
public final class FlinkInputs {

    /** Bump when an input's generator changes: it is part of the cached directories' names. */
    static final int GENERATOR_VERSION = 1;
    private static final MessageType SMALL_FILE = MessageTypeParser.parseMessageType(
            "message m { required int64 id; required binary name (STRING); }");

    private FlinkInputs() {
    }

    /** The 10 MB logs export's partition under {@code partitions} IDs (hard links where the file system allows). */
    public static Path otapPartitions(int partitions) {
        OtapLogsExport.Export one = OtapLogsExport.get(OtapLogsExport.SIZES[0]);
        String name = "flink-otap-logs-g" + GENERATOR_VERSION + "-" + partitions + "x10mb";
        return DataDirectory.cachedDirectory(DataDirectory.root(), name, directory -> {
            try (Stream<Path> tables = Files.list(one.base())) {
                for (Path table : tables.filter(Files::isDirectory).toList()) {
                    Path source = table.resolve("_part_id=" + one.partition());
                    for (int p = 0; p < partitions; p++) {
                        String id = UUID.nameUUIDFromBytes(("flink-" + p).getBytes()).toString();
                        Path target = directory.resolve(table.getFileName()).resolve("_part_id=" + id);
                        Files.createDirectories(target);
                        try (Stream<Path> files = Files.list(source)) {
                            for (Path file : files.toList()) link(file, target.resolve(file.getFileName()));
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** A tenant ({@code generated}) of {@code blocks} blocks of about {@code bytesEach} bytes, one row group each. */
    public static Path tempoTenant(int blocks, long bytesEach) {
        String name = "flink-tempo-g" + GENERATOR_VERSION + "-" + blocks + "x" + bytesEach / 1_000_000 + "mb";
        return DataDirectory.cachedDirectory(DataDirectory.root(), name, directory -> {
            for (int b = 0; b < blocks; b++) {
                TempoBlockWriter.generateAbout(directory, TempoBlockWriter.Settings.defaults(1000 + b), 1000 + b, bytesEach);
            }
        });
    }

    /** {@code blocks} blocks of {@code traces} traces each, in tenant {@code generated}: split planning's input. */
    public static Path manyTempoBlocks(int blocks, int traces) {
        String name = "flink-tempo-many-g" + GENERATOR_VERSION + "-" + blocks + "x" + traces;
        return DataDirectory.cachedDirectory(DataDirectory.root(), name, directory -> {
            for (int b = 0; b < blocks; b++) {
                TempoBlockWriter.generate(directory, TempoBlockWriter.Settings.defaults(5000 + b), 5000 + b, traces);
            }
        });
    }

    /** {@code files} Parquet files of {@code rows} rows each, 100 per {@code part=N/} folder: split planning's input. */
    public static Path manySmallFiles(int files, int rows) {
        String name = "flink-files-g" + GENERATOR_VERSION + "-" + files + "x" + rows;
        return DataDirectory.cachedDirectory(DataDirectory.root(), name, directory -> {
            SimpleGroupFactory factory = new SimpleGroupFactory(SMALL_FILE);
            for (int f = 0; f < files; f++) {
                List<Group> records = new ArrayList<>(rows);
                for (long id = (long) f * rows; id < (long) (f + 1) * rows; id++) {
                    records.add(factory.newGroup().append("id", id).append("name", "n-" + id % 31));
                }
                RandomParquetFiles.write(directory.resolve("part=" + f / 100).resolve("file-" + f + ".parquet"), SMALL_FILE,
                        WriterSettings.plain(WriterVersion.PARQUET_1_0, CompressionCodecName.SNAPPY, true), records);
            }
        });
    }

    private static void link(Path existing, Path link) throws IOException {
        try {
            Files.createLink(link, existing);
        } catch (UnsupportedOperationException | IOException e) {
            Files.copy(existing, link);
        }
    }
}
