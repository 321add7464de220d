package io.pqflux.flink;

import java.io.Serializable;

/**
 * Makes a source's element into the record it emits, on the task managers, before the record leaves the reader (no
 * operator, no serialization of the element in between): for example a span into a table row.
 */
@FunctionalInterface
public interface RecordFunction<E, T> extends Serializable {

    T apply(E element);
}
