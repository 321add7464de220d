package io.pqflux.bench.data;

import java.nio.file.Path;
import java.util.Locale;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

/**
 * A file shaped like the NYC yellow-taxi trip table (2024 schema): 20 columns of ints, longs, UTC timestamps,
 * doubles and low-cardinality strings, with the distributions that matter to encoders (fares in cents, mostly-zero
 * tolls and extras, skewed zone ids, about 3% of rows with the optional columns null together, as in the real
 * data). Deterministic from the row count and seed; written with parquet-java's default layout.
 */
public final class TaxiTripsFile {

    public static final int DEFAULT_ROWS = 5_000_000;
    public static final long SEED = 20240101L;
    /** Row group size of the object-storage suite's copy of the rows (several row groups, not one). */
    public static final int OBJECT_STORAGE_ROW_GROUP_MIB = 16;
    /**
     * Row group size of the all-cores flat scans' copies of the rows, one per codec: DuckDB parallelises a scan by row
     * group, so its all-cores figure needs several (the SNAPPY copy is the object-storage suite's file).
     */
    public static final int ALL_CORES_ROW_GROUP_MIB = 16;
    /** Bump when the generated data or layout changes: it is part of the cached file's name. */
    static final int GENERATOR_VERSION = 1;

    public static final MessageType SCHEMA = MessageTypeParser.parseMessageType("""
            message taxi_trip {
              required int32 VendorID;
              required int64 tpep_pickup_datetime (TIMESTAMP(MICROS,true));
              required int64 tpep_dropoff_datetime (TIMESTAMP(MICROS,true));
              optional int64 passenger_count;
              required double trip_distance;
              optional int64 RatecodeID;
              optional binary store_and_fwd_flag (STRING);
              required int32 PULocationID;
              required int32 DOLocationID;
              required int64 payment_type;
              required double fare_amount;
              required double extra;
              required double mta_tax;
              required double tip_amount;
              required double tolls_amount;
              required double improvement_surcharge;
              required double total_amount;
              optional double congestion_surcharge;
              optional double airport_fee;
              required binary pickup_borough (STRING);
            }
            """);

    private TaxiTripsFile() {
    }

    /** The cached file of {@code rows} rows compressed with {@code codec}, generated on first use. */
    public static Path get(long rows, CompressionCodecName codec) {
        return get(DataDirectory.root(), rows, codec);
    }

    public static Path get(Path directory, long rows, CompressionCodecName codec) {
        String name = String.format(Locale.ROOT, "taxi-v%d-%d-%s.parquet", GENERATOR_VERSION, rows,
                codec.name().toLowerCase(Locale.ROOT));
        return DataDirectory.cached(directory, name, path -> write(path, rows, codec));
    }

    /**
     * The same rows in row groups of about {@code rowGroupMiB} MiB (parquet-java's estimate), for readers that fetch
     * column chunks one by one (the defaults give the 5M-row file a single row group).
     */
    public static Path get(long rows, CompressionCodecName codec, int rowGroupMiB) {
        return get(DataDirectory.root(), rows, codec, rowGroupMiB);
    }

    public static Path get(Path directory, long rows, CompressionCodecName codec, int rowGroupMiB) {
        String name = String.format(Locale.ROOT, "taxi-v%d-%d-%s-rg%dm.parquet", GENERATOR_VERSION, rows,
                codec.name().toLowerCase(Locale.ROOT), rowGroupMiB);
        return DataDirectory.cached(directory, name, path -> write(path, rows,
                WriterLayout.defaults(codec).withRowGroupBytes((long) rowGroupMiB << 20)));
    }

    public static void write(Path path, long rows, CompressionCodecName codec) {
        write(path, rows, WriterLayout.defaults(codec));
    }

    private static void write(Path path, long rows, WriterLayout layout) {
        ParquetJavaFiles.write(path, SCHEMA, layout, rows, new TaxiTripGenerator(SEED, rows));
    }
}
