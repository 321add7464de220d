package io.pqflux.internal.decode;

import io.pqflux.column.DictionaryForm;

/**
 * @param dictionaryForm whether dictionary-encoded chunks are materialised or kept as ids + dictionary
 * @param maxColumnBytes largest amount of off-heap memory one decoded column chunk may take
 */
public record DecodeOptions(DictionaryForm dictionaryForm, long maxColumnBytes) {

    public static final DecodeOptions DEFAULT = new DecodeOptions(DictionaryForm.KEPT_FOR_BYTE_ARRAYS, 4L << 30);
}
