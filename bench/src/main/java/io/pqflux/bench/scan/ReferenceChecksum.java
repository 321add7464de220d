package io.pqflux.bench.scan;

import io.pqflux.bench.checksum.Fold;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * parquet-java's checksum of a generated file, the value every benchmarked reader must reproduce. A full
 * parquet-java scan of the 5M-row files takes seconds, so the result is kept beside the (immutable, versioned)
 * file and reused by later forks; the parquetJava benchmarks still recompute it in their setup, so a stale
 * sidecar fails the run instead of passing silently.
 */
public final class ReferenceChecksum {

    private ReferenceChecksum() {
    }

    public static long of(Path file) {
        Path sidecar = file.resolveSibling(file.getFileName() + ".parquet-java-v" + Fold.VERSION + ".sum");
        try {
            if (Files.isRegularFile(sidecar)) return Long.parseUnsignedLong(Files.readString(sidecar).strip(), 16);
            long checksum = ParquetJavaScan.checksum(file);
            Path temporary = Files.createTempFile(file.getParent(), sidecar.getFileName().toString(), ".partial");
            Files.writeString(temporary, Long.toHexString(checksum));
            Files.move(temporary, sidecar, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return checksum;
        } catch (IOException e) {
            throw new UncheckedIOException("reference checksum of " + file, e);
        }
    }

    /** Throws unless {@code actual} (what {@code reader} computed) equals {@code expected}. */
    public static void check(String reader, Path file, long expected, long actual) {
        if (actual != expected) {
            throw new IllegalStateException(reader + " read " + file + " with checksum " + Long.toHexString(actual)
                    + " but parquet-java's is " + Long.toHexString(expected) + ": the readers disagree on some value");
        }
    }
}
