package io.pqflux.flink.internal.source;

import io.pqflux.flink.RecordFunction;
import java.io.Serializable;

/**
 * For sources whose splits resume by a count of records emitted (Tempo row groups, Parquet row groups): each element
 * becomes one record and moves its split on by one.
 */
public record CountingProgress<E, T, S>(RecordFunction<E, T> records, Advance<S> advance) implements SplitProgress<E, T, S> {

    /** The split after one more record. */
    public interface Advance<S> extends Serializable {
        S next(S split);
    }

    /** Elements that are their own records. */
    public static <T, S> CountingProgress<T, T, S> of(Advance<S> advance) {
        return new CountingProgress<>(element -> element, advance);
    }

    @Override
    public T record(E element) {
        return records.apply(element);
    }

    @Override
    public S after(S split, E element) {
        return advance.next(split);
    }
}
