package io.pqflux.bench.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pqflux.bench.data.TaxiTripsFile;
import java.math.BigInteger;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** DuckDB's SQL aggregates of the taxi files equal parquet-java's, and a difference fails naming the column. */
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
