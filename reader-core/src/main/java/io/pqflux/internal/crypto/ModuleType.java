package io.pqflux.internal.crypto;

/**
 * The kinds of encrypted module the spec defines, with the id each contributes to its AAD; the description is what
 * errors call the module.
 */
public enum ModuleType {
    FOOTER(0, "footer"),
    COLUMN_META_DATA(1, "column metadata"),
    DATA_PAGE(2, "data page"),
    DICTIONARY_PAGE(3, "dictionary page"),
    DATA_PAGE_HEADER(4, "data page header"),
    DICTIONARY_PAGE_HEADER(5, "dictionary page header"),
    COLUMN_INDEX(6, "column index"),
    OFFSET_INDEX(7, "offset index"),
    BLOOM_FILTER_HEADER(8, "bloom filter header"),
    BLOOM_FILTER_BITSET(9, "bloom filter bitset");

    private final byte id;
    private final String description;

    ModuleType(int id, String description) {
        this.id = (byte) id;
        this.description = description;
    }

    byte id() {
        return id;
    }

    public String description() {
        return description;
    }

    /** Data pages and their headers are numbered within their column chunk; their AAD carries that number. */
    boolean hasPageOrdinal() {
        return this == DATA_PAGE || this == DATA_PAGE_HEADER;
    }
}
