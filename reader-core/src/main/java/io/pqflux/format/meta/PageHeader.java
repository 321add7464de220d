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

    /** A v1 or v2 data page (even one of no values). */
    public boolean isDataPage() {
        return type == PageType.DATA_PAGE || type == PageType.DATA_PAGE_V2;
    }

    /** Values in a data page (nulls included), 0 for other pages; the page's own header must be present. */
    public long dataValues() {
        return switch (type) {
            case DATA_PAGE -> dataPageHeader.numValues();
            case DATA_PAGE_V2 -> dataPageHeaderV2.numValues();
            case DICTIONARY_PAGE, INDEX_PAGE -> 0;
        };
    }
}
