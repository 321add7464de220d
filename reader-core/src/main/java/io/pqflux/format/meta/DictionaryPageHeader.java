package io.pqflux.format.meta;

/** Header of a dictionary page. */
public record DictionaryPageHeader(int numValues, Encoding encoding, Boolean isSorted) {
}
