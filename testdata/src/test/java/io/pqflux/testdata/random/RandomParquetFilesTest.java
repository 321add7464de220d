package io.pqflux.testdata.random;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RandomParquetFilesTest {

    @TempDir
    Path dir;

    @Test
    void sameSeedWritesTheSameBytes() throws Exception {
        for (long seed = 1; seed <= 5; seed++) {
            Path first = Files.move(RandomParquetFiles.write(seed, 4, dir).path(), dir.resolve("first.parquet"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            byte[] again = Files.readAllBytes(RandomParquetFiles.write(seed, 4, dir).path());
            assertThat(again).as("seed " + seed).isEqualTo(Files.readAllBytes(first));
        }
    }

    @Test
    void writesManyShapes() {
        for (long seed = 0; seed < 50; seed++) {
            GeneratedFile file = RandomParquetFiles.write(seed, 4, dir);
            assertThat(file.path()).as(file.describe()).exists();
        }
    }
}
