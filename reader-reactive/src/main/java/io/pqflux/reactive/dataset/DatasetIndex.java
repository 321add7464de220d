package io.pqflux.reactive.dataset;

import io.pqflux.filter.Predicate;

/** Placeholder replaced below. */
public final class DatasetIndex {
    boolean mayMatch(DatasetFile file, Predicate predicate) {
        return true;
    }
}
