package io.pqflux.page;

import io.pqflux.page.PageHeaderWalker.RawPage;

/** Passes pages through and counts the data pages among them. */
public final class CountedPages implements RawPageSource {

    private final RawPageSource pages;
    private long dataPages;

    public CountedPages(RawPageSource pages) {
        this.pages = pages;
    }

    @Override
    public RawPage next() {
        RawPage page = pages.next();
        if (page != null && isData(page)) dataPages++;
        return page;
    }

    public long dataPages() {
        return dataPages;
    }

    private static boolean isData(RawPage page) {
        return switch (page.header().type()) {
            case DATA_PAGE, DATA_PAGE_V2 -> true;
            case DICTIONARY_PAGE, INDEX_PAGE -> false;
        };
    }
}
