package io.pqflux.filter;

/**
 * What metadata proves about a set of rows (a row group, a page): no row matches, every row matches, or
 * it cannot tell. Combined through and/or/not so that {@code not} can prune too.
 */
public enum Match {
    NONE, SOME, ALL;

    public Match and(Match other) {
        if (this == NONE || other == NONE) return NONE;
        return this == ALL && other == ALL ? ALL : SOME;
    }

    public Match or(Match other) {
        if (this == ALL || other == ALL) return ALL;
        return this == NONE && other == NONE ? NONE : SOME;
    }

    public Match not() {
        return switch (this) {
            case NONE -> ALL;
            case ALL -> NONE;
            case SOME -> SOME;
        };
    }
}
