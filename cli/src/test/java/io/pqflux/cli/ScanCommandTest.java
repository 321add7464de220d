package io.pqflux.cli;

import static io.pqflux.cli.CliRun.corpus;
import static io.pqflux.cli.CliRun.run;
import static io.pqflux.cli.CliRun.succeeded;
import static io.pqflux.cli.CliRun.successfulLines;
import static org.assertj.core.api.Assertions.assertThat;

import io.pqflux.reactive.dataset.DatasetIndex;
import io.pqflux.reactive.testkit.OffHeapReleased;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code pqflux scan} and {@code pqflux index} over a local hive-partitioned directory ({@link DatasetFixture}). */
@ExtendWith(OffHeapReleased.class)
class ScanCommandTest {

    @TempDir
    static Path temp;
    private static String dataset;

    @BeforeAll
    static void writeDataset() {
        Path root = temp.resolve("events");
        DatasetFixture.write(root);
        dataset = root.toString();
    }

    @Test
    void printsEveryRowOfEveryFileWithPartitionValuesAndNullsForMissingColumns() {
        assertThat(successfulLines("scan", dataset)).containsExactlyElementsOf(DatasetFixture.expectedLines(id -> true))
                .hasSize(DatasetFixture.FILES * DatasetFixture.ROWS_PER_FILE);
        List<String> csv = successfulLines("scan", dataset, "--format", "csv", "--columns", "month,id,score", "--limit", "3");
        assertThat(csv).containsExactly("month,id,score", "1,0,", "1,1,0.5", "1,2,1.0");
        // stopping at the limit cancels the scan, which still reports what it did
        CliRun limited = run("scan", dataset, "--limit", "150", "--stats");
        assertThat(limited.lines()).containsExactlyElementsOf(DatasetFixture.expectedLines(id -> id < 150));
        assertThat(limited.err()).startsWith("files: 6 (0 other files ignored by name), skipped 0 (partition 0, index 0, statistics 0), opened ");
    }

    @Test
    void aDirectoryWithoutParquetFilesIsAnError(@TempDir Path empty) throws Exception {
        CliRun run = run("scan", empty.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("pqflux: " + empty + ": no Parquet files here (names ending in .parquet; "
                + "--every-file reads the others)\n");
        Files.writeString(empty.resolve("README.md"), "# not data\n");
        assertThat(run("scan", empty.toString()).exitCode()).isEqualTo(1);
    }

    /** What Spark and Hive writers leave beside their files is not read, nor anything not named *.parquet. */
    @Test
    void markersChecksumsAndOtherFilesAreIgnoredAndCounted(@TempDir Path copy) throws Exception {
        TestTrees.copy(Path.of(dataset), copy);
        Files.writeString(copy.resolve("README.md"), "# events\n");
        Files.writeString(copy.resolve("_SUCCESS"), "");
        Files.writeString(copy.resolve(".part-0.parquet.crc"), "crc");
        Files.createDirectories(copy.resolve("_temporary/0"));
        Files.writeString(copy.resolve("_temporary/0/part-9.parquet"), "half written");
        CliRun run = run("scan", copy.toString(), "--stats");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.lines()).containsExactlyElementsOf(DatasetFixture.expectedLines(id -> true));
        assertThat(run.err()).startsWith("files: 6 (3 other files ignored by name), skipped 0 ");
        // read as data, the README fails the scan, and the error names it
        CliRun every = run("scan", copy.toString(), "--every-file");
        assertThat(every.exitCode()).isEqualTo(1);
        assertThat(every.err()).startsWith("pqflux: " + copy.resolve("README.md"));
    }

