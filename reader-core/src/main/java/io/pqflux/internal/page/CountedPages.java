package io.pqflux.internal.page;

import io.pqflux.internal.page.PageHeaderWalker.RawPage;

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
        if (page != null && page.header().isDataPage()) dataPages++;
        return page;
    }

    public long dataPages() {
        return dataPages;
    }
}
