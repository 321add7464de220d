package io.pqflux.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pqflux.testdata.ForeignWriterFiles;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Annotations the columns' types cannot have: {@code cat}, {@code inspect} and {@code scan} refuse the file naming the
 * column, the annotation and the type; with {@code --lenient-annotations} they read the columns as their physical
 * types, {@code --where} included.
 */
class LenientAnnotationsCatTest {

    @TempDir
    static Path directory;
    private static String file;

    @BeforeAll
    static void write() {
        file = ForeignWriterFiles.misannotated(directory).toString();
    }

    @Test
    void catAndInspectRefuseTheFile() {
        for (String command : new String[] {"cat", "inspect"}) {
            CliRun refused = CliRun.run(command, file);
            assertThat(refused.exitCode()).as(command).isEqualTo(1);
            assertThat(refused.err()).as(command).contains("misannotated.parquet, column flag: schema: DECIMAL(9,2) "
                    + "cannot annotate BOOLEAN: DECIMAL annotates INT32, INT64, BYTE_ARRAY or FIXED_LEN_BYTE_ARRAY only");
        }
    }

    @Test
    void lenientCatPrintsThePhysicalValues() {
        assertThat(CliRun.successfulLines("cat", "--lenient-annotations", file)).containsExactly(
                "{\"id\":0,\"flag\":true,\"n\":1,\"name\":\"a\"}",
                "{\"id\":1,\"flag\":false,\"n\":-2,\"name\":null}",
                "{\"id\":2,\"flag\":null,\"n\":null,\"name\":\"c\"}");
    }

    @Test
    void lenientWhereTypesLiteralsByThePhysicalType() {
        assertThat(CliRun.successfulLines("cat", "--lenient-annotations", "--where", "n = -2 and flag = false", file))
                .containsExactly("{\"id\":1,\"flag\":false,\"n\":-2,\"name\":null}");
    }

    @Test
    void scanRefusesTheDatasetUnlessLenient() {
        CliRun refused = CliRun.run("scan", directory.toString());
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains("misannotated.parquet, column flag: schema: DECIMAL(9,2) cannot annotate BOOLEAN");
        assertThat(CliRun.successfulLines("scan", "--lenient-annotations", "--columns", "id,flag,n", directory.toString()))
                .containsExactly("{\"id\":0,\"flag\":true,\"n\":1}", "{\"id\":1,\"flag\":false,\"n\":-2}",
                        "{\"id\":2,\"flag\":null,\"n\":null}");
    }

    @Test
    void lenientInspectShowsTheColumnsWithoutTheirAnnotations() {
        CliRun inspected = CliRun.run("inspect", "--lenient-annotations", file);
        assertThat(inspected.exitCode()).isZero();
        assertThat(inspected.out()).doesNotContain("DECIMAL").contains("flag", "name");
    }
}
