package io.pqflux.internal.decode;

import io.pqflux.column.DictionaryForm;
import io.pqflux.internal.codec.simd.Kernels;
import io.pqflux.internal.codec.simd.LevelKernels;

/**
 * @param dictionaryForm whether dictionary-encoded chunks are materialised or kept as ids + dictionary
 * @param maxColumnBytes largest amount of off-heap memory one decoded column chunk may take
 * @param kernels        the decoding kernels every decoder of the read uses, chosen once here rather than looked
 *                       up inside each decoder, so tests can run a read on the scalar or the vector kernels
 */
public record DecodeOptions(DictionaryForm dictionaryForm, long maxColumnBytes, LevelKernels kernels) {

    public static final DecodeOptions DEFAULT = new DecodeOptions(DictionaryForm.KEPT_FOR_BYTE_ARRAYS, 4L << 30,
            Kernels.active());
}
