package io.pqflux.format.meta;

/** How many pages of one type use one encoding. */
public record PageEncodingStats(PageType pageType, Encoding encoding, int count) {
}
