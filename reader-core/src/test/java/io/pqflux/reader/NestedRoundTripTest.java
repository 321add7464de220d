package io.pqflux.reader;

import static org.assertj.core.api.Assertions.assertThat;

import io.pqflux.nested.ListValue;
import io.pqflux.nested.MapValue;
import io.pqflux.nested.StructValue;
import java.io.IOException;
import java.nio.file.Path;
import io.pqflux.filter.Predicate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.apache.parquet.column.ParquetProperties.WriterVersion;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.apache.parquet.schema.Type;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every list and map form, written by parquet-java with nulls and empty collections at every level and
 * small pages, reads back identically; and the logical views say what the rules say.
 */
class NestedRoundTripTest {

    private static final MessageType SCHEMA = MessageTypeParser.parseMessageType("""
            message nested {
              required int32 id;
              optional group tags (LIST) { repeated group list { optional binary element (UTF8); } }
              optional group matrix (LIST) { repeated group list { optional group element (LIST) { repeated group list { optional int32 element; } } } }
              optional group attrs (MAP) { repeated group key_value { required binary key (UTF8); optional group value { optional int64 a; repeated int32 b; } } }
              optional group legacy_map (MAP_KEY_VALUE) { repeated group map { required int32 key; optional double value; } }
              repeated int32 bare_ints;
              repeated group bare_structs { required int32 x; optional binary y (UTF8); }
              optional group two_level (LIST) { repeated int64 array; }
              optional group one_tuple (LIST) { repeated group one_tuple_tuple { required boolean flag; } }
              optional group deep { optional group inner { optional group leaf_list (LIST) { repeated group list { required float element; } } } }
            }""");

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(WriterVersion.class)
    void randomRowsReadIdenticallyToParquetJava(WriterVersion version) throws IOException {
        Path file = dir.resolve("nested-" + version + ".parquet");
        Random random = new Random(20261121L + version.ordinal());
        SimpleGroupFactory groups = new SimpleGroupFactory(SCHEMA);
        try (ParquetWriter<Group> writer = writer(file, version)) {
            for (int id = 0; id < 3000; id++) {
                Group row = groups.newGroup();
                fill(row, SCHEMA, random, 0);
                writer.write(withId(row, id));
            }
        }
        CorpusDifferentialTest.assertIdenticalToParquetJava(file);
    }

    /** A filter on a top-level column slices every nested column to the same rows, across unaligned pages. */
    @Test
    void filteredReadsSliceNestedColumnsToTheMatchingRows() throws IOException {
        Path file = dir.resolve("filtered.parquet");
        Random random = new Random(7);
        SimpleGroupFactory groups = new SimpleGroupFactory(SCHEMA);
        try (ParquetWriter<Group> writer = writer(file, WriterVersion.PARQUET_2_0)) {
            for (int id = 0; id < 3000; id++) {
                Group row = groups.newGroup();
                fill(row, SCHEMA, random, 0);
                writer.write(withId(row, id));
            }
        }
        List<Group> oracle = ParquetJavaOracle.read(file).rows();
        Predicate predicate = Predicate.and(Predicate.gtEq("id", 1234), Predicate.lt("id", 1334));
        List<Integer> ids = new ArrayList<>();
        ReadMetrics metrics;
        try (ParquetReader reader = ParquetReader.open(file, ReadOptions.defaults().withFilter(predicate));
             RowCursor rows = reader.rows()) {
            CanonicalRows canonical = new CanonicalRows(reader.projectedColumns());
            while (rows.next()) {
                int id = rows.getInt("id");
                ids.add(id);
                for (int f = 0; f < rows.size(); f++) {
                    assertThat(CanonicalRows.ours(rows, f)).as("row " + id + " " + rows.field(f).name())
                            .isEqualTo(canonical.oracle(oracle.get(id), rows.field(f)));
                }
            }
            metrics = reader.metrics();
        }
        assertThat(ids).isEqualTo(IntStream.range(1234, 1334).boxed().toList());
        assertThat(metrics.pagesSkipped()).as("pages the column index ruled out").isPositive();
        assertThat(metrics.rowsScanned()).isLessThan(3000);
    }

