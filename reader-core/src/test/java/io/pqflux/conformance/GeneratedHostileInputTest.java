package io.pqflux.conformance;

import io.pqflux.testdata.random.GeneratedFile;
import io.pqflux.testdata.random.RandomParquetFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Damaged variants of random files (nested, many pages, every codec): targeted damage to page headers,
 * level lengths and footer fields, plus random truncations and bit flips. Each must fail with a typed error
 * naming the file or read to the end (with the original values where the damage must keep them), within
 * the time limit, without leaking or over-allocating ({@link HostileReads#check}).
 */
class GeneratedHostileInputTest {

    private static final int FIXED_SEEDS = 8;
    private static final int STRUCTURED_PER_FILE = 200;
    private static final int RANDOM_PER_FILE = 60;

    @RegisterExtension
    static final Tally TALLY = new Tally("damaged random files");

    @TempDir
    static Path directory;

    static Stream<Long> seeds() {
        return PropertyCampaign.seeds("damaged random files", FIXED_SEEDS);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    @Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void damagedFilesFailCleanlyOrKeepTheirValues(long seed) throws Exception {
        GeneratedFile file = RandomParquetFiles.write(seed, PropertyCampaign.maxDepth(), directory);
        byte[] original = Files.readAllBytes(file.path());
        String name = file.path().getFileName().toString();
        Files.delete(file.path());
        try {
            HostileReads.damageAndCheck(name, original, HostileReads.baseline(name, original), seed, STRUCTURED_PER_FILE,
                    RANDOM_PER_FILE, TALLY);
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError("replay with " + PropertyCampaign.replay(seed) + "\n" + file.describe(), e);
        }
    }
}
