package io.pqflux.tempo.internal.assembly;

import java.util.List;

/**
 * Where one attribute of one owner is stored in a file: the dedicated or well-known columns that hold its string
 * values, those that hold its int values, and the generic list's key column, under which every other value of it lies.
 * A value of the attribute is in one of these places or nowhere, which is what a search prunes with.
 */
public record AttributeColumns(List<String> stringColumns, List<String> intColumns, String keyColumn) {
    public AttributeColumns {
        stringColumns = List.copyOf(stringColumns);
        intColumns = List.copyOf(intColumns);
    }
}
