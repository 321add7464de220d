package io.pqflux.bench.scan;

import io.pqflux.bench.data.DataDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.DummyRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;

/**
 * Per column of a flat file, aggregates any SQL engine can compute and that depend on every value: the count of
 * non-null values and their sum. Integers (and timestamps, as the stored count of units since the epoch, and booleans
 * as 0/1) are summed exactly, FLOAT and DOUBLE in floating point, strings and byte arrays as the total of their lengths
 * in bytes. An engine that reports them for a file (DuckDB, through {@link #duckDbQuery}) has provably decoded every
 * value of every column; the reference is parquet-java's, over the values of its {@link ColumnReader}s (as
 * {@link ParquetJavaScan} reads them), kept beside the file like {@link ReferenceChecksum}'s.
 *
 * @param file    the file the aggregates are of (named in a mismatch's message)
 * @param columns in schema order
 */
public record ColumnAggregates(Path file, List<Column> columns) {

    /** Bump when what is aggregated changes: it is part of the cached reference's name. */
    static final int VERSION = 1;
    /** Floating sums of different summation orders agree to this relative difference. */
    public static final double FLOATING_TOLERANCE = 1e-9;

    /** How a column's values are summed. */
    public enum Kind {
        /** integers, timestamps (stored units since the epoch), booleans (0/1): exactly, as a {@link BigInteger} */
        EXACT,
        /** FLOAT and DOUBLE: in double precision, so engines agree up to {@link #FLOATING_TOLERANCE} */
        FLOATING,
        /** strings and byte arrays: the lengths in bytes (of the UTF-8, for strings), exactly */
        BYTES
    }

    /**
     * One column's aggregates.
     *
     * @param sum a {@link BigInteger} for {@link Kind#EXACT} and {@link Kind#BYTES}, a {@link Double} for
     *            {@link Kind#FLOATING}; zero when every value is null
     */
    public record Column(String name, Kind kind, long count, Number sum) {
    }

    public ColumnAggregates {
        columns = List.copyOf(columns);
    }

    /** parquet-java's aggregates of {@code file}, computed on first need and then read from a file beside it. */
    public static ColumnAggregates of(Path file) {
        String name = file.getFileName() + ".aggregates-v" + VERSION + ".tsv";
        Path sidecar = DataDirectory.cached(file.getParent(), name, target -> {
            try {
                Files.writeString(target, parquetJava(file).toTsv());
            } catch (IOException e) {
                throw new UncheckedIOException("writing " + target, e);
            }
        });
        try {
            return fromTsv(file, Files.readString(sidecar));
        } catch (IOException e) {
            throw new UncheckedIOException("aggregates of " + file, e);
        }
    }

