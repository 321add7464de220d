package io.pqflux.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pqflux.error.CorruptFileException;
import io.pqflux.error.ParquetIOException;
import java.io.RandomAccessFile;
import java.lang.foreign.Arena;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A small local file's bytes are read as its ranges are first read: the bytes, what is read, threads, a close during
 * reads, a file shrunk, an interrupt, a file replaced.
 */
class LoadedInputFileTest {

    private static final int CHUNK = 4096;

    private static Path randomFile(Path dir, int size, long seed) throws Exception {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return Files.write(dir.resolve("f" + seed), bytes);
    }

    /** What a read of 10 bytes at {@code offset} throws on a thread whose interrupt is set: null when it throws nothing. */
    private static Throwable readInterrupted(LoadedInputFile file, long offset, Arena arena) throws InterruptedException {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread interrupted = new Thread(() -> {
            Thread.currentThread().interrupt();
            try {
                file.read(offset, 10, arena);
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        interrupted.start();
        interrupted.join();
        return failure.get();
    }

    @Test
    void randomRangesReadTheFilesBytes(@TempDir Path dir) throws Exception {
        Random random = new Random(7);
        for (int size : new int[] {1, CHUNK - 1, CHUNK, CHUNK + 1, 10 * CHUNK + 123, 64 * CHUNK, 65 * CHUNK + 5}) {
            Path path = randomFile(dir, size, size);
            byte[] expected = Files.readAllBytes(path);
            try (LoadedInputFile file = LoadedInputFile.open(path); Arena arena = Arena.ofConfined()) {
                for (int i = 0; i < 300; i++) {
                    int offset = random.nextInt(size);
                    int length = random.nextInt(Math.min(size - offset, 3 * CHUNK) + 1);
                    assertThat(file.read(offset, length, arena).toArray(ValueLayout.JAVA_BYTE)).as("%d bytes at %d of %d",
                            length, offset, size).isEqualTo(Arrays.copyOfRange(expected, offset, offset + length));
                }
                assertThat(file.read(0, size, arena).toArray(ValueLayout.JAVA_BYTE)).isEqualTo(expected);
                assertThat(file.bytesLoaded()).as("each chunk read once").isEqualTo(size);
            }
        }
    }

    @Test
    void onlyTheChunksReadAreCopied(@TempDir Path dir) throws Exception {
        Path path = randomFile(dir, 100 * CHUNK, 1);
        try (LoadedInputFile file = LoadedInputFile.open(path); Arena arena = Arena.ofConfined()) {
            assertThat(file.bytesLoaded()).as("nothing at open").isZero();
            file.read(10 * CHUNK + 5, 10, arena);
            assertThat(file.bytesLoaded()).isEqualTo(CHUNK);
            file.read(10 * CHUNK + 100, 50, arena);
            assertThat(file.bytesLoaded()).as("the same chunk again").isEqualTo(CHUNK);
            // across a chunk boundary, one of the two chunks loaded already
            file.read(11 * CHUNK - 8, 16, arena);
            assertThat(file.bytesLoaded()).isEqualTo(2 * CHUNK);
            file.read(50 * CHUNK, 0, arena);
            assertThat(file.bytesLoaded()).as("an empty range reads nothing").isEqualTo(2 * CHUNK);
            file.read(99 * CHUNK + 1, CHUNK - 1, arena);
            assertThat(file.bytesLoaded()).isEqualTo(3 * CHUNK);
        }
    }

    @Test
    void readsOnManyThreadsSeeTheFilesBytes(@TempDir Path dir) throws Exception {
        int size = 200 * CHUNK + 77;
        Path path = randomFile(dir, size, 3);
        byte[] expected = Files.readAllBytes(path);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 20; round++) {
                try (LoadedInputFile file = LoadedInputFile.open(path)) {
                    List<Future<?>> reads = new ArrayList<>();
                    for (int t = 0; t < 8; t++) {
                        long seed = round * 8L + t;
                        reads.add(pool.submit(() -> {
                            Random random = new Random(seed);
                            try (Arena arena = Arena.ofConfined()) {
                                for (int i = 0; i < 200; i++) {
                                    int offset = random.nextInt(size);
                                    int length = random.nextInt(Math.min(size - offset, 5 * CHUNK) + 1);
                                    assertThat(file.read(offset, length, arena).toArray(ValueLayout.JAVA_BYTE))
                                            .isEqualTo(Arrays.copyOfRange(expected, offset, offset + length));
                                }
                            }
                            return null;
                        }));
                    }
                    for (Future<?> read : reads) read.get();
                    try (Arena arena = Arena.ofConfined()) {
                        assertThat(file.read(0, size, arena).toArray(ValueLayout.JAVA_BYTE)).isEqualTo(expected);
                    }
                    assertThat(file.bytesLoaded()).as("every chunk read once, whichever thread came first").isEqualTo(size);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aFileThatShrankFailsTheFirstReadPastItsNewEnd(@TempDir Path dir) throws Exception {
        Path path = randomFile(dir, 10 * CHUNK, 4);
        byte[] expected = Files.readAllBytes(path);
        try (LoadedInputFile file = LoadedInputFile.open(path); Arena arena = Arena.ofConfined()) {
            assertThat(file.read(0, 100, arena).toArray(ValueLayout.JAVA_BYTE)).isEqualTo(Arrays.copyOf(expected, 100));
            try (RandomAccessFile truncate = new RandomAccessFile(path.toFile(), "rw")) {
                truncate.setLength(5 * CHUNK);
            }
            assertThat(file.read(CHUNK, 100, arena).toArray(ValueLayout.JAVA_BYTE))
                    .isEqualTo(Arrays.copyOfRange(expected, CHUNK, CHUNK + 100));
            assertThatThrownBy(() -> file.read(8 * CHUNK, 10, arena)).isInstanceOf(CorruptFileException.class)
                    .hasMessageContaining(path.toString()).hasMessageContaining("shrunk since it was opened")
                    .hasMessageContaining(String.valueOf(8 * CHUNK));
            assertThat(file.read(0, 100, arena).toArray(ValueLayout.JAVA_BYTE)).as("what was read stays")
                    .isEqualTo(Arrays.copyOf(expected, 100));
        }
    }

    @Test
    void closingWhileOthersReadStopsTheirLoads(@TempDir Path dir) throws Exception {
        int size = 500 * CHUNK;
        Path path = randomFile(dir, size, 5);
        byte[] expected = Files.readAllBytes(path);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (int round = 0; round < 20; round++) {
                LoadedInputFile file = LoadedInputFile.open(path);
                CountDownLatch started = new CountDownLatch(4);
                List<Future<Integer>> reads = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    int first = t;
                    reads.add(pool.submit(() -> {
                        int done = 0;
                        try (Arena arena = Arena.ofConfined()) {
                            assertThat(file.read((long) first * CHUNK, CHUNK, arena).toArray(ValueLayout.JAVA_BYTE))
                                    .isEqualTo(Arrays.copyOfRange(expected, first * CHUNK, (first + 1) * CHUNK));
                            done++;
                            started.countDown();
                            // from here the file may close under these reads: they load, or fail, but their slices
                            // are not read (a slice read after the close is the caller's misuse, see the class)
                            for (int chunk = first + 4; chunk < 500; chunk += 4, done++) file.read((long) chunk * CHUNK, CHUNK, arena);
                        } catch (IllegalStateException closed) {
                            assertThat(closed).hasMessageContaining(path.toString()).hasMessageContaining("is closed");
                        }
                        return done;
                    }));
                }
                started.await();
                file.close();
                long loadedAtClose = file.bytesLoaded();
                int done = 0;
                for (Future<Integer> read : reads) done += read.get();
                assertThat(done).as("every reader read before the close").isGreaterThanOrEqualTo(4);
                assertThat(file.bytesLoaded()).as("no load after the close: its memory is the pool's again")
                        .isEqualTo(loadedAtClose);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anInterruptedReadFailsAndTheReadsAfterItGoOn(@TempDir Path dir) throws Exception {
        Path path = randomFile(dir, 10 * CHUNK, 6);
        byte[] expected = Files.readAllBytes(path);
        try (LoadedInputFile file = LoadedInputFile.open(path); Arena arena = Arena.ofShared()) {
            assertThat(readInterrupted(file, 2 * CHUNK, arena)).isInstanceOf(ParquetIOException.class)
                    .hasMessageContaining(path.toString())
                    .hasMessageContaining("read interrupted").hasMessageContaining(String.valueOf(2 * CHUNK));
            assertThat(file.read(2 * CHUNK, 10, arena).toArray(ValueLayout.JAVA_BYTE)).as("the same range, on another thread")
                    .isEqualTo(Arrays.copyOfRange(expected, 2 * CHUNK, 2 * CHUNK + 10));
            assertThat(file.read(7 * CHUNK, CHUNK, arena).toArray(ValueLayout.JAVA_BYTE))
                    .isEqualTo(Arrays.copyOfRange(expected, 7 * CHUNK, 8 * CHUNK));
        }
    }

    @Test
    void aFileReplacedByARenameIsNotOpenedAgainAfterAnInterrupt(@TempDir Path dir) throws Exception {
        Path path = randomFile(dir, 10 * CHUNK, 8);
        Path other = randomFile(dir, 10 * CHUNK, 9);
        try (LoadedInputFile file = LoadedInputFile.open(path); Arena arena = Arena.ofShared()) {
            Files.move(other, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            assertThat(readInterrupted(file, 0, arena)).isInstanceOf(ParquetIOException.class)
                    .hasMessageContaining("names another file now");
            assertThatThrownBy(() -> file.read(0, 10, arena)).as("never the replacement's bytes")
                    .isInstanceOf(ParquetIOException.class).hasMessageContaining("names another file now");
        }
    }
}
