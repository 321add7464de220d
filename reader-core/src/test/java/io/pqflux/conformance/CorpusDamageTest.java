package io.pqflux.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.pqflux.error.ParquetException;
import io.pqflux.testdata.Corpus;
import io.pqflux.testdata.Manifest;
import io.pqflux.testdata.TestScale;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Targeted damage to every corpus file pqflux decodes, plus random damage to those the manifest does not
 * list as identical ({@link io.pqflux.reader.HostileInputTest} already damages the identical ones at random).
 * Files whose undamaged read fails must be listed as errors in the manifest; they are reported as skipped.
 */
class CorpusDamageTest {

    private static final int STRUCTURED_PER_FILE = TestScale.cases(60);
    private static final Manifest MANIFEST = Manifest.load();
    @RegisterExtension
    static final Tally TALLY = new Tally("damaged corpus files");

    static Stream<String> files() {
        return Corpus.parquetTestingFiles().stream().filter(f -> !f.endsWith(".encrypted"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void damagedFilesFailCleanlyOrKeepTheirValues(String file) throws Exception {
        byte[] original = Files.readAllBytes(Corpus.file(file));
        HostileReads.Baseline baseline;
        try {
            baseline = HostileReads.baseline(file, original);
        } catch (ParquetException e) {
            assertThat(entry(file).outcome()).as(file + " fails undamaged (" + e.getMessage() + ")")
                    .isEqualTo(Manifest.Outcome.ERROR);
            TALLY.add("files skipped: the undamaged file fails, as the manifest says", 1);
            assumeTrue(false, () -> file + " fails undamaged, as the manifest says: " + e.getMessage());
            return;
        }
        boolean damagedAtRandomElsewhere = entry(file).outcome() == Manifest.Outcome.IDENTICAL;
        HostileReads.damageAndCheck(file, original, baseline, file.hashCode(), STRUCTURED_PER_FILE,
                damagedAtRandomElsewhere ? 0 : 30, TALLY);
    }

    private static Manifest.Entry entry(String file) {
        return MANIFEST.entries().stream().filter(e -> e.path().equals(file)).findFirst().orElseThrow();
    }
}