    /** The aggregates over every value parquet-java's column readers give, row group by row group. */
    public static ColumnAggregates parquetJava(Path file) {
        ParquetReadOptions options = ParquetReadOptions.builder(new PlainParquetConfiguration()).build();
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file), options)) {
            MessageType schema = reader.getFooter().getFileMetaData().getSchema();
            String createdBy = reader.getFooter().getFileMetaData().getCreatedBy();
            GroupConverter converter = new DummyRecordConverter(schema).getRootConverter();
            List<Leaf> leaves = leaves(schema, file);
            Accumulator[] accumulators = new Accumulator[leaves.size()];
            for (int c = 0; c < accumulators.length; c++) accumulators[c] = new Accumulator();
            for (PageReadStore rowGroup = reader.readNextRowGroup(); rowGroup != null; rowGroup = reader.readNextRowGroup()) {
                ColumnReadStoreImpl store = new ColumnReadStoreImpl(rowGroup, converter, schema, createdBy);
                for (int c = 0; c < leaves.size(); c++) {
                    ColumnDescriptor descriptor = leaves.get(c).descriptor();
                    long entries = rowGroup.getPageReader(descriptor).getTotalValueCount();
                    accumulate(store.getColumnReader(descriptor), entries, accumulators[c]);
                }
            }
            List<Column> columns = new ArrayList<>(leaves.size());
            for (int c = 0; c < leaves.size(); c++) columns.add(accumulators[c].column(leaves.get(c).name(), leaves.get(c).kind()));
            return new ColumnAggregates(file, columns);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + file + " with parquet-java", e);
        }
    }

    private static void accumulate(ColumnReader reader, long entries, Accumulator into) {
        ColumnDescriptor column = reader.getDescriptor();
        int maxDefinition = column.getMaxDefinitionLevel();
        PrimitiveType.PrimitiveTypeName type = column.getPrimitiveType().getPrimitiveTypeName();
        for (long e = 0; e < entries; e++) {
            if (reader.getCurrentDefinitionLevel() == maxDefinition) {
                into.count++;
                switch (type) {
                    case BOOLEAN -> into.addExact(reader.getBoolean() ? 1 : 0);
                    case INT32 -> into.addExact(reader.getInteger());
                    case INT64 -> into.addExact(reader.getLong());
                    case FLOAT -> into.addFloating(reader.getFloat());
                    case DOUBLE -> into.addFloating(reader.getDouble());
                    case BINARY, FIXED_LEN_BYTE_ARRAY -> into.addExact(reader.getBinary().length());
                    case INT96 -> throw new IllegalArgumentException("INT96 is not aggregated");
                }
            }
            reader.consume();
        }
    }

    /**
     * A count and a 128-bit exact sum or a compensated (Neumaier) floating sum, whichever the column's kind uses;
     * partial accumulators of one column (its row groups, read on several threads) {@link #merge} in any order.
     */
    static final class Accumulator {
        long count;
        private long low;
        private long high;
        private double floating;
        private double compensation;

        void addExact(long value) {
            addExact(value >> 63, value);
        }

        /** Adds the 128-bit two's complement value {@code high:low}. */
        void addExact(long valueHigh, long valueLow) {
            long sum = low + valueLow;
            high += valueHigh + (Long.compareUnsigned(sum, low) < 0 ? 1 : 0);
            low = sum;
        }

        void addFloating(double value) {
            double sum = floating + value;
            compensation += Math.abs(floating) >= Math.abs(value) ? (floating - sum) + value : (value - sum) + floating;
            floating = sum;
        }

        /** Adds {@code other}'s count and sums into this one. */
        void merge(Accumulator other) {
            count += other.count;
            addExact(other.high, other.low);
            addFloating(other.floating);
            addFloating(other.compensation);
        }

        Column column(String name, Kind kind) {
            Number sum = kind == Kind.FLOATING
                    ? (Number) (floating + compensation)
                    : BigInteger.valueOf(high).shiftLeft(64).add(new BigInteger(Long.toUnsignedString(low)));
            return new Column(name, kind, count, sum);
        }
    }

    /** A flat column of the schema, how it is summed, and DuckDB's expression of its sum. */
    private record Leaf(String name, ColumnDescriptor descriptor, Kind kind, String duckDbSum) {
    }

    private static List<Leaf> leaves(MessageType schema, Path file) {
        List<Leaf> leaves = new ArrayList<>();
        for (ColumnDescriptor descriptor : schema.getColumns()) {
            if (descriptor.getPath().length != 1) {
                throw new IllegalArgumentException("ColumnAggregates reads flat files; "
                        + String.join(".", descriptor.getPath()) + " of " + file + " is nested");
            }
            String name = descriptor.getPath()[0];
            String column = '"' + name.replace("\"", "\"\"") + '"';
            PrimitiveType type = descriptor.getPrimitiveType();
            LogicalTypeAnnotation logical = type.getLogicalTypeAnnotation();
            Leaf leaf = switch (type.getPrimitiveTypeName()) {
                case BOOLEAN -> new Leaf(name, descriptor, Kind.EXACT, "sum(" + column + "::INTEGER)");
                case INT32 -> {
                    if (logical != null && !(logical instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation)) {
                        throw unsupported(name, type, file);
                    }
                    yield new Leaf(name, descriptor, Kind.EXACT, "sum(" + column + ")");
                }
                case INT64 -> {
                    if (logical == null || logical instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation) {
                        yield new Leaf(name, descriptor, Kind.EXACT, "sum(" + column + ")");
                    }
                    if (!(logical instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation timestamp)) {
                        throw unsupported(name, type, file);
                    }
                    // the stored value: units since the epoch, whatever the time zone annotation
                    String epoch = switch (timestamp.getUnit()) {
                        case MILLIS -> "epoch_ms";
                        case MICROS -> "epoch_us";
                        case NANOS -> "epoch_ns";
                    };
                    yield new Leaf(name, descriptor, Kind.EXACT, "sum(" + epoch + "(" + column + "))");
                }
                case FLOAT, DOUBLE -> new Leaf(name, descriptor, Kind.FLOATING, "sum(" + column + ")");
                case BINARY -> {
                    // DuckDB reads STRING as VARCHAR (strlen: bytes of the UTF-8) and unannotated BINARY as BLOB
                    if (logical instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation) {
                        yield new Leaf(name, descriptor, Kind.BYTES, "sum(strlen(" + column + "))");
                    }
                    if (logical != null) throw unsupported(name, type, file);
                    yield new Leaf(name, descriptor, Kind.BYTES, "sum(octet_length(" + column + "))");
                }
                case FIXED_LEN_BYTE_ARRAY, INT96 -> throw unsupported(name, type, file);
            };
            leaves.add(leaf);
        }
        return leaves;
    }

    private static IllegalArgumentException unsupported(String name, PrimitiveType type, Path file) {
        return new IllegalArgumentException("ColumnAggregates does not aggregate column " + name + " of " + file
                + " (" + type + ")");
    }

    /**
     * DuckDB's query of these aggregates of {@code file}: one row, per column {@code count(c)} then its sum, read
     * with {@link DuckDbQuery#read}.
     */
    public static DuckDbQuery duckDbQuery(Path file) {
        MessageType schema;
        ParquetReadOptions options = ParquetReadOptions.builder(new PlainParquetConfiguration()).build();
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file), options)) {
            schema = reader.getFooter().getFileMetaData().getSchema();
        } catch (IOException e) {
            throw new UncheckedIOException("reading the footer of " + file, e);
        }
        List<Leaf> leaves = leaves(schema, file);
        StringBuilder sql = new StringBuilder("SELECT ");
        for (int c = 0; c < leaves.size(); c++) {
            Leaf leaf = leaves.get(c);
            if (c > 0) sql.append(", ");
            sql.append("count(\"").append(leaf.name().replace("\"", "\"\"")).append("\"), ").append(leaf.duckDbSum());
        }
        sql.append(" FROM read_parquet('").append(file.toAbsolutePath().toString().replace("'", "''")).append("')");
        return new DuckDbQuery(file, sql.toString(), leaves);
    }

    /** A DuckDB query of a file's aggregates and how to read its row. */
    public static final class DuckDbQuery {
        private final Path file;
        private final String sql;
        private final List<Leaf> leaves;

        private DuckDbQuery(Path file, String sql, List<Leaf> leaves) {
            this.file = file;
            this.sql = sql;
            this.leaves = leaves;
        }

        public String sql() {
            return sql;
        }

        /** The aggregates in the query's one row (the result set is read, not closed). */
        public ColumnAggregates read(ResultSet result) throws SQLException {
            if (!result.next()) throw new IllegalStateException("DuckDB returned no row for " + file);
            List<Column> columns = new ArrayList<>(leaves.size());
            for (int c = 0; c < leaves.size(); c++) {
                Leaf leaf = leaves.get(c);
                long count = result.getLong(2 * c + 1);
                Object sum = result.getObject(2 * c + 2);
                Number value;
                if (leaf.kind() == Kind.FLOATING) {
                    value = sum == null ? 0.0 : ((Number) sum).doubleValue();
                } else {
                    // HUGEINT comes back as a BigInteger; anything integral is parsed from its digits
                    value = sum == null ? BigInteger.ZERO : new BigInteger(sum.toString());
                }
                columns.add(new Column(leaf.name(), leaf.kind(), count, value));
            }
            if (result.next()) throw new IllegalStateException("DuckDB returned more than one row for " + file);
            return new ColumnAggregates(file, columns);
        }
    }

    /**
     * Throws {@link IllegalStateException} unless {@code actual} (what {@code reader} computed over this file) has
     * the same columns, counts and exact sums, and floating sums within {@link #FLOATING_TOLERANCE} of these.
     */
    public void check(String reader, ColumnAggregates actual) {
        if (actual.columns().size() != columns.size()) {
            throw new IllegalStateException(reader + " aggregated " + actual.columns().size() + " columns of " + file
                    + ", parquet-java " + columns.size());
        }
        for (int c = 0; c < columns.size(); c++) {
            Column expected = columns.get(c);
            Column got = actual.columns().get(c);
            String what = null;
            if (!got.name().equals(expected.name()) || got.kind() != expected.kind()) {
                what = "column " + c + " is " + got.name() + " (" + got.kind() + "), parquet-java's " + expected.name()
                        + " (" + expected.kind() + ")";
            } else if (got.count() != expected.count()) {
                what = "column " + expected.name() + ": " + got.count() + " non-null values, parquet-java "
                        + expected.count();
            } else if (!sumsAgree(expected, got)) {
                what = "column " + expected.name() + ": sum " + got.sum() + ", parquet-java " + expected.sum();
            }
            if (what != null) {
                throw new IllegalStateException(reader + " read " + file + " but " + what
                        + ": the readers disagree on some value");
            }
        }
    }

    private static boolean sumsAgree(Column expected, Column got) {
        if (expected.kind() != Kind.FLOATING) return expected.sum().equals(got.sum());
        double a = expected.sum().doubleValue();
        double b = got.sum().doubleValue();
        return a == b || Math.abs(a - b) <= FLOATING_TOLERANCE * Math.max(Math.abs(a), Math.abs(b));
    }

    String toTsv() {
        StringBuilder tsv = new StringBuilder();
        for (Column column : columns) {
            tsv.append(column.name()).append('\t').append(column.kind()).append('\t').append(column.count()).append('\t')
                    .append(column.sum()).append('\n');
        }
        return tsv.toString();
    }

    static ColumnAggregates fromTsv(Path file, String tsv) {
        List<Column> columns = new ArrayList<>();
        for (String line : tsv.strip().split("\n")) {
            String[] fields = line.split("\t");
            if (fields.length != 4) throw new IllegalArgumentException("bad aggregates line of " + file + ": " + line);
            Kind kind = Kind.valueOf(fields[1].toUpperCase(Locale.ROOT));
            // Double.toString gives the shortest decimal that reads back as the same double
            Number sum = kind == Kind.FLOATING ? (Number) Double.parseDouble(fields[3]) : new BigInteger(fields[3]);
            columns.add(new Column(fields[0], kind, Long.parseLong(fields[2]), sum));
        }
        return new ColumnAggregates(file, columns);
    }
}
