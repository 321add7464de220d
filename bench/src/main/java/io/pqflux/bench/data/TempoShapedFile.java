package io.pqflux.bench.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.parquet.column.ParquetProperties.WriterVersion;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

/**
 * A file in Grafana Tempo's vParquet4 layout (released attribute layout, all 103 leaves): one row per trace with
 * resource spans → scope spans → spans, attributes of every value kind (strings, ints, doubles, bools, arrays, the
 * unsupported-value JSON) at every level, events, links, dedicated attribute columns. Written like Tempo's writer
 * where parquet-java can: SNAPPY, v2 data pages, 256 KiB pages; row groups are smaller than Tempo's 100 MB so the
 * file has several. Deterministic from the trace count and seed.
 */
public final class TempoShapedFile {

    public static final int DEFAULT_TRACES = 30_000;
    public static final long SEED = 4L;
    /** Bump when the generated data or layout changes: it is part of the cached file's name. */
    static final int GENERATOR_VERSION = 1;

    public static final MessageType SCHEMA = MessageTypeParser.parseMessageType(schemaText());

    static final WriterLayout LAYOUT = WriterLayout.defaults(CompressionCodecName.SNAPPY)
            .withRowGroupBytes(16L * 1024 * 1024)
            .withPageBytes(256 * 1024)
            .withVersion(WriterVersion.PARQUET_2_0);

    private TempoShapedFile() {
    }

    public static Path get(int traces) {
        return get(DataDirectory.root(), traces);
    }

    public static Path get(Path directory, int traces) {
        String name = String.format(Locale.ROOT, "tempo-v%d-%d.parquet", GENERATOR_VERSION, traces);
        return DataDirectory.cached(directory, name, path -> write(path, traces));
    }

    public static void write(Path path, int traces) {
        ParquetJavaFiles.write(path, SCHEMA, LAYOUT, traces, new TraceGenerator(SEED));
    }

    private static String schemaText() {
        try (InputStream in = TempoShapedFile.class.getResourceAsStream("tempo-vparquet4.schema")) {
            if (in == null) throw new IllegalStateException("tempo-vparquet4.schema is missing from the classpath");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
