package io.pqflux.internal.page;

/**
 * @param verifyCrc       check each page's CRC-32 where the header carries one
 * @param maxPageSize     largest decompressed page accepted, in bytes
 */
public record PageReadOptions(boolean verifyCrc, long maxPageSize) {

    public static final PageReadOptions DEFAULT = new PageReadOptions(false, 1L << 30);
}
