package io.pqflux.format.meta;

/** Page kinds; the ordinal is the Thrift id. */
public enum PageType {
    DATA_PAGE, INDEX_PAGE, DICTIONARY_PAGE, DATA_PAGE_V2;

    private static final PageType[] BY_ID = values();

    public static PageType fromThriftId(int id) {
        return id >= 0 && id < BY_ID.length ? BY_ID[id] : null;
    }
}
