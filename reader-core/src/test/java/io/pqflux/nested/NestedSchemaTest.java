package io.pqflux.nested;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pqflux.schema.ColumnDescriptor;
import io.pqflux.schema.MessageSchema;
import io.pqflux.schema.TextSchemas;
import io.pqflux.reader.ParquetReader;
import io.pqflux.testdata.Corpus;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The LIST and MAP rules of LogicalTypes.md, one schema from the spec's examples per rule. */
class NestedSchemaTest {

    /** Renders the field tree: list<…>, map<…,…>, struct<…>, primitive names; '?' marks nullable. */
    static String shape(NestedField field) {
        String nullable = field.isNullable() ? "?" : "";
        return switch (field) {
            case NestedField.Primitive p -> p.column().physicalType().name().toLowerCase() + nullable;
            case NestedField.Struct s -> "struct<" + String.join(",", s.fields().stream()
                    .map(f -> f.name() + ":" + shape(f)).toList()) + ">" + nullable;
            case NestedField.ListOf l -> "list<" + shape(l.element()) + ">" + nullable;
            case NestedField.MapOf m -> "map<" + shape(m.key()) + "," + shape(m.value()) + ">" + nullable;
            case NestedField.EmptyGroup e -> "empty" + nullable;
        };
    }

    private static String shapeOf(String fieldText) {
        MessageSchema schema = TextSchemas.parse("message m { " + fieldText + " }");
        List<NestedField> fields = NestedSchema.of(schema, schema.columns()).fields();
        assertThat(fields).hasSize(1);
        return shape(fields.getFirst());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            standard 3-level         | optional group my_list (LIST) { repeated group list { optional binary element (UTF8); } }       | list<byte_array?>?
            required list            | required group my_list (LIST) { repeated group list { required int32 element; } }               | list<int32>
            repeated primitive       | optional group my_list (LIST) { repeated binary str (UTF8); }                                 | list<byte_array>?
            several fields           | optional group my_list (LIST) { repeated group element { required binary str (UTF8); required int32 num; } } | list<struct<str:byte_array,num:int32>>?
            named array              | optional group my_list (LIST) { repeated group array { required binary str (UTF8); } }          | list<struct<str:byte_array>>?
            named _tuple             | optional group my_list (LIST) { repeated group my_list_tuple { required binary str (UTF8); } } | list<struct<str:byte_array>>?
            3-level named element    | optional group my_list (LIST) { repeated group element { optional binary str (UTF8); } }     | list<byte_array?>?
            one repeated child       | required group a (LIST) { repeated group array (LIST) { repeated int32 array; } }              | list<list<int32>>
            list of lists            | optional group a (LIST) { repeated group list { optional group element (LIST) { repeated group list { optional int32 element; } } } } | list<list<int32?>?>?
            standard map             | required group my_map (MAP) { repeated group key_value { required binary key (UTF8); optional int32 value; } } | map<byte_array,int32?>
            legacy MAP_KEY_VALUE     | optional group my_map (MAP_KEY_VALUE) { repeated group map { required binary key (UTF8); optional int32 value; } } | map<byte_array,int32?>?
            MAP over MAP_KEY_VALUE   | optional group my_map (MAP) { repeated group map (MAP_KEY_VALUE) { required binary key (UTF8); required int64 value; } } | map<byte_array,int64>?
            bare MAP_KEY_VALUE       | repeated group my_map (MAP_KEY_VALUE) { required int32 key; optional int32 value; }             | map<int32,int32?>
            map without values       | required group my_map (MAP) { repeated group key_value { required int32 key; } }              | list<int32>
            map of structs           | optional group m (MAP) { repeated group key_value { required int32 key; optional group value { optional int64 a; repeated int32 b; } } } | map<int32,struct<a:int64?,b:list<int32>>?>?
            unannotated primitive    | repeated int32 ints;                                                                           | list<int32>
            unannotated group        | repeated group phone { required int64 number; optional binary kind (UTF8); }                  | list<struct<number:int64,kind:byte_array?>>
            LIST of wrong shape      | optional group odd (LIST) { required int32 a; required int32 b; }                             | struct<a:int32,b:int32>?
            MAP of wrong shape       | optional group odd (MAP) { repeated group kv { required int32 k; required int32 v; required int32 w; } } | struct<kv:list<struct<k:int32,v:int32,w:int32>>>?
            """)
    void followsTheRules(String rule, String field, String expected) {
        assertThat(shapeOf(field)).as(rule).isEqualTo(expected);
    }

    @Test
    void levelsPointAtTheNodesTheFieldWasReadFrom() {
        MessageSchema schema = TextSchemas.parse("""
                message m { optional group s { optional group a (LIST) { repeated group list { optional int32 element; } } } }""");
        NestedField.Struct s = (NestedField.Struct) NestedSchema.of(schema, schema.columns()).fields().getFirst();
        NestedField.ListOf a = (NestedField.ListOf) s.fields().getFirst();
        assertThat(s.validityLevel()).isEqualTo(1);
        assertThat(a.level()).isEqualTo(2);
        assertThat(a.validityLevel()).isEqualTo(2);
        assertThat(a.repeatedLevel()).isEqualTo(3);
        assertThat(a.element().level()).isEqualTo(4);
        assertThat(a.element().validityLevel()).isEqualTo(4);
    }

    @Test
    void projectionPrunesMembersAndMapsWithoutProjectedKeysReadAsStructs() {
        MessageSchema schema = TextSchemas.parse("""
                message m {
                  required int32 id;
                  optional group s { optional int32 a; optional int32 b; }
                  optional group m (MAP) { repeated group key_value { required int32 key; optional int32 value; } }
                }""");
        List<ColumnDescriptor> projection = List.of(column(schema, "s.b"), column(schema, "m.key_value.value"));
        NestedSchema nested = NestedSchema.of(schema, projection);
        assertThat(nested.fields().stream().map(f -> f.name() + ":" + shape(f)).toList())
                .containsExactly("s:struct<b:int32?>?", "m:struct<key_value:list<struct<value:int32?>>>?");
        assertThat(nested.representative(1, 0)).isZero();
        assertThat(nested.representative(1, 1)).isEqualTo(1);
    }

    private static final String EMPTY_GROUPS = """
            message m {
              required int32 id;
              optional group e { }
              optional group s { required group se { } optional int32 x; }
              optional group l (LIST) { repeated group list { optional group element { optional group le { } optional binary name (UTF8); } } }
              optional group m (MAP) { repeated group key_value { required binary key (UTF8); optional group value { } } }
              optional group g { optional group inner { } }
              repeated group r { }
              optional group only { required group a { } optional group b { } }
            }""";

    @Test
    void emptyGroupsAreAlwaysNullFieldsWhenTheWholeSchemaIsRead() {
        MessageSchema schema = TextSchemas.parse(EMPTY_GROUPS);
        assertThat(schema.emptyGroups().stream().map(g -> g.dottedPath()).toList())
                .containsExactly("e", "s.se", "l.list.element.le", "m.key_value.value", "g", "r", "only");
        NestedSchema nested = NestedSchema.of(schema, schema.columns());
        assertThat(nested.fields().stream().map(f -> f.name() + ":" + shape(f)).toList()).containsExactly(
                "id:int32", "e:empty?", "s:struct<se:empty?,x:int32?>?", "l:list<struct<le:empty?,name:byte_array?>?>?",
                "m:map<byte_array,empty?>?", "g:empty?", "r:empty?", "only:empty?");
        NestedField.EmptyGroup e = (NestedField.EmptyGroup) nested.fields().get(1);
        assertThat(e.group()).isSameAs(schema.emptyGroups().getFirst());
        assertThat(e.level()).isEqualTo(1);
        assertThat(e.leaf()).isEqualTo(-1);
        assertThat(e.validityLevel()).isEqualTo(-1);
        assertThat(nested.leafCount()).isEqualTo(schema.columns().size());
    }

    @Test
    void emptyGroupsAreReadOnlyWhenAskedForAndWhereTheirParentIs() {
        MessageSchema schema = TextSchemas.parse(EMPTY_GROUPS);
        List<ColumnDescriptor> xOnly = List.of(column(schema, "s.x"));
        // a projection of some columns reads no empty group unless asked
        assertThat(NestedSchema.of(schema, xOnly).fields().stream().map(f -> f.name() + ":" + shape(f)).toList())
                .containsExactly("s:struct<x:int32?>?");
        List<io.pqflux.schema.GroupNode> groups = schema.emptyGroups();
        NestedSchema chosen = NestedSchema.of(schema, xOnly, List.of(groups.get(1), groups.get(5)));
        assertThat(chosen.fields().stream().map(f -> f.name() + ":" + shape(f)).toList())
                .containsExactly("s:struct<se:empty?,x:int32?>?", "r:empty?");
        // no columns at all: the top-level empty groups alone
        assertThat(NestedSchema.of(schema, List.of(), List.of(groups.getFirst())).fields()).hasSize(1);
        // s.se without a column of s: nothing says in which rows s is present
        assertThatThrownBy(() -> NestedSchema.of(schema, List.of(column(schema, "id")), List.of(groups.get(1))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'s.se' has no columns, and no column of 's' is read");
        // only the schema's own outermost empty groups
        io.pqflux.schema.GroupNode inner = (io.pqflux.schema.GroupNode) groups.get(4).children().getFirst();
        assertThatThrownBy(() -> NestedSchema.of(schema, schema.columns(), List.of(inner)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'g.inner' is not an empty group");
    }

    private static ColumnDescriptor column(MessageSchema schema, String path) {
        return schema.column(path).orElseThrow();
    }

    /**
     * Duel with the definition: a projected leaf's representative at level {@code l} is the first projected leaf, in
     * schema order, whose path shares its first {@code l} names; over random projections (subsets in random order) of
     * Tempo's deeply nested block.
     */
    @Test
    void representativesAreTheFirstProjectedLeafSharingThePath() {
        MessageSchema schema;
        try (ParquetReader reader = ParquetReader.open(Corpus.tempoBlock().resolve("data.parquet"))) {
            schema = reader.schema();
        }
        Random random = new Random(24);
        for (int trial = 0; trial < 200; trial++) {
            List<ColumnDescriptor> projection = new ArrayList<>(schema.columns());
            Collections.shuffle(projection, random);
            projection = projection.subList(0, 1 + random.nextInt(projection.size()));
            NestedSchema nested = NestedSchema.of(schema, projection);
            for (int p = 0; p < projection.size(); p++) {
                List<String> path = projection.get(p).path();
                for (int level = 0; level <= path.size(); level++) {
                    int expected = -1;
                    for (ColumnDescriptor leaf : schema.columns()) {
                        int position = projection.indexOf(leaf);
                        if (position >= 0 && leaf.path().size() >= level
                                && leaf.path().subList(0, level).equals(path.subList(0, level))) {
                            expected = position;
                            break;
                        }
                    }
                    assertThat(nested.representative(p, level)).as("trial %d, %s at level %d", trial, path, level)
                            .isEqualTo(expected);
                }
            }
        }
    }
}
