package io.pqflux.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pqflux.testdata.ForeignWriterFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Groups without children: present in every row as null (JSONL, CSV), selectable by --columns, shown by inspect. */
@SuppressWarnings("unchecked") // parsed JSON is navigated by casts
class EmptyGroupCatTest {

    @TempDir
    static Path directory;
    private static String file;
    private static String lastFile;

    @BeforeAll
    static void write() {
        file = ForeignWriterFiles.emptyGroups(directory).toString();
        lastFile = ForeignWriterFiles.emptyGroupsLast(directory).toString();
    }

    @Test
    void jsonlHasEveryFieldWithNull() {
        assertThat(CliRun.successfulLines("cat", file)).containsExactly(
                "{\"id\":0,\"e\":null,\"s\":{\"se\":null,\"x\":1},"
                        + "\"l\":[{\"name\":\"a\",\"le\":null,\"n\":1},null,{\"name\":null,\"le\":null,\"n\":null}],"
                        + "\"g\":null,\"r\":null,\"tail\":\"t0\"}",
                "{\"id\":1,\"e\":null,\"s\":null,\"l\":null,\"g\":null,\"r\":null,\"tail\":null}",
                "{\"id\":2,\"e\":null,\"s\":{\"se\":null,\"x\":null},\"l\":[],\"g\":null,\"r\":null,\"tail\":\"t2\"}");
    }

    @Test
    void csvHasAnEmptyFieldForEachEmptyGroup() {
        assertThat(CliRun.successfulLines("cat", "--format", "csv", file)).containsExactly(
                "id,e,s,l,g,r,tail",
                "0,,\"{\"\"se\"\":null,\"\"x\"\":1}\",\"[{\"\"name\"\":\"\"a\"\",\"\"le\"\":null,\"\"n\"\":1},null,"
                        + "{\"\"name\"\":null,\"\"le\"\":null,\"\"n\"\":null}]\",,,t0",
                "1,,,,,,",
                "2,,\"{\"\"se\"\":null,\"\"x\"\":null}\",[],,,t2");
    }

    @Test
    void columnsSelectEmptyGroups() {
        assertThat(CliRun.successfulLines("cat", "--columns", "e,id", file))
                .containsExactly("{\"id\":0,\"e\":null}", "{\"id\":1,\"e\":null}", "{\"id\":2,\"e\":null}");
        assertThat(CliRun.successfulLines("cat", "--columns", "g", "--limit", "1", file)).containsExactly("{\"g\":null}");
        assertThat(CliRun.successfulLines("cat", "--columns", "s", "--limit", "1", file)).containsExactly("{\"s\":{\"se\":null,\"x\":1}}");
        assertThat(CliRun.successfulLines("cat", "--columns", "s.x", "--limit", "1", file)).containsExactly("{\"s\":{\"x\":1}}");
        assertThat(CliRun.successfulLines("cat", "--columns", "e", "--where", "id >= 1", file))
                .containsExactly("{\"e\":null}", "{\"e\":null}");
        CliRun orphan = CliRun.run("cat", "--columns", "s.se", file);
        assertThat(orphan.exitCode()).isEqualTo(2);
        assertThat(orphan.err()).contains("'s.se' has no columns, and no column of 's' is read");
    }

    @Test
    void emptyGroupsLastInTheirParent() {
        assertThat(CliRun.successfulLines("cat", lastFile)).containsExactly(
                "{\"id\":0,\"m\":[{\"key\":\"a\",\"value\":null},{\"key\":\"b\",\"value\":null}],\"last\":null}",
                "{\"id\":1,\"m\":null,\"last\":null}",
                "{\"id\":2,\"m\":[],\"last\":null}");
    }

    @Test
    void inspectShowsTheEmptyGroups() {
        CliRun text = CliRun.run("inspect", file);
        assertThat(text.exitCode()).isZero();
        assertThat(text.out()).contains("""
                  message empty_groups
                    required INT32 id
                    optional group e
                    optional group s
                      required group se
                      optional INT32 x
                """).contains("""
                    optional group g
                      optional group inner
                    repeated group r
                    optional BYTE_ARRAY tail : STRING (converted UTF8)
                """);
        CliRun json = CliRun.run("inspect", "--json", file);
        assertThat(json.exitCode()).isZero();
        Map<String, Object> schema = (Map<String, Object>) StrictJson.parseObject(json.out()).get("schema");
        List<Map<String, Object>> fields = (List<Map<String, Object>>) schema.get("fields");
        assertThat(fields.stream().map(f -> f.get("name")).toList()).containsExactly("id", "e", "s", "l", "g", "r", "tail");
        assertThat(fields.get(1)).containsEntry("repetition", "OPTIONAL").containsEntry("fields", List.of())
                .doesNotContainKey("physical_type");
    }
}
