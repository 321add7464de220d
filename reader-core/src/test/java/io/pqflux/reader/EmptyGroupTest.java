package io.pqflux.reader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pqflux.filter.Predicate;
import io.pqflux.nested.ListValue;
import io.pqflux.nested.MapValue;
import io.pqflux.nested.NestedField;
import io.pqflux.nested.StructValue;
import io.pqflux.testdata.ForeignWriterFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.parquet.example.data.Group;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Groups without children, as other engines write them: the schema keeps them, rows show them as fields that are
 * null in every row. parquet-java's Group reader shows such a field absent (repetition count 0), which is null.
 */
class EmptyGroupTest {

    @TempDir
    static Path directory;
    private static Path file;
    private static Path lastFile;

    @BeforeAll
    static void write() {
        file = ForeignWriterFiles.emptyGroups(directory);
        lastFile = ForeignWriterFiles.emptyGroupsLast(directory);
    }

    @Test
    void parquetJavaShowsTheEmptyGroupsAbsent() throws Exception {
        ParquetJavaOracle.Result oracle = ParquetJavaOracle.read(file);
        assertThat(oracle.schema().getFields().stream().map(f -> f.getName()).toList())
                .containsExactly("id", "e", "s", "l", "g", "r", "tail");
        assertThat(oracle.rows()).hasSize(3);
        for (Group row : oracle.rows()) {
            for (String empty : List.of("e", "g", "r")) assertThat(row.getFieldRepetitionCount(empty)).isZero();
        }
        Group s = oracle.rows().getFirst().getGroup("s", 0);
        assertThat(s.getFieldRepetitionCount("se")).isZero();
        assertThat(s.getInteger("x", 0)).isEqualTo(1);
    }

    @Test
    void readsAsParquetJavaDoes() throws Exception {
        CorpusDifferentialTest.assertIdenticalToParquetJava(file);
        CorpusDifferentialTest.assertIdenticalToParquetJava(file, 1);
    }

