package io.pqflux.column;

/**
 * Values read in place from their encoded form rather than decoded into a vector: a statistics bound, a predicate's
 * literal, the entries of a dictionary page. The reader makes them; callers see them through {@link ColumnValues}.
 */
public non-sealed interface EncodedValues extends ColumnValues {
}
