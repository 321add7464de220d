package io.pqflux.schema;

import static org.assertj.core.api.Assertions.assertThat;

import io.pqflux.error.InvalidAnnotationException;
import io.pqflux.io.BytesInputFile;
import io.pqflux.reader.ParquetReader;
import io.pqflux.reader.ReadOptions;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.parquet.format.BsonType;
import org.apache.parquet.format.ConvertedType;
import org.apache.parquet.format.DateType;
import org.apache.parquet.format.DecimalType;
import org.apache.parquet.format.EnumType;
import org.apache.parquet.format.FieldRepetitionType;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.Float16Type;
import org.apache.parquet.format.GeographyType;
import org.apache.parquet.format.GeometryType;
import org.apache.parquet.format.IntType;
import org.apache.parquet.format.JsonType;
import org.apache.parquet.format.ListType;
import org.apache.parquet.format.LogicalType;
import org.apache.parquet.format.MapType;
import org.apache.parquet.format.MicroSeconds;
import org.apache.parquet.format.MilliSeconds;
import org.apache.parquet.format.NanoSeconds;
import org.apache.parquet.format.NullType;
import org.apache.parquet.format.SchemaElement;
import org.apache.parquet.format.StringType;
import org.apache.parquet.format.TimeType;
import org.apache.parquet.format.TimeUnit;
import org.apache.parquet.format.TimestampType;
import org.apache.parquet.format.Type;
import org.apache.parquet.format.UUIDType;
import org.apache.parquet.format.Util;
import org.apache.parquet.format.VariantType;
import org.apache.parquet.format.converter.ParquetMetadataConverter;
import org.junit.jupiter.api.Test;

/**
 * Every logical annotation (and every legacy converted type) on every physical type, at FIXED_LEN_BYTE_ARRAY lengths
 * around each rule's boundary: pqflux refuses a footer with an {@link InvalidAnnotationException} exactly when
 * parquet-java 1.18.1's metadata converter refuses it, and a lenient read opens every one of them, the refused
 * column's annotations dropped. The footers are built with parquet-format-structures, one column each, no rows.
 */
class AnnotationDifferentialTest {

    private static final String FILE = "annotated.parquet";

    private static final List<Object[]> PHYSICAL = List.of(
            new Object[] {Type.BOOLEAN, null}, new Object[] {Type.INT32, null}, new Object[] {Type.INT64, null},
            new Object[] {Type.INT96, null}, new Object[] {Type.FLOAT, null}, new Object[] {Type.DOUBLE, null},
            new Object[] {Type.BYTE_ARRAY, null},
            fixed(1), fixed(2), fixed(3), fixed(4), fixed(8), fixed(9), fixed(12), fixed(15), fixed(16), fixed(17),
            fixed(128), fixed(129), fixed(300));

    private static Object[] fixed(int length) {
        return new Object[] {Type.FIXED_LEN_BYTE_ARRAY, length};
    }

    @Test
    void logicalTypesAloneAreRefusedExactlyWhereParquetJavaRefusesThem() {
        Tally tally = new Tally();
        logicalTypes().forEach((name, logical) -> PHYSICAL.forEach(physical ->
                tally.compare(name, physical, e -> e.setLogicalType(logical.deepCopy()))));
        tally.assertBothOutcomesSeen(60);
    }

    @Test
    void convertedTypesAloneAreRefusedExactlyWhereParquetJavaRefusesThem() {
        Tally tally = new Tally();
        for (ConvertedType converted : ConvertedType.values()) {
            if (converted == ConvertedType.DECIMAL) continue;
            PHYSICAL.forEach(physical -> tally.compare(converted.name(), physical, e -> e.setConverted_type(converted)));
        }
        // DECIMAL's precision and scale are fields of the element; either may be missing
        Integer[][] precisionScale = {{9, 2}, {10, 0}, {18, 18}, {19, 0}, {38, 0}, {39, 0}, {1000, 0}, {3, null},
                {null, null}, {null, 0}, {0, 0}, {2, 3}, {2, -1}};
        for (Integer[] ps : precisionScale) {
            PHYSICAL.forEach(physical -> tally.compare("DECIMAL p=" + ps[0] + " s=" + ps[1], physical, e -> {
                e.setConverted_type(ConvertedType.DECIMAL);
                if (ps[0] != null) e.setPrecision(ps[0]);
                if (ps[1] != null) e.setScale(ps[1]);
            }));
        }
        tally.assertBothOutcomesSeen(40);
    }