    /** Of several bad files, the error names the first in path order, whichever is read first. */
    @Test
    void ofSeveralBadFilesTheFirstInPathOrderIsNamed(@TempDir Path copy) throws Exception {
        TestTrees.copy(Path.of(dataset), copy);
        Files.writeString(copy.resolve("a-bad.parquet"), "not parquet at all");
        Files.writeString(copy.resolve("z-bad.parquet"), "not parquet either");
        for (int i = 0; i < 5; i++) {
            CliRun run = run("scan", copy.toString());
            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err()).startsWith("pqflux: " + copy.resolve("a-bad.parquet"));
        }
    }

    @Test
    void whereOnAPartitionColumnSkipsTheOtherFilesUnopened() {
        CliRun result = run("scan", dataset, "--where", "year = 2024 and month >= 2", "--stats");
        assertThat(result.exitCode()).isZero();
        assertThat(result.lines()).containsExactlyElementsOf(DatasetFixture.expectedLines(id -> id >= 400));
        assertThat(result.err()).startsWith("files: 6 (0 other files ignored by name), skipped 4 (partition 4, index 0, statistics 0), opened 2, ")
                .contains("requests: none (local files)\n");
    }

    @Test
    void whereOnADataColumnSkipsFilesByTheirStatistics() {
        CliRun result = run("scan", dataset, "--where", "id >= 250 and id < 260 and name is not null", "--stats");
        assertThat(result.exitCode()).isZero();
        assertThat(result.lines()).containsExactlyElementsOf(DatasetFixture.expectedLines(id -> id >= 250 && id < 260 && id % 7 != 0))
                .hasSize(8);
        assertThat(result.err()).startsWith("files: 6 (0 other files ignored by name), skipped 5 (partition 0, index 0, statistics 5), opened 1, footers parsed 0\n")
                .contains("rows: ");
    }

    @Tag(CliRun.PACKAGED)
    @Test
    void theIndexSidecarIsWrittenAndThenUsedUnlessIgnored(@TempDir Path copy) throws IOException {
        Path root = copy.resolve("events");
        DatasetFixture.write(root);
        CliRun index = succeeded(run("index", root.toString(), "--columns", "id,name", "--bloom"));
        Path sidecar = root.resolve(DatasetIndex.FILE_NAME);
        assertThat(index.out()).isEqualTo("indexed 6 files, columns [id, name] with bloom filters: " + sidecar + "\n");
        assertThat(DatasetIndex.read(sidecar).files()).hasSize(6);

        List<String> expected = DatasetFixture.expectedLines(id -> id >= 250 && id < 260);
        CliRun indexed = run("scan", root.toString(), "--where", "id >= 250 and id < 260", "--stats");
        assertThat(indexed.lines()).containsExactlyElementsOf(expected);
        assertThat(indexed.err()).startsWith("files: 6 (1 other files ignored by name), skipped 5 (partition 0, index 5, statistics 0), ");
        // the bloom filters decide equality on a string column
        CliRun bloom = run("scan", root.toString(), "--where", "name = 'absent'", "--stats");
        assertThat(bloom.lines()).isEmpty();
        assertThat(bloom.err()).startsWith("files: 6 (1 other files ignored by name), skipped 6 (partition 0, index 6, statistics 0), ");

        CliRun ignored = run("scan", root.toString(), "--where", "id >= 250 and id < 260", "--stats", "--no-index");
        assertThat(ignored.lines()).containsExactlyElementsOf(expected);
        assertThat(ignored.err()).startsWith("files: 6 (1 other files ignored by name), skipped 5 (partition 0, index 0, statistics 5), ");

        // written elsewhere and named explicitly
        Path elsewhere = copy.resolve("events-index.json");
        succeeded(run("index", root.toString(), "--columns", "id", "--out", elsewhere.toString()));
        Files.delete(sidecar);
        assertThat(run("scan", root.toString(), "--where", "id < 10", "--stats", "--index", elsewhere.toString()).err())
                .startsWith("files: 6 (0 other files ignored by name), skipped 5 (partition 0, index 5, statistics 0), ");
    }

    @Test
    void progressGoesToStderrOnlyWhenAsked() {
        CliRun always = run("scan", dataset, "--progress", "always");
        assertThat(always.exitCode()).isZero();
        assertThat(always.lines()).containsExactlyElementsOf(DatasetFixture.expectedLines(id -> true));
        // drawn at the first batch (no file done yet), then blanked
        assertThat(always.err()).startsWith("\r[" + ".".repeat(ProgressLine.BAR_WIDTH) + "]   0%  0 B  ")
                .contains(" rows").matches("(?s).*\r +\r");
        assertThat(succeeded(run("scan", dataset, "--progress", "never")).out()).isEqualTo(always.out());
    }

    @Test
    void indexRefusesUnknownAndPartitionColumns() {
        CliRun unknown = run("index", dataset, "--columns", "nope", "--out", temp.resolve("x.json").toString());
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).startsWith("pqflux: --columns: no column 'nope'; the dataset's columns are [id, name, score]");
        assertThat(run("index", dataset, "--columns", "year", "--out", temp.resolve("x.json").toString()).err())
                .startsWith("pqflux: --columns: 'year' is a partition column");
    }

    @Test
    void aSchemaConflictIsOneLineNamingTheColumnAndBothFiles(@TempDir Path conflict) {
        DatasetFixture.writeRecords(conflict.resolve("a.parquet"), DatasetFixture.NO_SCORE, List.of(
                new SimpleGroupFactory(DatasetFixture.NO_SCORE).newGroup().append("id", 1L)));
        var textId = MessageTypeParser.parseMessageType("message m { required binary id (STRING); }");
        Group row = new SimpleGroupFactory(textId).newGroup().append("id", "one");
        DatasetFixture.writeRecords(conflict.resolve("b.parquet"), textId, List.of(row));
        CliRun result = run("scan", conflict.toString());
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).hasLineCount(1)
                .startsWith("pqflux: " + conflict + ": schema conflict: column 'id' is ")
                .contains(conflict.resolve("a.parquet").toString()).contains(conflict.resolve("b.parquet").toString());
        // types as the specification names them, not as records print
        DatasetFixture.writeRecords(conflict.resolve("b.parquet"), MessageTypeParser.parseMessageType(
                "message m { required int32 id (INTEGER(8,true)); }"), List.of(new SimpleGroupFactory(
                MessageTypeParser.parseMessageType("message m { required int32 id (INTEGER(8,true)); }")).newGroup()
                .append("id", 1)));
        assertThat(run("scan", conflict.toString()).err()).contains("INT32 INT(8,signed)").doesNotContain("IntType[");
    }

    @Test
    void anIndexPathThatCannotBeReadOrWrittenIsTheOneNamed(@TempDir Path dir) throws IOException {
        Path missing = dir.resolve("missing-index.json");
        CliRun scan = run("scan", dataset, "--index", missing.toString());
        assertThat(scan.exitCode()).isEqualTo(1);
        assertThat(scan.err()).isEqualTo("pqflux: " + missing + ": no such file\n");
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        CliRun index = run("index", dataset, "--columns", "id", "--out", file.resolve("index.json").toString());
        assertThat(index.exitCode()).isEqualTo(1);
        assertThat(index.err()).startsWith("pqflux: " + file.resolve("index.json")).doesNotStartWith("pqflux: " + dataset);
    }

    @Test
    void usageErrors() {
        CliRun unknownColumn = run("scan", dataset, "--columns", "nope");
        assertThat(unknownColumn.exitCode()).isEqualTo(2);
        assertThat(unknownColumn.err()).startsWith("pqflux: --columns: no column 'nope'; the dataset's columns are [id, name, score, year, month]");
        CliRun where = run("scan", dataset, "--where", "year = 'x'");
        assertThat(where.exitCode()).isEqualTo(2);
        assertThat(where.err()).startsWith("pqflux: --where: ");
        CliRun file = run("scan", corpus("data/alltypes_plain.parquet"));
        assertThat(file.exitCode()).isEqualTo(2);
        assertThat(file.err()).contains("is not a directory");
        assertThat(run("scan", temp.resolve("missing").toString()).err())
                .isEqualTo("pqflux: " + temp.resolve("missing") + ": no such file\n");
    }

    /** The same values print the same way: scan over a directory of one file prints what cat prints for it. */
    @ParameterizedTest
    @ValueSource(strings = {"data/alltypes_tiny_pages.parquet", "data/nested_lists.snappy.parquet",
            "data/nested_maps.snappy.parquet", "data/int96_from_spark.parquet", "data/byte_array_decimal.parquet"})
    void scanOfOneFilePrintsWhatCatPrints(String file) throws IOException {
        Path source = Path.of(corpus(file));
        Path plain = temp.resolve("one-" + source.getFileName()).resolve("f.parquet");
        Path partitioned = temp.resolve("part-" + source.getFileName()).resolve("k=v").resolve("f.parquet");
        for (Path target : List.of(plain, partitioned)) {
            Files.createDirectories(target.getParent());
            Files.copy(source, target);
        }
        for (String format : List.of("jsonl", "csv")) {
            String cat = succeeded(run("cat", source.toString(), "--format", format)).out();
            assertThat(succeeded(run("scan", plain.getParent().toString(), "--format", format)).out()).isEqualTo(cat);
            List<String> catLines = cat.lines().toList();
            List<String> withPartition = succeeded(run("scan", temp.resolve("part-" + source.getFileName()).toString(),
                    "--format", format)).lines();
            assertThat(withPartition).hasSameSizeAs(catLines);
            for (int i = 0; i < catLines.size(); i++) {
                String expected = format.equals("csv")
                        ? catLines.get(i) + (i == 0 ? ",k" : ",v")
                        : catLines.get(i).substring(0, catLines.get(i).length() - 1) + ",\"k\":\"v\"}";
                assertThat(withPartition.get(i)).isEqualTo(expected);
            }
        }
    }
}
