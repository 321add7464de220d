package io.pqflux.internal.page;

import io.pqflux.internal.page.PageHeaderWalker.RawPage;

/** Pages as stored, one after the other: a whole column chunk, or only some of its pages. */
public interface RawPageSource {

    /** The next page, or null when there is none. */
    RawPage next();
}
