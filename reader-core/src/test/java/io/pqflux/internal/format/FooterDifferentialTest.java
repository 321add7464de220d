package io.pqflux.internal.format;

import io.pqflux.testkit.format.ThriftOracleComparator;
import io.pqflux.format.meta.Footer;

import static org.assertj.core.api.Assertions.assertThat;

import io.pqflux.io.MappedInputFile;
import io.pqflux.testdata.Corpus;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.Util;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Our footer parser against parquet-format-structures, field by field, over every corpus footer it can parse. */
class FooterDifferentialTest {

    static Stream<String> corpusFiles() {
        return Corpus.parquetTestingFiles().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpusFiles")
    void footerMatchesParquetFormatStructures(String file) throws IOException {
        Path path = Corpus.file(file);
        FileMetaData oracle = oracleFooter(path);
        org.junit.jupiter.api.Assumptions.assumeTrue(oracle != null, "parquet-format-structures cannot parse this footer");

        Footer footer;
        try (MappedInputFile input = MappedInputFile.open(path)) {
            footer = FooterReader.read(input);
        }
        ThriftOracleComparator comparator = new ThriftOracleComparator();
        comparator.compare("FileMetaData", oracle, footer.metaData());
        assertThat(comparator.mismatches()).as(file).isEmpty();
        assertThat(comparator.comparedValues()).as("values compared in " + file).isGreaterThan(10);
    }

    /** Guards the guard: the comparison must notice when two footers differ. */
    @Test
    void comparatorReportsDifferences() throws IOException {
        FileMetaData oracle = oracleFooter(Corpus.file("data/alltypes_plain.parquet"));
        Footer other;
        try (MappedInputFile input = MappedInputFile.open(Corpus.file("data/alltypes_plain.snappy.parquet"))) {
            other = FooterReader.read(input);
        }
        ThriftOracleComparator comparator = new ThriftOracleComparator();
        comparator.compare("FileMetaData", oracle, other.metaData());
        assertThat(comparator.mismatches()).anyMatch(m -> m.startsWith("FileMetaData.num_rows: parquet-format-structures=8 pqflux=2"))
                .anyMatch(m -> m.contains(".codec: parquet-format-structures=UNCOMPRESSED pqflux=SNAPPY"));
    }

    /** The corpus notes say 84 of 96 footers parse with the oracle; the test must really cover them. */
    @Test
    void oracleParsesTheDocumentedNumberOfFooters() throws IOException {
        List<String> parsed = new ArrayList<>();
        for (String file : Corpus.parquetTestingFiles()) {
            if (oracleFooter(Corpus.file(file)) != null) parsed.add(file);
        }
        assertThat(parsed).hasSize(84);
    }

    private static FileMetaData oracleFooter(Path path) throws IOException {
        byte[] bytes = Files.readAllBytes(path);
        if (bytes.length < 12) return null;
        int length = ByteBuffer.wrap(bytes, bytes.length - 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        int start = bytes.length - 8 - length;
        if (length < 0 || start < 4) return null;
        try {
            return Util.readFileMetaData(new ByteArrayInputStream(bytes, start, length));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
