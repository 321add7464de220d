package io.pqflux.flink.internal.source;

import java.io.Serializable;

/**
 * What a split's elements mean to the job: the record each becomes, and where the split stands after it. Both the
 * fetcher (to begin a continuous split's next pass) and the emitter (for checkpoints) move a split forward with it.
 *
 * @param <E> what a pass yields
 * @param <T> the source's records
 * @param <S> the split
 */
public interface SplitProgress<E, T, S> extends Serializable {

    T record(E element);

    /** The split resumed after {@code element}: a restored job emits exactly the elements after it. */
    S after(S split, E element);
}
