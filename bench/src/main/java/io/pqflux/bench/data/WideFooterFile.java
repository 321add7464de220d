package io.pqflux.bench.data;

import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * A file whose footer is the point: 1,000 optional columns (int32, int64, double, string in turn) in 50 row groups
 * of a few rows each, every column chunk with statistics — 50,000 column chunks in the footer.
 */
public final class WideFooterFile {

    public static final int COLUMNS = 1_000;
    public static final int ROW_GROUPS = 50;
    public static final int ROWS_PER_GROUP = 4;
    public static final long SEED = 1000L;
    static final int GENERATOR_VERSION = 1;

    public static final MessageType SCHEMA = schema();

    private WideFooterFile() {
    }

    public static Path get() {
        return get(DataDirectory.root());
    }

    public static Path get(Path directory) {
        String name = String.format(Locale.ROOT, "wide-footer-v%d-%dx%d.parquet", GENERATOR_VERSION, COLUMNS, ROW_GROUPS);
        return DataDirectory.cached(directory, name, WideFooterFile::write);
    }

    public static void write(Path path) {
        WriterLayout layout = WriterLayout.defaults(CompressionCodecName.SNAPPY).withRowGroupRows(ROWS_PER_GROUP);
        SplittableRandom random = new SplittableRandom(SEED);
        ParquetJavaFiles.write(path, SCHEMA, layout, (long) ROWS_PER_GROUP * ROW_GROUPS, out -> {
            for (int c = 0; c < COLUMNS; c++) {
                if (random.nextInt(10) == 0) continue; // null
                String name = name(c);
                switch (c % 4) {
                    case 0 -> out.int32(name, random.nextInt());
                    case 1 -> out.int64(name, random.nextLong());
                    case 2 -> out.float64(name, random.nextDouble());
                    default -> out.string(name, "s" + random.nextInt(100_000));
                }
            }
        });
    }

    private static MessageType schema() {
        Types.MessageTypeBuilder builder = Types.buildMessage();
        for (int c = 0; c < COLUMNS; c++) {
            Type column = switch (c % 4) {
                case 0 -> Types.optional(PrimitiveTypeName.INT32).named(name(c));
                case 1 -> Types.optional(PrimitiveTypeName.INT64).named(name(c));
                case 2 -> Types.optional(PrimitiveTypeName.DOUBLE).named(name(c));
                default -> Types.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(name(c));
            };
            builder.addField(column);
        }
        return builder.named("wide");
    }

    private static String name(int column) {
        return String.format(Locale.ROOT, "c%04d", column);
    }
}