    /** What writers emit: the logical type with the converted type that stands for it, if there is one. */
    @Test
    void logicalTypesWithTheirConvertedTypesAreRefusedExactlyWhereParquetJavaRefusesThem() {
        Tally tally = new Tally();
        logicalTypes().forEach((name, logical) -> {
            ConvertedType converted = convertedFormOf(logical);
            if (converted == null) return;
            PHYSICAL.forEach(physical -> tally.compare(name + " + " + converted, physical, e -> {
                e.setLogicalType(logical.deepCopy());
                e.setConverted_type(converted);
                if (logical.isSetDECIMAL()) {
                    e.setPrecision(logical.getDECIMAL().getPrecision());
                    e.setScale(logical.getDECIMAL().getScale());
                }
            }));
        });
        tally.assertBothOutcomesSeen(30);
    }

    /**
     * A converted type of another kind than the logical type: parquet-java reads the converted type in its place, so
     * a converted type that does not fit is refused by both. pqflux reads the logical type, so it also refuses one
     * that does not fit where parquet-java reads the converted type instead: stricter there, never laxer. A DECIMAL
     * converted type is left out: beside a logical type of another kind parquet-java refuses it whatever its precision
     * and scale (its schema builder checks the scale against the other annotation's), a refusal of the contradiction
     * rather than of a type the annotation cannot have; pqflux reads the logical type there.
     */
    @Test
    void contradictingAnnotationsAreRefusedWheneverParquetJavaRefusesThem() {
        List<Object[]> physicalTypes = List.of(new Object[] {Type.INT32, null}, new Object[] {Type.INT64, null},
                new Object[] {Type.BYTE_ARRAY, null}, fixed(12), fixed(16));
        int compared = 0;
        for (Map.Entry<String, LogicalType> logical : logicalTypes().entrySet()) {
            for (ConvertedType converted : ConvertedType.values()) {
                if (converted == convertedFormOf(logical.getValue()) || converted == ConvertedType.DECIMAL) continue;
                for (Object[] physical : physicalTypes) {
                    Consumer<SchemaElement> annotate = e -> {
                        e.setLogicalType(logical.getValue().deepCopy());
                        e.setConverted_type(converted);
                        e.setPrecision(9);
                        e.setScale(2);
                    };
                    byte[] footer = footer(physical, annotate);
                    String parquetJava = parquetJavaRefusal(footer);
                    InvalidAnnotationException pqflux = pqfluxRefusal(footer);
                    if (parquetJava != null) {
                        assertThat(pqflux).as("%s + %s on %s: parquet-java refuses (%s)", logical.getKey(), converted,
                                describe(physical), parquetJava).isNotNull();
                    }
                    compared++;
                }
            }
        }
        assertThat(compared).isGreaterThan(2_000);
    }

    @Test
    void theRefusalNamesTheFileTheColumnTheAnnotationAndThePhysicalType() {
        InvalidAnnotationException refusal = pqfluxRefusal(footer(new Object[] {Type.BOOLEAN, null},
                e -> e.setLogicalType(LogicalType.DECIMAL(new DecimalType(2, 9)))));
        assertThat(refusal.annotation()).isEqualTo("DECIMAL(9,2)");
        assertThat(refusal.physicalType()).isEqualTo("BOOLEAN");
        assertThat(refusal.location().file()).isEqualTo(FILE);
        assertThat(refusal.location().column()).isEqualTo("c");
        assertThat(refusal.getMessage()).contains(FILE, "column c", "DECIMAL(9,2) cannot annotate BOOLEAN",
                "DECIMAL annotates INT32, INT64, BYTE_ARRAY or FIXED_LEN_BYTE_ARRAY only");
    }

