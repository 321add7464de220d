package io.pqflux.flink.internal.source;

import java.io.Serializable;

/**
 * For sources whose elements are their records and whose splits resume by a count of records emitted (Tempo row
 * groups, Parquet row groups): each record moves its split on by one.
 */
public record CountingProgress<T, S>(Advance<S> advance) implements SplitProgress<T, T, S> {

    /** The split after one more record. */
    public interface Advance<S> extends Serializable {
        S next(S split);
    }

    @Override
    public T record(T element) {
        return element;
    }

    @Override
    public S after(S split, T element) {
        return advance.next(split);
    }
}
