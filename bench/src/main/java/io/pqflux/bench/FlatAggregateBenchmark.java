package io.pqflux.bench;

import io.pqflux.bench.data.TaxiTripsFile;
import io.pqflux.bench.scan.ColumnAggregates;
import io.pqflux.bench.scan.PqfluxAggregates;
import io.pqflux.bench.scan.PqfluxChunkScan;
import io.pqflux.reader.ParquetReader;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * The flat scan beside DuckDB: on the taxi files of {@link FlatScanBenchmark} (same parameters), both engines compute
 * the same aggregates of every column, {@code count(c)} and a sum of its values (exact for integers and timestamps,
 * of the byte lengths for strings; {@link ColumnAggregates}), which depend on every value. One operation is one pass
 * over the file. The result must equal the same aggregates over parquet-java's values, in the trial's setup and after
 * every iteration, so each engine provably decoded every value of every column.
 *
 * <ul>
 *   <li>{@code duckdb}: one SQL query through one in-memory DuckDB connection over JDBC, {@code SET threads=1}, on the
 *       single-row-group file;
 *   <li>{@code pqflux}: the same file chunk by chunk on the calling thread ({@link PqfluxChunkScan#aggregates}), each
 *       decoded vector aggregated from its value store ({@link PqfluxAggregates});
 *   <li>{@code pqfluxReadRowGroup}: the README's columnar API, every row group read whole by one reader
 *       ({@link ParquetReader#readRowGroup}), then aggregated column by column;
 *   <li>{@code duckdbAllCores} and {@code pqfluxAllCores}: threads for every available processor, on the copy of the
 *       rows in {@value TaxiTripsFile#ALL_CORES_ROW_GROUP_MIB} MiB row groups (DuckDB parallelises a scan by row group;
 *       pqflux's chunk tasks run on a pool with one thread per processor).
 * </ul>
 *
 * <p>DuckDB's native library is extracted from the driver's jar into {@code java.io.tmpdir} and loaded with JNI,
 * which {@code --enable-native-access=ALL-UNNAMED} allows without a warning.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 2, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
    "--sun-misc-unsafe-memory-access=allow", "-Xms4g", "-Xmx4g"})
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
public class FlatAggregateBenchmark {

    @Param({"SNAPPY", "ZSTD", "UNCOMPRESSED"})
    public String codec;

    @Param({"" + TaxiTripsFile.DEFAULT_ROWS})
    public long rows;

    private Path file;
    private ColumnAggregates expected;
    private Connection connection;
    private PreparedStatement query;
    private ColumnAggregates.DuckDbQuery aggregates;
    private ExecutorService pool;
    private PqfluxChunkScan chunkScan;
    private ParquetReader reader;
    private ColumnAggregates last;

    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) throws SQLException {
        String method = params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.') + 1);
        CompressionCodecName compression = CompressionCodecName.valueOf(codec);
        boolean allCores = method.endsWith("AllCores");
        int threads = allCores ? Runtime.getRuntime().availableProcessors() : 1;
        file = allCores ? TaxiTripsFile.get(rows, compression, TaxiTripsFile.ALL_CORES_ROW_GROUP_MIB)
                : TaxiTripsFile.get(rows, compression);
        expected = ColumnAggregates.of(file);
        String engine = switch (method) {
            case "duckdb", "duckdbAllCores" -> {
                connection = DriverManager.getConnection("jdbc:duckdb:");
                try (Statement settings = connection.createStatement()) {
                    settings.execute("SET threads = " + threads);
                    // epoch_us of a TIMESTAMPTZ does not depend on it, but nothing else of the session should either
                    settings.execute("SET TimeZone = 'UTC'");
                }
                aggregates = ColumnAggregates.duckDbQuery(file);
                query = connection.prepareStatement(aggregates.sql());
                yield "DuckDB (threads=" + threads + ")";
            }
            case "pqflux", "pqfluxAllCores" -> {
                if (allCores) pool = Executors.newFixedThreadPool(threads);
                chunkScan = new PqfluxChunkScan(file, allCores ? pool : Runnable::run);
                yield "pqflux (" + threads + " threads, chunk by chunk)";
            }
            case "pqfluxReadRowGroup" -> {
                reader = ParquetReader.open(file);
                yield "pqflux (readRowGroup)";
            }
            default -> throw new IllegalStateException("no aggregates check for benchmark " + method);
        };
        last = switch (method) {
            case "duckdb", "duckdbAllCores" -> duckdbQuery();
            case "pqfluxReadRowGroup" -> pqfluxReadRowGroup();
            default -> chunkScan.aggregates();
        };
        expected.check(engine, last);
    }

    @Benchmark
    public ColumnAggregates duckdb() throws SQLException {
        return last = duckdbQuery();
    }

    @Benchmark
    public ColumnAggregates duckdbAllCores() throws SQLException {
        return last = duckdbQuery();
    }

    @Benchmark
    public ColumnAggregates pqflux() {
        return last = chunkScan.aggregates();
    }

    @Benchmark
    public ColumnAggregates pqfluxAllCores() {
        return last = chunkScan.aggregates();
    }

    @Benchmark
    public ColumnAggregates pqfluxReadRowGroup() {
        return last = PqfluxAggregates.ofRowGroups(file, reader);
    }

    private ColumnAggregates duckdbQuery() throws SQLException {
        try (ResultSet result = query.executeQuery()) {
            return aggregates.read(result);
        }
    }

    /** Every measured pass must have aggregated the same values as parquet-java. */
    @TearDown(Level.Iteration)
    public void checkLastScan() {
        expected.check("the last measured pass", last);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws SQLException {
        if (query != null) query.close();
        if (connection != null) connection.close();
        if (chunkScan != null) chunkScan.close();
        if (reader != null) reader.close();
        if (pool != null) pool.shutdownNow();
    }
}
