package io.pqflux.bench.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pqflux.bench.data.ParquetJavaFiles;
import io.pqflux.bench.data.TaxiTripsFile;
import io.pqflux.bench.data.WriterLayout;
import io.pqflux.reader.ParquetReader;
import java.math.BigInteger;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * DuckDB's SQL aggregates of the taxi files and pqflux's over its decoded vectors equal parquet-java's, and a
 * difference fails naming the column.
 */
class ColumnAggregatesTest {

    @TempDir
    static Path directory;

    private static ColumnAggregates duckDb(Path file, int threads) throws SQLException {
        ColumnAggregates.DuckDbQuery query = ColumnAggregates.duckDbQuery(file);
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
             Statement statement = connection.createStatement()) {
            statement.execute("SET threads = " + threads);
            try (ResultSet result = statement.executeQuery(query.sql())) {
                return query.read(result);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = CompressionCodecName.class, names = {"SNAPPY", "ZSTD", "UNCOMPRESSED"})
    void duckDbAggregatesEqualParquetJavas(CompressionCodecName codec) throws SQLException {
        Path file = TaxiTripsFile.get(directory, 20_000, codec);
        ColumnAggregates expected = ColumnAggregates.parquetJava(file);
        assertThat(expected.columns()).hasSize(20);
        assertThat(expected.columns()).extracting(ColumnAggregates.Column::kind).contains(
                ColumnAggregates.Kind.EXACT, ColumnAggregates.Kind.FLOATING, ColumnAggregates.Kind.BYTES);
        // the optional columns have nulls, and every sum depends on the values
        assertThat(expected.columns()).anySatisfy(c -> assertThat(c.count()).isLessThan(20_000));
        assertThat(expected.columns()).filteredOn(c -> c.kind() != ColumnAggregates.Kind.FLOATING)
                .allSatisfy(c -> assertThat(c.sum()).isNotEqualTo(BigInteger.ZERO));
        expected.check("DuckDB", duckDb(file, 1));
        assertThat(ColumnAggregates.of(file)).as("cached beside the file").isEqualTo(expected);
        assertThat(ColumnAggregates.of(file)).as("read back from the cache").isEqualTo(expected);
    }

    @ParameterizedTest
    @EnumSource(value = CompressionCodecName.class, names = {"SNAPPY", "ZSTD", "UNCOMPRESSED"})
    void pqfluxAggregatesEqualParquetJavasOnEveryPath(CompressionCodecName codec) {
        // several row groups, so chunk partials are merged across row groups and threads
        Path file = TaxiTripsFile.get(directory, 60_000, codec, 1);
        assertPqfluxAgrees(file, ColumnAggregates.parquetJava(file));
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void pqfluxAggregatesEveryTypeWithNullsNegativesAndSumsBeyondALong(boolean dictionary) {
        Path file = directory.resolve("types-" + dictionary + ".parquet");
        MessageType schema = Types.buildMessage()
                .optional(PrimitiveType.PrimitiveTypeName.BOOLEAN).named("flag")
                .optional(PrimitiveType.PrimitiveTypeName.INT32).named("small")
                .required(PrimitiveType.PrimitiveTypeName.INT64).named("large")
                .optional(PrimitiveType.PrimitiveTypeName.FLOAT).named("ratio")
                .required(PrimitiveType.PrimitiveTypeName.DOUBLE).named("amount")
                .optional(PrimitiveType.PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("name")
                .required(PrimitiveType.PrimitiveTypeName.BINARY).named("blob")
                .named("types");
        int[] row = {0};
        ParquetJavaFiles.write(file, schema, WriterLayout.defaults(CompressionCodecName.SNAPPY).withRowGroupRows(7_000)
                .withDictionary(dictionary), 20_000, out -> {
            int r = row[0]++;
            if (r % 5 != 0) out.bool("flag", r % 3 == 0);
            if (r % 7 != 0) out.int32("small", (r % 3 == 0 ? 1 : -1) * (Integer.MAX_VALUE - r % 50));
            out.int64("large", r % 3 == 0 ? Long.MAX_VALUE - r % 40 : Long.MIN_VALUE + r % 40);
            if (r % 4 != 0) out.float32("ratio", (r % 31) / 7f - 2);
            out.float64("amount", (r % 97) * 1.25 - 50);
            if (r % 6 != 0) out.string("name", "name-" + "é".repeat(r % 4) + (r % 23));
            out.bytes("blob", new byte[r % 13]);
        });
        ColumnAggregates expected = ColumnAggregates.parquetJava(file);
        assertThat(expected.columns()).extracting(ColumnAggregates.Column::count)
                .containsExactly(16_000L, 17_142L, 20_000L, 15_000L, 20_000L, 16_666L, 20_000L);
        assertThat((BigInteger) expected.columns().get(2).sum()).as("far below Long.MIN_VALUE")
                .isLessThan(BigInteger.valueOf(Long.MIN_VALUE));
        assertThat((BigInteger) expected.columns().get(1).sum()).as("int32 sums past an int")
                .isLessThan(BigInteger.valueOf(Integer.MIN_VALUE));
        assertPqfluxAgrees(file, expected);
    }

    private static void assertPqfluxAgrees(Path file, ColumnAggregates expected) {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (PqfluxChunkScan oneThread = new PqfluxChunkScan(file, Runnable::run);
             PqfluxChunkScan twoThreads = new PqfluxChunkScan(file, pool);
             ParquetReader reader = ParquetReader.open(file)) {
            expected.check("pqflux, chunk by chunk", oneThread.aggregates());
            expected.check("pqflux, two threads", twoThreads.aggregates());
            expected.check("pqflux, readRowGroup", PqfluxAggregates.ofRowGroups(file, reader));
            assertThat(oneThread.aggregates().columns()).as("exact sums are equal, not just close")
                    .filteredOn(c -> c.kind() != ColumnAggregates.Kind.FLOATING)
                    .containsExactlyElementsOf(expected.columns().stream()
                            .filter(c -> c.kind() != ColumnAggregates.Kind.FLOATING).toList());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void timestampSumsExceedALongAndStayExact() throws SQLException {
        Path file = TaxiTripsFile.get(directory, 20_000, CompressionCodecName.SNAPPY, 1);
        ColumnAggregates expected = ColumnAggregates.parquetJava(file);
        ColumnAggregates.Column pickup = expected.columns().get(1);
        assertThat(pickup.name()).isEqualTo("tpep_pickup_datetime");
        // 20,000 timestamps of about 1.7e15 µs: well past Long.MAX_VALUE
        assertThat((BigInteger) pickup.sum()).isGreaterThan(BigInteger.valueOf(Long.MAX_VALUE));
        expected.check("DuckDB on two threads", duckDb(file, 2));
    }

    @Test
    void aDifferenceFailsNamingTheFileTheColumnAndBothValues() {
        Path file = TaxiTripsFile.get(directory, 20_000, CompressionCodecName.SNAPPY);
        ColumnAggregates expected = ColumnAggregates.parquetJava(file);
        List<ColumnAggregates.Column> changed = new ArrayList<>(expected.columns());
        ColumnAggregates.Column fare = changed.get(10);
        double sum = fare.sum().doubleValue();
        changed.set(10, new ColumnAggregates.Column(fare.name(), fare.kind(), fare.count(), sum * (1 + 1e-12)));
        expected.check("within the tolerance", new ColumnAggregates(file, changed));
        changed.set(10, new ColumnAggregates.Column(fare.name(), fare.kind(), fare.count(), sum + 0.01));
        assertThatThrownBy(() -> expected.check("a reader", new ColumnAggregates(file, changed)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("fare_amount")
                .hasMessageContaining(String.valueOf(sum)).hasMessageContaining(String.valueOf(sum + 0.01));
        changed.set(10, new ColumnAggregates.Column(fare.name(), fare.kind(), fare.count() - 1, fare.sum()));
        assertThatThrownBy(() -> expected.check("a reader", new ColumnAggregates(file, changed)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("fare_amount")
                .hasMessageContaining((fare.count() - 1) + " non-null values, parquet-java " + fare.count());
    }
}
