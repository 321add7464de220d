package io.pqflux.reader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pqflux.format.meta.FieldRepetitionType;
import io.pqflux.format.meta.PhysicalType;
import io.pqflux.format.meta.SchemaElement;
import io.pqflux.schema.ColumnDescriptor;
import io.pqflux.schema.MessageSchema;
import io.pqflux.schema.SchemaBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Paths resolved to columns, names holding dots included: a leaf's own path is looked up, not matched. */
class ProjectionTest {

    private static SchemaElement group(String name, int children) {
        return new SchemaElement(null, null, FieldRepetitionType.OPTIONAL, name, children, null, null, null, null, null, null);
    }

    private static SchemaElement leaf(String name) {
        return new SchemaElement(PhysicalType.INT64, null, FieldRepetitionType.OPTIONAL, name, null, null, null, null, null,
                null, null);
    }

    /** Columns {@code a.b} (one name), {@code a}→{@code b}, {@code c}, {@code c.d}→{@code e}, {@code x}. */
    private static final MessageSchema DOTTED = SchemaBuilder.build(List.of(
            new SchemaElement(null, null, null, "root", 5, null, null, null, null, null, null),
            leaf("a.b"),
            group("a", 1),
            leaf("b"),
            leaf("c"),
            group("c.d", 1),
            leaf("e"),
            leaf("x")));

    private static List<Integer> selected(String... paths) {
        return Projection.select(DOTTED, List.of(paths)).stream().map(ColumnDescriptor::index).toList();
    }

    @Test
    void aPathTwoColumnsShareSelectsBoth() {
        assertThat(DOTTED.columnPaths()).containsExactly("a.b", "a.b", "c", "c.d.e", "x");
        assertThat(selected("a.b")).containsExactly(0, 1);
        assertThat(DOTTED.soleColumn("a.b")).isEmpty();
    }

    @Test
    void aColumnWhosePathPrefixesAnotherSelectsBoth() {
        assertThat(selected("c")).containsExactly(2, 3);
        assertThat(DOTTED.soleColumn("c")).isEmpty();
    }

    @Test
    void aLeafNamedAloneIsSelectedAloneInTheOrderAsked() {
        assertThat(DOTTED.soleColumn("x")).map(ColumnDescriptor::index).contains(4);
        assertThat(DOTTED.soleColumn("c.d.e")).map(ColumnDescriptor::index).contains(3);
        assertThat(selected("x", "c.d.e", "x")).containsExactly(4, 3);
        assertThat(selected("c.d")).containsExactly(3);
    }

    @Test
    void aPathNamingNothingIsRefused() {
        assertThatThrownBy(() -> selected("c.d.f")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no column 'c.d.f'");
    }
}