    /** Counts the combinations and checks each against parquet-java, strict and lenient. */
    private static final class Tally {
        private int refused;
        private int accepted;

        void compare(String annotation, Object[] physical, Consumer<SchemaElement> annotate) {
            byte[] footer = footer(physical, annotate);
            String parquetJava = parquetJavaRefusal(footer);
            InvalidAnnotationException pqflux = pqfluxRefusal(footer);
            String what = annotation + " on " + describe(physical);
            if (parquetJava == null) {
                assertThat(pqflux).as("%s: parquet-java accepts it", what).isNull();
                accepted++;
            } else {
                assertThat(pqflux).as("%s: parquet-java refuses it (%s)", what, parquetJava).isNotNull();
                assertThat(pqflux.location().column()).isEqualTo("c");
                assertThat(pqflux.physicalType()).isEqualTo(describe(physical));
                refused++;
            }
            try (ParquetReader lenient = ParquetReader.open(new BytesInputFile(FILE, file(footer)),
                    ReadOptions.defaults().withLenientAnnotations(true))) {
                ColumnDescriptor column = lenient.schema().columns().getFirst();
                if (pqflux != null) {
                    assertThat(column.logicalType()).as(what).isNull();
                    assertThat(column.convertedType()).as(what).isNull();
                }
            }
        }

        void assertBothOutcomesSeen(int atLeastAccepted) {
            assertThat(accepted).isGreaterThanOrEqualTo(atLeastAccepted);
            assertThat(refused).isGreaterThan(accepted);
        }
    }

    /** parquet-java's reason for refusing the footer, or null when it reads it. */
    private static String parquetJavaRefusal(byte[] footer) {
        try {
            new ParquetMetadataConverter().readParquetMetadata(new ByteArrayInputStream(footer),
                    ParquetMetadataConverter.NO_FILTER);
            return null;
        } catch (IOException | RuntimeException e) {
            return e.toString();
        }
    }

    /** pqflux's refusal of the file with this footer, or null when it opens it; any other error fails the test. */
    private static InvalidAnnotationException pqfluxRefusal(byte[] footer) {
        try {
            ParquetReader.open(new BytesInputFile(FILE, file(footer)), ReadOptions.defaults()).close();
            return null;
        } catch (InvalidAnnotationException e) {
            return e;
        }
    }

