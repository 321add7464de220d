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
             LoadedInputFile loaded = LoadedInputFile.open(FILE);
             Arena arena = Arena.ofConfined()) {
            assertThat(mapped.length()).isEqualTo(expected.length).isEqualTo(channel.length()).isEqualTo(loaded.length());
            for (long[] range : new long[][] {{0, expected.length}, {0, 0}, {17, 100}, {expected.length - 8, 8}}) {
                byte[] slice = java.util.Arrays.copyOfRange(expected, (int) range[0], (int) (range[0] + range[1]));
                for (InputFile f : new InputFile[] {mapped, channel, loaded}) {
                    assertThat(f.read(range[0], range[1], arena).toArray(ValueLayout.JAVA_BYTE)).as(f.getClass().getSimpleName())
                            .isEqualTo(slice);
                }
            }
            assertThat(loaded.identity()).isEqualTo(mapped.identity()).isNotNull();
            assertThat(loaded.readsInPlace()).isTrue();
        }
    }

    @Test
    void rangesOutsideTheFileAreCorruptionNotCrashes() {
        try (MappedInputFile mapped = MappedInputFile.open(FILE);
             ChannelInputFile channel = ChannelInputFile.open(FILE);
             LoadedInputFile loaded = LoadedInputFile.open(FILE);
             Arena arena = Arena.ofConfined()) {
            for (InputFile f : new InputFile[] {mapped, channel, loaded}) {
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
        assertThatThrownBy(() -> LocalFiles.open(missing)).isInstanceOf(ParquetIOException.class)
                .hasMessageContaining(missing.toString());
        assertThatThrownBy(() -> LocalFiles.open(dir)).isInstanceOf(ParquetIOException.class)
                .hasMessageContaining(dir.toString()).hasMessageContaining("directory");
    }

    @Test
    void smallFilesAreReadIntoMemoryAndLargerOnesMapped(@TempDir Path dir) throws Exception {
        Path atBound = Files.write(dir.resolve("small"), new byte[(int) LocalFiles.MAX_LOADED_BYTES]);
        Path above = Files.write(dir.resolve("large"), new byte[(int) LocalFiles.MAX_LOADED_BYTES + 1]);
        try (InputFile small = LocalFiles.open(atBound); InputFile large = LocalFiles.open(above)) {
            assertThat(small).isInstanceOf(LoadedInputFile.class);
            assertThat(large).isInstanceOf(MappedInputFile.class);
        }
        assertThatThrownBy(() -> LoadedInputFile.open(above)).isInstanceOf(ParquetIOException.class)
                .hasMessageContaining(above.toString()).hasMessageContaining("read into memory");
    }

    @Test
    void aLoadedFileGivesItsMemoryBackOnCloseAndFailsLoudlyAfter() {
        long live = io.pqflux.internal.memory.OffHeapBuffer.liveBuffers();
        LoadedInputFile loaded = LoadedInputFile.open(FILE);
        assertThat(io.pqflux.internal.memory.OffHeapBuffer.liveBuffers()).isEqualTo(live + 1);
        loaded.close();
        loaded.close();
        assertThat(io.pqflux.internal.memory.OffHeapBuffer.liveBuffers()).isEqualTo(live);
        try (Arena arena = Arena.ofConfined()) {
            assertThatThrownBy(() -> loaded.read(0, 4, arena)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(FILE.toString()).hasMessageContaining("closed");
        }
    }
}
