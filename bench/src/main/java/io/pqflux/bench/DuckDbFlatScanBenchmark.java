package io.pqflux.bench;

import io.pqflux.bench.data.TaxiTripsFile;
import io.pqflux.bench.scan.ColumnAggregates;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
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
 * DuckDB, the flat scan's peer engine, on the taxi files of {@link FlatScanBenchmark} (same parameters, so its
 * figures pair with that suite's in the {@code pqflux/duckdb} ratios): one SQL query over the file that aggregates
 * every column, {@code count(c)} and a sum of its values (exact for integers and timestamps, of the byte lengths
 * for strings; {@link ColumnAggregates}), through one in-memory DuckDB connection over JDBC. One operation is one
 * query. The result must equal the same aggregates over parquet-java's values, in the trial's setup and after every
 * iteration, so DuckDB provably decoded every value of every column.
 *
 * <ul>
 *   <li>{@code duckdb}: {@code SET threads=1}, on the single-row-group file {@link FlatScanBenchmark#pqflux} and
 *       {@link FlatScanBenchmark#pqfluxReadRowGroup} read;
 *   <li>{@code duckdbAllCores}: {@code SET threads} to the available processors, on the copy of the rows in
 *       {@value TaxiTripsFile#ALL_CORES_ROW_GROUP_MIB} MiB row groups (DuckDB parallelises a scan by row group),
 *       the file of {@link FlatScanBenchmark#pqfluxAllCoresRowGroups}.
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
public class DuckDbFlatScanBenchmark {

    @Param({"SNAPPY", "ZSTD", "UNCOMPRESSED"})
    public String codec;

    @Param({"" + TaxiTripsFile.DEFAULT_ROWS})
    public long rows;

    private Path file;
    private ColumnAggregates expected;
    private Connection connection;
    private PreparedStatement query;
    private ColumnAggregates.DuckDbQuery aggregates;
    private ColumnAggregates last;

    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) throws SQLException {
        String method = params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.') + 1);
        CompressionCodecName compression = CompressionCodecName.valueOf(codec);
        int threads = switch (method) {
            case "duckdb" -> {
                file = TaxiTripsFile.get(rows, compression);
                yield 1;
            }
            case "duckdbAllCores" -> {
                file = TaxiTripsFile.get(rows, compression, TaxiTripsFile.ALL_CORES_ROW_GROUP_MIB);
                yield Runtime.getRuntime().availableProcessors();
            }
            default -> throw new IllegalStateException("no checksum check for benchmark " + method);
        };
        expected = ColumnAggregates.of(file);
        connection = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement settings = connection.createStatement()) {
            settings.execute("SET threads = " + threads);
            // epoch_us of a TIMESTAMPTZ does not depend on it, but nothing else of the session should either
            settings.execute("SET TimeZone = 'UTC'");
        }
        aggregates = ColumnAggregates.duckDbQuery(file);
        query = connection.prepareStatement(aggregates.sql());
        last = scan();
        expected.check("DuckDB (threads=" + threads + ")", last);
    }

    @Benchmark
    public ColumnAggregates duckdb() throws SQLException {
        return last = scan();
    }

    @Benchmark
    public ColumnAggregates duckdbAllCores() throws SQLException {
        return last = scan();
    }

    private ColumnAggregates scan() throws SQLException {
        try (ResultSet result = query.executeQuery()) {
            return aggregates.read(result);
        }
    }

    /** Every measured query must have aggregated the same values as parquet-java. */
    @TearDown(Level.Iteration)
    public void checkLastScan() {
        expected.check("DuckDB's last measured query", last);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws SQLException {
        query.close();
        connection.close();
    }
}
