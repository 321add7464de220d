package io.pqflux.tempo.internal.assembly;

/** Dotted column paths, as the assemblers address leaves and list levels. */
public final class ColumnPaths {

    private ColumnPaths() {
    }

    /**
     * The level of the node at the end of {@code dottedPath} in the {@code NestedColumn} of any leaf below it: its
     * number of components (level 0 is the row).
     */
    public static int level(String dottedPath) {
        int level = 1;
        for (int i = 0; i < dottedPath.length(); i++) if (dottedPath.charAt(i) == '.') level++;
        return level;
    }
}
