package io.pqflux.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pqflux.error.CorruptFileException;
import io.pqflux.error.ParquetIOException;
import io.pqflux.testdata.Corpus;
import java.lang.foreign.Arena;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputFileTest {

    private static final Path FILE = Corpus.file("data/alltypes_plain.parquet");

    @Test
    void mappedAndPositionalReadsReturnTheSameBytes() throws Exception {
        byte[] expected = Files.readAllBytes(FILE);
        try (MappedInputFile mapped = MappedInputFile.open(FILE);
             ChannelInputFile channel = ChannelInputFile.open(FILE);
             Arena arena = Arena.ofConfined()) {
            assertThat(mapped.length()).isEqualTo(expected.length).isEqualTo(channel.length());
            for (long[] range : new long[][] {{0, expected.length}, {0, 0}, {17, 100}, {expected.length - 8, 8}}) {
                byte[] a = mapped.read(range[0], range[1], arena).toArray(ValueLayout.JAVA_BYTE);
                byte[] b = channel.read(range[0], range[1], arena).toArray(ValueLayout.JAVA_BYTE);
                byte[] slice = java.util.Arrays.copyOfRange(expected, (int) range[0], (int) (range[0] + range[1]));
                assertThat(a).isEqualTo(slice);
                assertThat(b).isEqualTo(slice);
            }
        }
    }

    @Test
    void rangesOutsideTheFileAreCorruptionNotCrashes() {
        try (MappedInputFile mapped = MappedInputFile.open(FILE);
             ChannelInputFile channel = ChannelInputFile.open(FILE);
             Arena arena = Arena.ofConfined()) {
            for (InputFile f : new InputFile[] {mapped, channel}) {
                assertThatThrownBy(() -> f.read(f.length() - 4, 5, arena)).isInstanceOf(CorruptFileException.class)
                        .hasMessageContaining(FILE.toString()).hasMessageContaining("outside the file");
                assertThatThrownBy(() -> f.read(-1, 1, arena)).isInstanceOf(CorruptFileException.class);
                assertThatThrownBy(() -> f.read(0, Long.MAX_VALUE, arena)).isInstanceOf(CorruptFileException.class);
            }
        }
    }

    @Test
    void missingFileIsAnIoErrorNamingThePath(@TempDir Path dir) {
        Path missing = dir.resolve("nope.parquet");
        assertThatThrownBy(() -> MappedInputFile.open(missing)).isInstanceOf(ParquetIOException.class)
                .hasMessageContaining(missing.toString());
        assertThatThrownBy(() -> ChannelInputFile.open(missing)).isInstanceOf(ParquetIOException.class)
                .hasMessageContaining(missing.toString());
    }
}
