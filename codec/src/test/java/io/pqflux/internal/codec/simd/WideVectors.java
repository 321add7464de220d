package io.pqflux.internal.codec.simd;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The vector kernels need a preferred species of at least 256 bits (AVX2 and up). On hardware with narrower
 * vectors (e.g. 128-bit NEON) the tests of the vector path are skipped by assumption, not failed; the
 * scalar path is tested everywhere.
 */
public final class WideVectors {

    private WideVectors() {
    }

    /** Skips the calling test unless this hardware's (and this JVM's) preferred vectors have at least 256 bits. */
    public static void assumePresent() {
        int bits = VectorKernels.bitSize();
        assumeTrue(bits >= 256, () -> "this JVM's preferred vectors have " + bits + " bits; the vector kernels need 256");
    }
}
