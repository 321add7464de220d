package io.pqflux.reader;

import io.pqflux.internal.filter.Literals;
import io.pqflux.filter.Predicate;
import io.pqflux.schema.ColumnDescriptor;
import io.pqflux.schema.MessageSchema;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.filter2.compat.FilterCompat;
import org.apache.parquet.filter2.predicate.FilterApi;
import org.apache.parquet.filter2.predicate.FilterPredicate;
import org.apache.parquet.filter2.predicate.Operators;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;

/**
 * parquet-java's own filtering (statistics, dictionary, column index, bloom filter and record-level filtering,
 * all on) as an oracle for predicates whose semantics the two readers share: no {@code not} (parquet-java
 * rewrites it into the inverse comparison, which drops nulls) and no floating-point columns (parquet-java
 * compares with {@code Double.compare}: NaN equals NaN, -0.0 is below 0.0).
 */
final class ParquetJavaFilter {

    private ParquetJavaFilter() {
    }

    /** The records parquet-java returns with the filter on, and the row ranges its column index filtering keeps. */
    record Result(List<Group> records, List<org.apache.parquet.filter2.columnindex.RowRanges> rowRanges) {
    }

    static Result read(Path path, Predicate predicate, MessageSchema schema) throws IOException {
        FilterCompat.Filter filter = FilterCompat.get(translate(predicate, schema));
        ParquetReadOptions options = ParquetReadOptions.builder(new PlainParquetConfiguration()).withRecordFilter(filter)
                .useStatsFilter().useDictionaryFilter().useColumnIndexFilter().useBloomFilter().useRecordFilter().build();
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(path), options)) {
            MessageType fileSchema = reader.getFooter().getFileMetaData().getSchema();
            MessageColumnIO columnIO = new ColumnIOFactory().getColumnIO(fileSchema);
            List<org.apache.parquet.filter2.columnindex.RowRanges> ranges = new ArrayList<>();
            for (int g = 0; g < reader.getRowGroups().size(); g++) ranges.add(reader.getRowRanges(g));
            List<Group> records = new ArrayList<>();
            for (PageReadStore pages = reader.readNextFilteredRowGroup(); pages != null; pages = reader.readNextFilteredRowGroup()) {
                RecordReader<Group> recordReader = columnIO.getRecordReader(pages, new GroupRecordConverter(fileSchema), filter);
                for (long i = 0; i < pages.getRowCount(); i++) {
                    Group record = recordReader.read();
                    if (!recordReader.shouldSkipCurrentRecord() && record != null) records.add(record);
                }
            }
            return new Result(records, ranges);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static FilterPredicate translate(Predicate predicate, MessageSchema schema) {
        return switch (predicate) {
            case Predicate.Comparison c -> {
                ColumnDescriptor column = schema.column(c.column()).orElseThrow();
                Operators.Column col = column(column);
                Comparable v = value(c.value(), column);
                yield switch (c.operator()) {
                    case EQ -> FilterApi.eq((Operators.Column & Operators.SupportsEqNotEq) col, v);
                    case NOT_EQ -> FilterApi.notEq((Operators.Column & Operators.SupportsEqNotEq) col, v);
                    case LT -> FilterApi.lt((Operators.Column & Operators.SupportsLtGt) col, v);
                    case LT_EQ -> FilterApi.ltEq((Operators.Column & Operators.SupportsLtGt) col, v);
                    case GT -> FilterApi.gt((Operators.Column & Operators.SupportsLtGt) col, v);
                    case GT_EQ -> FilterApi.gtEq((Operators.Column & Operators.SupportsLtGt) col, v);
                };
            }
            case Predicate.In in -> {
                ColumnDescriptor column = schema.column(in.column()).orElseThrow();
                Set values = new HashSet<>();
                for (Object v : in.values()) values.add(value(v, column));
                yield FilterApi.in((Operators.Column & Operators.SupportsEqNotEq) column(column), values);
            }
            case Predicate.IsNull n -> FilterApi.eq((Operators.Column & Operators.SupportsEqNotEq) column(
                    schema.column(n.column()).orElseThrow()), null);
            case Predicate.IsNotNull n -> FilterApi.notEq((Operators.Column & Operators.SupportsEqNotEq) column(
                    schema.column(n.column()).orElseThrow()), null);
            case Predicate.And and -> and.operands().stream().map(p -> translate(p, schema)).reduce(FilterApi::and).orElseThrow();
            case Predicate.Or or -> or.operands().stream().map(p -> translate(p, schema)).reduce(FilterApi::or).orElseThrow();
            case Predicate.Not not -> throw new IllegalArgumentException("parquet-java rewrites not() with other null semantics");
        };
    }

    private static Operators.Column<?> column(ColumnDescriptor column) {
        String path = column.dottedPath();
        return switch (column.physicalType()) {
            case BOOLEAN -> FilterApi.booleanColumn(path);
            case INT32 -> FilterApi.intColumn(path);
            case INT64 -> FilterApi.longColumn(path);
            case BYTE_ARRAY, FIXED_LEN_BYTE_ARRAY -> FilterApi.binaryColumn(path);
            case FLOAT, DOUBLE, INT96 -> throw new IllegalArgumentException("not compared alike: " + column.physicalType());
        };
    }

    /** The literal as parquet-java's physical value, through the same PLAIN form pqflux compares. */
    private static Comparable<?> value(Object literal, ColumnDescriptor column) {
        byte[] plain = Literals.toPlain(literal, column);
        ByteBuffer le = ByteBuffer.wrap(plain).order(ByteOrder.LITTLE_ENDIAN);
        return switch (column.physicalType()) {
            case BOOLEAN -> plain[0] != 0;
            case INT32 -> le.getInt();
            case INT64 -> le.getLong();
            default -> Binary.fromConstantByteArray(plain);
        };
    }
}
