package io.pqflux.bench.data;

import java.nio.file.Path;
import java.util.Locale;

/**
 * A file whose footer has the shape of a Grafana Tempo production block's (1–7 MB footers; median 57 row groups of
 * the 103-leaf vParquet4 schema): {@link TempoShapedFile}'s schema and traces in {@value #ROW_GROUPS} row groups of
 * {@value #TRACES_PER_GROUP} traces, so that the footer, not the data, is the bulk — 5,871 column chunks, each with
 * its 1- to 13-element path, encodings, encoding stats, statistics (16-byte trace-ID bounds, string bounds), column
 * and offset index references, dictionary page offsets where the writer kept a dictionary. Written like
 * TempoShapedFile but without {@code SizeStatistics}, which parquet-go (Tempo's writer) does not write.
 */
public final class TempoProductionFooterFile {

    public static final int ROW_GROUPS = 57;
    public static final int TRACES_PER_GROUP = 40;
    public static final long SEED = 57L;
    /** Bump when the generated data or layout changes: it is part of the cached file's name. */
    static final int GENERATOR_VERSION = 1;

    private TempoProductionFooterFile() {
    }

    public static Path get() {
        return get(DataDirectory.root());
    }

    public static Path get(Path directory) {
        String name = String.format(Locale.ROOT, "tempo-production-footer-v%d-%dx%d.parquet", GENERATOR_VERSION,
                ROW_GROUPS, TRACES_PER_GROUP);
        return DataDirectory.cached(directory, name, TempoProductionFooterFile::write);
    }

    public static void write(Path path) {
        WriterLayout layout = TempoShapedFile.LAYOUT.withRowGroupRows(TRACES_PER_GROUP).withoutSizeStatistics();
        ParquetJavaFiles.write(path, TempoShapedFile.SCHEMA, layout, (long) ROW_GROUPS * TRACES_PER_GROUP,
                new TraceGenerator(SEED));
    }
}
