package io.pqflux.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pqflux.error.CorruptFileException;
import io.pqflux.format.meta.ConvertedType;
import io.pqflux.format.meta.FieldRepetitionType;
import io.pqflux.format.meta.LogicalType;
import io.pqflux.format.meta.PhysicalType;
import io.pqflux.format.meta.SchemaElement;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchemaBuilderTest {

    private static SchemaElement group(String name, FieldRepetitionType rep, int children, ConvertedType converted) {
        return new SchemaElement(null, null, rep, name, children, converted, null, null, null, null, null);
    }

    private static SchemaElement leaf(String name, FieldRepetitionType rep, PhysicalType type, Integer length) {
        return new SchemaElement(type, length, rep, name, null, null, null, null, null, null, null);
    }

    @Test
    void levelsAndPathsFollowTheNesting() {
        MessageSchema schema = SchemaBuilder.build(List.of(
                group("root", null, 2, null),
                leaf("id", FieldRepetitionType.REQUIRED, PhysicalType.INT64, null),
                group("tags", FieldRepetitionType.OPTIONAL, 1, ConvertedType.LIST),
                group("list", FieldRepetitionType.REPEATED, 1, null),
                leaf("element", FieldRepetitionType.OPTIONAL, PhysicalType.BYTE_ARRAY, null)));
        ColumnDescriptor element = schema.column("tags.list.element").orElseThrow();
        assertThat(element.maxDefinitionLevel()).isEqualTo(3);
        assertThat(element.maxRepetitionLevel()).isEqualTo(1);
        assertThat(element.index()).isEqualTo(1);
        assertThat(schema.column("id").orElseThrow().maxDefinitionLevel()).isZero();
        assertThat(((GroupNode) schema.root().children().get(1)).logicalType()).isEqualTo(new LogicalType.ListType());
        assertThat(element.pathRepetitions()).containsExactly(FieldRepetitionType.OPTIONAL, FieldRepetitionType.REPEATED,
                FieldRepetitionType.OPTIONAL);
    }

    /** Some writers emit groups with num_children 0; the tree keeps them, with the columns' levels unchanged. */
    @Test
    void emptyGroupsStayInTheTree() {
        MessageSchema schema = SchemaBuilder.build(List.of(
                group("root", null, 4, null),
                group("e", FieldRepetitionType.OPTIONAL, 0, null),
                group("s", FieldRepetitionType.OPTIONAL, 2, null),
                group("se", FieldRepetitionType.REQUIRED, 0, null),
                leaf("x", FieldRepetitionType.OPTIONAL, PhysicalType.INT32, null),
                group("g", FieldRepetitionType.REPEATED, 1, null),
                group("inner", FieldRepetitionType.OPTIONAL, 0, null),
                leaf("z", FieldRepetitionType.REQUIRED, PhysicalType.INT64, null)));
        assertThat(schema.root().children().stream().map(SchemaNode::name).toList()).containsExactly("e", "s", "g", "z");
        GroupNode e = (GroupNode) schema.root().children().getFirst();
        assertThat(e.children()).isEmpty();
        assertThat(e.repetition()).isEqualTo(FieldRepetitionType.OPTIONAL);
        assertThat(schema.columns().stream().map(ColumnDescriptor::dottedPath).toList()).containsExactly("s.x", "z");
        assertThat(schema.column("s.x").orElseThrow().maxDefinitionLevel()).isEqualTo(2);
        assertThat(schema.column("z").orElseThrow().index()).isEqualTo(1);
        // the outermost groups without columns: g holds only an empty group
        assertThat(schema.emptyGroups().stream().map(GroupNode::dottedPath).toList()).containsExactly("e", "s.se", "g");
        assertThat(MessageSchema.hasColumns(schema.root())).isTrue();
        assertThat(MessageSchema.hasColumns(schema.root().children().get(2))).isFalse();
    }

    /** parquet-java writes INTERVAL as converted type INTERVAL with logical type UNKNOWN; the interval wins. */
    @Test
    void intervalsAnnotatedUnknownAreIntervals() {
        MessageSchema schema = SchemaBuilder.build(List.of(
                group("root", null, 1, null),
                new SchemaElement(PhysicalType.FIXED_LEN_BYTE_ARRAY, 12, FieldRepetitionType.OPTIONAL, "i", null,
                        ConvertedType.INTERVAL, null, null, null, new LogicalType.NullType(), null)));
        ColumnDescriptor interval = schema.column("i").orElseThrow();
        assertThat(interval.logicalType()).isNull();
        assertThat(interval.convertedType()).isEqualTo(ConvertedType.INTERVAL);
    }

    @Test
    void malformedSchemasAreCorruptFiles() {
        assertThatThrownBy(() -> SchemaBuilder.build(List.of())).isInstanceOf(CorruptFileException.class);
        assertThatThrownBy(() -> SchemaBuilder.build(List.of(group("root", null, 3, null),
                leaf("a", FieldRepetitionType.REQUIRED, PhysicalType.INT32, null))))
                .isInstanceOf(CorruptFileException.class).hasMessageContaining("declares 3 children");
        assertThatThrownBy(() -> SchemaBuilder.build(List.of(group("root", null, 1, null),
                leaf("a", null, PhysicalType.INT32, null))))
                .isInstanceOf(CorruptFileException.class).hasMessageContaining("no repetition type");
        assertThatThrownBy(() -> SchemaBuilder.build(List.of(group("root", null, 1, null),
                leaf("f", FieldRepetitionType.REQUIRED, PhysicalType.FIXED_LEN_BYTE_ARRAY, null))))
                .isInstanceOf(CorruptFileException.class).hasMessageContaining("type_length");
        assertThatThrownBy(() -> SchemaBuilder.build(List.of(group("root", null, 1, null),
                leaf("a", FieldRepetitionType.REQUIRED, PhysicalType.INT32, null),
                leaf("b", FieldRepetitionType.REQUIRED, PhysicalType.INT32, null))))
                .isInstanceOf(CorruptFileException.class).hasMessageContaining("not reachable");
    }

    @Test
    void deepNestingIsBoundedNotAStackOverflow() {
        List<SchemaElement> elements = new java.util.ArrayList<>();
        elements.add(group("root", null, 1, null));
        for (int i = 0; i < 10_000; i++) elements.add(group("g" + i, FieldRepetitionType.OPTIONAL, 1, null));
        elements.add(leaf("x", FieldRepetitionType.OPTIONAL, PhysicalType.INT32, null));
        assertThatThrownBy(() -> SchemaBuilder.build(elements)).isInstanceOf(CorruptFileException.class)
                .hasMessageContaining("nesting deeper");
    }
}
