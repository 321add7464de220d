package io.pqflux.reader;

import static org.assertj.core.api.Assertions.assertThat;

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
            byte[] mutated = mutate(original, v, random);
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

    /** A third each: truncation, flips anywhere, flips in the last tenth (footer and page headers near it). */
    private static byte[] mutate(byte[] original, int variant, SplittableRandom random) {
        switch (variant % 3) {
            case 0 -> {
                return java.util.Arrays.copyOf(original, random.nextInt(original.length));
            }
            case 1 -> {
                byte[] copy = original.clone();
                for (int i = 0, n = 1 + random.nextInt(8); i < n; i++) copy[random.nextInt(copy.length)] ^= (byte) (1 << random.nextInt(8));
                return copy;
            }
            default -> {
                byte[] copy = original.clone();
                int from = copy.length - Math.max(16, copy.length / 10);
                for (int i = 0, n = 1 + random.nextInt(4); i < n; i++) {
                    copy[from + random.nextInt(copy.length - from)] = (byte) random.nextInt(256);
                }
                return copy;
            }
        }
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
