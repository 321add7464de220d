package io.pqflux.reactive.internal.dataset;

import java.util.Locale;

/**
 * Which listed files a dataset reads, by name, as Spark and Hive writers leave their output: names starting with
 * '.' or '_' are hidden ({@code _SUCCESS}, {@code .part-0.parquet.crc}, the index sidecar, temporary folders); of
 * the rest, files ending in {@code .parquet} are data, unless every file is to be read (for writers that name
 * their files otherwise).
 */
public final class DataFileNames {

    private DataFileNames() {
    }

    /** A file or folder name that writers use for what is not data. */
    public static boolean hidden(String name) {
        return name.startsWith(".") || name.startsWith("_");
    }

    /** Whether a folder on the way to {@code path} (relative, '/'-separated) is hidden. */
    public static boolean inHiddenFolder(String path) {
        String[] segments = path.split("/");
        for (int i = 0; i < segments.length - 1; i++) {
            if (hidden(segments[i])) return true;
        }
        return false;
    }

    /** Whether the file at {@code path} (relative, '/'-separated) is read as data. */
    public static boolean isData(String path, boolean everyFile) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        if (hidden(name)) return false;
        return everyFile || name.toLowerCase(Locale.ROOT).endsWith(".parquet");
    }
}
