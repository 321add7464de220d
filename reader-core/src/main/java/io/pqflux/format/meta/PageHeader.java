package io.pqflux.format.meta;

/** A page header: sizes, optional CRC, and the one type-specific header that is set. */
public record PageHeader(
        PageType type,
        int uncompressedPageSize,
        int compressedPageSize,
        Integer crc,
        DataPageHeader dataPageHeader,
        IndexPageHeader indexPageHeader,
        DictionaryPageHeader dictionaryPageHeader,
        DataPageHeaderV2 dataPageHeaderV2) {
}
