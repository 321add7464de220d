package io.pqflux.bench.scan;

import io.pqflux.bench.checksum.Fold;
import io.pqflux.bench.data.DataDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

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
        String name = file.getFileName() + ".parquet-java-v" + Fold.VERSION + ".sum";
        Path sidecar = DataDirectory.cached(file.getParent(), name, target -> {
            try {
                Files.writeString(target, Long.toHexString(ParquetJavaScan.checksum(file)));
            } catch (IOException e) {
                throw new UncheckedIOException("writing " + target, e);
            }
        });
        try {
            return Long.parseUnsignedLong(Files.readString(sidecar).strip(), 16);
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
