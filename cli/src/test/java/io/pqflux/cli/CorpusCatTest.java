package io.pqflux.cli;

import static io.pqflux.cli.CliRun.corpus;
import static io.pqflux.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.pqflux.reader.ParquetReader;
import io.pqflux.testdata.Corpus;
import io.pqflux.testdata.Manifest;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code cat} over the whole corpus: every file prints exactly its rows or fails with the manifest's error in one line. */
class CorpusCatTest {

    private static final Manifest MANIFEST = Manifest.load();
    /**
     * A packaged run starts a JVM per file, and checks the packaging (class path, module path, native access), which
     * every {@value}th file shows as well as all of them; the in-process run reads the whole corpus.
     */
    private static final int PACKAGED_SAMPLE = 6;

    static Stream<String> readableFiles() {
        return sampled(MANIFEST.readableFiles());
    }

    static Stream<Manifest.Entry> errorFiles() {
        return sampled(MANIFEST.entries().stream().filter(e -> e.outcome() == Manifest.Outcome.ERROR).toList());
    }

    private static <T> Stream<T> sampled(List<T> all) {
        return CliRun.packaged() ? IntStream.range(0, all.size()).filter(i -> i % PACKAGED_SAMPLE == 0).mapToObj(all::get)
                : all.stream();
    }

    @Tag(CliRun.PACKAGED)
    @ParameterizedTest
    @MethodSource("readableFiles")
    void printsOneJsonObjectPerRow(String path) {
        long numRows;
        try (ParquetReader reader = ParquetReader.open(Corpus.file(path))) {
            // The row groups' counts, not the footer's: repeated_no_annotation.parquet says 0 rows there.
            numRows = reader.metaData().rowGroups().stream().mapToLong(g -> g.numRows()).sum();
        }
        CliRun result = run("cat", corpus(path));
        assertThat(result.err()).isEmpty();
        assertThat(result.exitCode()).isZero();
        List<String> lines = result.lines();
        assertThat(lines).hasSize((int) numRows);
        for (String line : lines) StrictJson.parseObject(line);
    }

    @Tag(CliRun.PACKAGED)
    @ParameterizedTest
    @MethodSource("errorFiles")
    void failsWithOneLine(Manifest.Entry entry) {
        CliRun result = run("cat", corpus(entry.path()));
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err().lines().toList()).singleElement().asString()
                .startsWith("pqflux: ")
                .contains(entry.errorFragment())
                .doesNotContain("\tat ");
    }

    @ParameterizedTest
    @MethodSource("errorFiles")
    void verboseAddsTheStackTrace(Manifest.Entry entry) {
        CliRun result = run("--verbose", "cat", corpus(entry.path()));
        assertThat(result.exitCode()).isEqualTo(1);
        List<String> lines = result.err().lines().toList();
        assertThat(lines.getFirst()).startsWith("pqflux: ").contains(entry.errorFragment());
        assertThat(lines).hasSizeGreaterThan(2).anySatisfy(line -> assertThat(line).startsWith("\tat "));
    }
}
