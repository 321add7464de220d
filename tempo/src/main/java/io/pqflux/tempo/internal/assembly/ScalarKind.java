package io.pqflux.tempo.internal.assembly;

import java.util.List;

/** The kinds of scalar Tempo stores in typed value lists, in the order it consults them. */
public enum ScalarKind {
    STRING, INT, DOUBLE, BOOL;

    /** {@link #values()} once: it copies its array on every call, and attribute assembly asks per attribute. */
    static final List<ScalarKind> ALL = List.of(values());
}