    @Test
    void viewsFollowTheLogicalTypes() throws IOException {
        Path file = dir.resolve("known.parquet");
        SimpleGroupFactory groups = new SimpleGroupFactory(SCHEMA);
        Group row = groups.newGroup().append("id", 7);
        Group tags = row.addGroup("tags");
        tags.addGroup("list").append("element", "a");
        tags.addGroup("list");
        Group matrix = row.addGroup("matrix");
        matrix.addGroup("list").addGroup("element").addGroup("list").append("element", 1);
        matrix.addGroup("list");
        matrix.addGroup("list").addGroup("element");
        Group entry = row.addGroup("attrs").addGroup("key_value").append("key", "k");
        entry.addGroup("value").append("a", 5L).append("b", 1).append("b", 2);
        row.addGroup("legacy_map").addGroup("map").append("key", 3).append("value", 0.5);
        row.append("bare_ints", 4).append("bare_ints", 5);
        row.addGroup("bare_structs").append("x", 9);
        row.addGroup("two_level").append("array", 10L);
        row.addGroup("one_tuple").addGroup("one_tuple_tuple").append("flag", true);
        row.addGroup("deep").addGroup("inner");
        Group empty = groups.newGroup().append("id", 8);
        try (ParquetWriter<Group> writer = writer(file, WriterVersion.PARQUET_1_0)) {
            writer.write(row);
            writer.write(empty);
        }
        try (ParquetReader reader = ParquetReader.open(file); RowCursor rows = reader.rows()) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getInt("id")).isEqualTo(7);
            assertThat(rows.getList("tags").asList()).containsExactly("a", null);
            assertThat(rows.getList("matrix").toString()).isEqualTo("[[1], null, []]");
            MapValue attrs = rows.getMap("attrs");
            assertThat(attrs.keys().getString(0)).isEqualTo("k");
            StructValue value = attrs.values().getStruct(0);
            assertThat(value.getLong("a")).isEqualTo(5L);
            assertThat(value.getList("b").asList()).containsExactly(1, 2);
            assertThat(rows.getMap("legacy_map").asMap()).isEqualTo(Map.of(3, 0.5));
            assertThat(rows.getList("bare_ints").asList()).containsExactly(4, 5);
            ListValue structs = rows.getList("bare_structs");
            assertThat(structs.getStruct(0).asMap()).containsOnlyKeys("x", "y").containsEntry("x", 9).containsEntry("y", null);
            assertThat(rows.getList("two_level").asList()).containsExactly(10L);
            assertThat(rows.getList("one_tuple").getStruct(0).asMap()).isEqualTo(Map.of("flag", true));
            assertThat(rows.getStruct("deep").getStruct("inner").isNull("leaf_list")).isTrue();

            assertThat(rows.next()).isTrue();
            for (String nullable : List.of("tags", "matrix", "attrs", "legacy_map", "two_level", "one_tuple", "deep")) {
                assertThat(rows.isNull(nullable)).as(nullable).isTrue();
                assertThat(rows.getObject(nullable)).isNull();
            }
            assertThat(rows.isNull("bare_ints")).as("a bare repeated field is never null").isFalse();
            assertThat(rows.getList("bare_ints").size()).isZero();
            assertThat(rows.next()).isFalse();
        }
    }

    private static ParquetWriter<Group> writer(Path file, WriterVersion version) throws IOException {
        return ParquetJavaWriters.builder(file, SCHEMA)
                .withWriterVersion(version)
                .withCompressionCodec(CompressionCodecName.SNAPPY)
                .withPageSize(512)
                .withRowGroupSize(64 * 1024L)
                .build();
    }

    private static Group withId(Group row, int id) {
        if (row.getFieldRepetitionCount("id") == 0) row.append("id", id);
        return row;
    }

    /** Random content for every field of {@code type}: optional fields absent a third of the time, 0-3 repeats. */
    private static void fill(Group group, GroupType type, Random random, int depth) {
        for (Type field : type.getFields()) {
            if (field.getName().equals("id")) continue;
            int count = switch (field.getRepetition()) {
                case REQUIRED -> 1;
                case OPTIONAL -> random.nextInt(3) == 0 ? 0 : 1;
                case REPEATED -> random.nextInt(4);
            };
            for (int i = 0; i < count; i++) {
                if (field.isPrimitive()) appendPrimitive(group, field, random);
                else fill(group.addGroup(field.getName()), field.asGroupType(), random, depth + 1);
            }
        }
    }

    private static void appendPrimitive(Group group, Type field, Random random) {
        String name = field.getName();
        switch (field.asPrimitiveType().getPrimitiveTypeName()) {
            case INT32 -> group.append(name, random.nextInt(100));
            case INT64 -> group.append(name, random.nextLong());
            case DOUBLE -> group.append(name, random.nextDouble());
            case FLOAT -> group.append(name, random.nextFloat());
            case BOOLEAN -> group.append(name, random.nextBoolean());
            case BINARY -> group.append(name, Binary.fromString("s" + random.nextInt(50)));
            default -> throw new IllegalArgumentException(field.toString());
        }
    }
}
