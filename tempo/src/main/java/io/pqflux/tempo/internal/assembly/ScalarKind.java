package io.pqflux.tempo.internal.assembly;

/** The kinds of scalar Tempo stores in typed value lists, in the order it consults them. */
public enum ScalarKind {
    STRING, INT, DOUBLE, BOOL
}