    private static byte[] footer(Object[] physical, Consumer<SchemaElement> annotate) {
        SchemaElement root = new SchemaElement("root");
        root.setNum_children(1);
        SchemaElement column = new SchemaElement("c");
        column.setType((Type) physical[0]);
        if (physical[1] != null) column.setType_length((Integer) physical[1]);
        column.setRepetition_type(FieldRepetitionType.OPTIONAL);
        annotate.accept(column);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            Util.writeFileMetaData(new FileMetaData(1, List.of(root, column), 0, List.of()), out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A file of no row groups around {@code footer}. */
    private static byte[] file(byte[] footer) {
        byte[] magic = "PAR1".getBytes(StandardCharsets.US_ASCII);
        return ByteBuffer.allocate(footer.length + 12).order(ByteOrder.LITTLE_ENDIAN)
                .put(magic).put(footer).putInt(footer.length).put(magic).array();
    }

    private static String describe(Object[] physical) {
        String name = physical[0] == Type.FIXED_LEN_BYTE_ARRAY ? "FIXED_LEN_BYTE_ARRAY" : physical[0].toString();
        return physical[1] == null ? name : name + "(" + physical[1] + ")";
    }

    private static Map<String, LogicalType> logicalTypes() {
        Map<String, LogicalType> types = new LinkedHashMap<>();
        types.put("STRING", LogicalType.STRING(new StringType()));
        types.put("ENUM", LogicalType.ENUM(new EnumType()));
        types.put("JSON", LogicalType.JSON(new JsonType()));
        types.put("BSON", LogicalType.BSON(new BsonType()));
        types.put("UUID", LogicalType.UUID(new UUIDType()));
        types.put("FLOAT16", LogicalType.FLOAT16(new Float16Type()));
        types.put("DATE", LogicalType.DATE(new DateType()));
        types.put("UNKNOWN", LogicalType.UNKNOWN(new NullType()));
        types.put("LIST", LogicalType.LIST(new ListType()));
        types.put("MAP", LogicalType.MAP(new MapType()));
        types.put("VARIANT", LogicalType.VARIANT(new VariantType()));
        types.put("GEOMETRY", LogicalType.GEOMETRY(new GeometryType()));
        types.put("GEOGRAPHY", LogicalType.GEOGRAPHY(new GeographyType()));
        int[][] precisionScale = {{1, 0}, {2, 0}, {3, 1}, {9, 2}, {10, 2}, {18, 18}, {19, 0}, {36, 0}, {38, 0},
                {39, 0}, {300, 0}, {1000, 0}, {0, 0}, {2, 3}, {2, -1}};
        for (int[] ps : precisionScale) {
            types.put("DECIMAL(" + ps[0] + "," + ps[1] + ")", LogicalType.DECIMAL(new DecimalType(ps[1], ps[0])));
        }
        List<TimeUnit> units = List.of(TimeUnit.MILLIS(new MilliSeconds()), TimeUnit.MICROS(new MicroSeconds()),
                TimeUnit.NANOS(new NanoSeconds()));
        for (TimeUnit unit : units) {
            for (boolean utc : new boolean[] {true, false}) {
                types.put("TIME(" + unit.getSetField() + "," + utc + ")", LogicalType.TIME(new TimeType(utc, unit)));
                types.put("TIMESTAMP(" + unit.getSetField() + "," + utc + ")",
                        LogicalType.TIMESTAMP(new TimestampType(utc, unit)));
            }
        }
        for (int width : new int[] {8, 16, 32, 64, 0, 7, 24}) {
            for (boolean signed : new boolean[] {true, false}) {
                types.put("INT(" + width + "," + signed + ")", LogicalType.INTEGER(new IntType((byte) width, signed)));
            }
        }
        return types;
    }

    /** The converted type parquet-java writes beside {@code logical}, or null when there is none. */
    private static ConvertedType convertedFormOf(LogicalType logical) {
        return switch (logical.getSetField()) {
            case STRING -> ConvertedType.UTF8;
            case ENUM -> ConvertedType.ENUM;
            case JSON -> ConvertedType.JSON;
            case BSON -> ConvertedType.BSON;
            case DATE -> ConvertedType.DATE;
            case LIST -> ConvertedType.LIST;
            case MAP -> ConvertedType.MAP;
            case DECIMAL -> ConvertedType.DECIMAL;
            case TIME -> switch (logical.getTIME().getUnit().getSetField()) {
                case MILLIS -> ConvertedType.TIME_MILLIS;
                case MICROS -> ConvertedType.TIME_MICROS;
                default -> null;
            };
            case TIMESTAMP -> switch (logical.getTIMESTAMP().getUnit().getSetField()) {
                case MILLIS -> ConvertedType.TIMESTAMP_MILLIS;
                case MICROS -> ConvertedType.TIMESTAMP_MICROS;
                default -> null;
            };
            case INTEGER -> integerForm(logical.getINTEGER());
            default -> null;
        };
    }

    private static ConvertedType integerForm(IntType type) {
        String name = (type.isIsSigned() ? "INT_" : "UINT_") + type.getBitWidth();
        for (ConvertedType converted : ConvertedType.values()) if (converted.name().equals(name)) return converted;
        return null;
    }
}
