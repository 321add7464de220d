package io.pqflux.codec;

import io.pqflux.internal.codec.simd.Kernels;

/** Which decoding kernels this JVM runs: the Vector API's or their scalar twins, picked once at class load. */
public final class DecodingKernels {

    private DecodingKernels() {
    }

    /** One line for version banners and bug reports: the kernels in use and why (vector width, flags). */
    public static String description() {
        return Kernels.description();
    }
}
