package io.pqflux.reader;

import static org.assertj.core.api.Assertions.assertThat;

import io.pqflux.conformance.RandomCorruption;
import io.pqflux.error.ParquetException;
import io.pqflux.io.BytesInputFile;
import io.pqflux.testdata.Corpus;
import io.pqflux.testdata.Manifest;
import java.nio.file.Files;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Truncated and bit-flipped variants of every readable corpus file (seeded, derived at test time): each
 * must read to the end or fail with a {@link ParquetException} — no other exception, no error, no hang,
 * no leaked buffer (the leak extension checks after each file).
 */
class HostileInputTest {

    private static final int VARIANTS_PER_FILE = 60;

    static Stream<String> readableFiles() {
        return Manifest.load().readableFiles().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("readableFiles")
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void mutatedFilesFailCleanly(String file) throws Exception {
        byte[] original = Files.readAllBytes(Corpus.file(file));
        SplittableRandom random = new SplittableRandom(file.hashCode());
        int typedErrors = 0;
        for (int v = 0; v < VARIANTS_PER_FILE; v++) {
            byte[] mutated = RandomCorruption.variant(original, v, random);
            String name = file + " variant " + v;
            try {
                readEverything(new BytesInputFile(name, mutated));
            } catch (ParquetException e) {
                typedErrors++;
                assertThat(e.getMessage()).as("error names the file").contains(name);
            }
        }
        assertThat(typedErrors).as("truncations alone must produce typed errors").isGreaterThan(0);
    }

    private static void readEverything(BytesInputFile input) {
        try (ParquetReader reader = ParquetReader.open(input, ReadOptions.defaults())) {
            try (RowCursor rows = reader.rows()) {
                while (rows.next()) {
                    CanonicalRows.touchAll(rows);
                }
            }
        }
    }
}
