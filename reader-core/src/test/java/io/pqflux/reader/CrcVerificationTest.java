package io.pqflux.reader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pqflux.error.ChecksumException;
import io.pqflux.testdata.Corpus;
import io.pqflux.testdata.Manifest;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** With CRC verification on, the two deliberately corrupt files fail and every other readable file still reads. */
class CrcVerificationTest {

    private static final Set<String> CORRUPT_CRC = Set.of(
            "data/datapage_v1-corrupt-checksum.parquet",
            "data/rle-dict-uncompressed-corrupt-checksum.parquet");

    static Stream<String> identicalFiles() {
        return Manifest.load().identicalFiles().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("identicalFiles")
    void crcCheckedRead(String file) {
        Path path = Corpus.file(file);
        ReadOptions options = ReadOptions.defaults().withVerifyCrc(true);
        if (CORRUPT_CRC.contains(file)) {
            assertThatThrownBy(() -> readAll(path, options))
                    .isInstanceOf(ChecksumException.class)
                    .hasMessageContaining(path.toString())
                    .hasMessageContaining("CRC mismatch");
        } else {
            assertThat(readAll(path, options)).isEqualTo(readAll(path, ReadOptions.defaults()));
        }
    }

    @org.junit.jupiter.api.Test
    void bothCorruptFilesAreInTheReadableSet() {
        assertThat(identicalFiles().toList()).containsAll(CORRUPT_CRC);
    }

    private static long readAll(Path path, ReadOptions options) {
        long values = 0;
        try (ParquetReader reader = ParquetReader.open(path, options)) {
            for (int g = 0; g < reader.rowGroupCount(); g++) {
                try (RowGroupBatch batch = reader.readRowGroup(g)) {
                    for (var v : batch.columns()) values += v.size();
                }
            }
        }
        return values;
    }
}