    @Test
    void rowsHaveTheEmptyGroupsAsNullFields() {
        try (ParquetReader reader = ParquetReader.open(file); RowCursor rows = reader.rows()) {
            assertThat(rows.size()).isEqualTo(7);
            assertThat(rows.fields().stream().map(NestedField::name).toList())
                    .containsExactly("id", "e", "s", "l", "g", "r", "tail");
            assertThat(rows.field(1)).isInstanceOf(NestedField.EmptyGroup.class);
            assertThat(rows.field(1).isNullable()).isTrue();
            assertThatThrownBy(() -> rows.isNull("e")).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("no current row");
            List<Map<String, Object>> all = new ArrayList<>();
            while (rows.next()) {
                for (String empty : List.of("e", "g", "r")) {
                    assertThat(rows.isNull(empty)).isTrue();
                    assertThat(rows.getObject(empty)).isNull();
                }
                assertThatThrownBy(() -> rows.getStruct("e")).isInstanceOf(IllegalStateException.class)
                        .hasMessage("field 'e' is null");
                assertThatThrownBy(() -> rows.getList("r")).isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("field 'r' is an empty group, not a list");
                assertThatThrownBy(() -> rows.getInt("g")).isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("field 'g' is an empty group, not INT32");
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 0; i < rows.size(); i++) row.put(rows.field(i).name(), plain(rows.getObject(i)));
                all.add(row);
            }
            assertThat(all).hasSize(3);
            assertThat(all.get(0)).containsExactly(entry("id", 0), entry("e", null),
                    entry("s", map("se", null, "x", 1)),
                    entry("l", Arrays.asList(map("name", "a", "le", null, "n", 1), null, map("name", null, "le", null, "n", null))),
                    entry("g", null), entry("r", null), entry("tail", "t0"));
            assertThat(all.get(1)).containsExactly(entry("id", 1), entry("e", null), entry("s", null), entry("l", null),
                    entry("g", null), entry("r", null), entry("tail", null));
            assertThat(all.get(2)).containsExactly(entry("id", 2), entry("e", null), entry("s", map("se", null, "x", null)),
                    entry("l", List.of()), entry("g", null), entry("r", null), entry("tail", "t2"));
        }
    }

    @Test
    void structViewsListTheEmptyGroup() {
        try (ParquetReader reader = ParquetReader.open(file); RowCursor rows = reader.rows()) {
            assertThat(rows.next()).isTrue();
            StructValue s = rows.getStruct("s");
            assertThat(s.size()).isEqualTo(2);
            assertThat(s.fields().stream().map(NestedField::name).toList()).containsExactly("se", "x");
            assertThat(s.isNull("se")).isTrue();
            assertThat(s.getObject("se")).isNull();
            assertThat(s.asMap()).containsExactly(entry("se", null), entry("x", 1));
            ListValue l = rows.getList("l");
            StructValue element = l.getStruct(0);
            assertThat(element.isNull("le")).isTrue();
            assertThat(element.getString("name")).isEqualTo("a");
        }
    }

    @Test
    void columnPathsSelectEmptyGroups() {
        assertThat(fieldsAndRows(List.of("e"))).isEqualTo("[e] [{e=null}, {e=null}, {e=null}]");
        assertThat(fieldsAndRows(List.of("s"))).isEqualTo("[s] [{s={se=null, x=1}}, {s=null}, {s={se=null, x=null}}]");
        assertThat(fieldsAndRows(List.of("s.x"))).isEqualTo("[s] [{s={x=1}}, {s=null}, {s={x=null}}]");
        assertThat(fieldsAndRows(List.of("s.x", "s.se"))).isEqualTo(fieldsAndRows(List.of("s")));
        // a path inside an empty group selects the outermost group without columns
        assertThat(fieldsAndRows(List.of("g.inner", "tail"))).isEqualTo("[g, tail] [{g=null, tail=t0}, {g=null, tail=null}, {g=null, tail=t2}]");
        assertThat(fieldsAndRows(List.of("l.list.element.name")))
                .isEqualTo("[l] [{l=[{name=a}, null, {name=null}]}, {l=null}, {l=[]}]");
        assertThat(fieldsAndRows(List.of("l.list.element.le", "l.list.element.n")))
                .isEqualTo("[l] [{l=[{le=null, n=1}, null, {le=null, n=null}]}, {l=null}, {l=[]}]");
        assertThat(fieldsAndRows(List.of("id"))).isEqualTo("[id] [{id=0}, {id=1}, {id=2}]");
        assertThatThrownBy(() -> ParquetReader.open(file, ReadOptions.defaults().withColumns(List.of("s.se"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'s.se' has no columns, and no column of 's' is read");
        assertThatThrownBy(() -> ParquetReader.open(file, ReadOptions.defaults().withColumns(List.of("nope"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no column 'nope'");
    }

    @Test
    void filtersAndRowRangesKeepTheEmptyGroups() {
        ReadOptions options = ReadOptions.defaults().withColumns(List.of("e", "id")).withFilter(Predicate.eq("id", 2));
        try (ParquetReader reader = ParquetReader.open(file, options); RowCursor rows = reader.rows()) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getInt("id")).isEqualTo(2);
            assertThat(rows.isNull("e")).isTrue();
            assertThat(rows.next()).isFalse();
        }
        // only empty groups and a filter: the rows that match, each with nulls
        options = ReadOptions.defaults().withColumns(List.of("e", "r")).withFilter(Predicate.isNotNull("tail"));
        try (ParquetReader reader = ParquetReader.open(file, options)) {
            assertThat(reader.projectedColumns()).isEmpty();
            try (RowGroupBatch batch = reader.readRowGroup(0)) {
                assertThat(batch.columns()).isEmpty();
                assertThat(batch.selectedRowCount()).isEqualTo(2);
                assertThat(batch.nested().rowCount()).isEqualTo(3);
            }
        }
    }

    /** An empty group last in its parent breaks parquet-java 1.18.1's record reader; pqflux reads the file. */
    @Test
    void emptyGroupsLastInTheirParent() {
        assertThatThrownBy(() -> ParquetJavaOracle.read(lastFile)).isInstanceOf(IndexOutOfBoundsException.class);
        try (ParquetReader reader = ParquetReader.open(lastFile); RowCursor rows = reader.rows()) {
            assertThat(rows.fields().stream().map(f -> f.name() + ":" + f.getClass().getSimpleName()).toList())
                    .containsExactly("id:Primitive", "m:MapOf", "last:EmptyGroup");
            assertThat(((NestedField.MapOf) rows.field(1)).value()).isInstanceOf(NestedField.EmptyGroup.class);
            List<String> seen = new ArrayList<>();
            while (rows.next()) {
                assertThat(rows.isNull("last")).isTrue();
                if (rows.isNull("m")) {
                    seen.add(rows.getInt("id") + ":null");
                    continue;
                }
                MapValue m = rows.getMap("m");
                List<String> entries = new ArrayList<>();
                for (int i = 0; i < m.size(); i++) {
                    assertThat(m.values().isNull(i)).isTrue();
                    entries.add(m.keys().getString(i) + "=" + m.values().getObject(i));
                }
                seen.add(rows.getInt("id") + ":" + entries);
            }
            assertThat(seen).containsExactly("0:[a=null, b=null]", "1:null", "2:[]");
        }
    }

    private static String fieldsAndRows(List<String> columns) {
        try (ParquetReader reader = ParquetReader.open(file, ReadOptions.defaults().withColumns(columns)); RowCursor rows = reader.rows()) {
            List<Object> all = new ArrayList<>();
            while (rows.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 0; i < rows.size(); i++) row.put(rows.field(i).name(), plain(rows.getObject(i)));
                all.add(row);
            }
            return rows.fields().stream().map(NestedField::name).toList() + " " + all;
        }
    }

    /** Views as plain maps and lists, so rows compare by value after the cursor moves on. */
    private static Object plain(Object value) {
        return switch (value) {
            case StructValue s -> {
                Map<String, Object> map = new LinkedHashMap<>();
                for (int i = 0; i < s.size(); i++) map.put(s.field(i).name(), plain(s.getObject(i)));
                yield map;
            }
            case ListValue l -> {
                List<Object> list = new ArrayList<>();
                for (int i = 0; i < l.size(); i++) list.add(plain(l.getObject(i)));
                yield list;
            }
            case null, default -> value;
        };
    }

    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        return map;
    }

    private static Map.Entry<String, Object> entry(String key, Object value) {
        return new java.util.AbstractMap.SimpleEntry<>(key, value);
    }
}
