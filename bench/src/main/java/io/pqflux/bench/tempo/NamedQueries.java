package io.pqflux.bench.tempo;

import java.util.Map;

/** A suite's queries by parameter name, in order; an unknown name fails naming the known ones. */
record NamedQueries(String suite, Map<String, String> byName) {

    String query(String name) {
        String query = byName.get(name);
        if (query == null) throw new IllegalArgumentException("no " + suite + " query named " + name + " (known: " + byName.keySet() + ")");
        return query;
    }
}
