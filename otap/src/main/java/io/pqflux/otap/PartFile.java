package io.pqflux.otap;

import java.util.Comparator;
import java.util.Objects;

/**
 * One complete table file of an export: {@code <base>/<table>/[_part_id=<partition>/]part-<millis>-<uuid>.parquet}.
 *
 * @param table          the table (directory) it belongs to
 * @param partition      the {@code _part_id} UUID, or the empty string for a file directly in the table directory
 * @param createdMillis  the exporter's clock when it created the file (from the name)
 * @param uuid           the file's own UUID (from the name)
 * @param path           where it is, relative to the export's base, '/'-separated
 * @param size           its length in bytes
 */
public record PartFile(OtapTable table, String partition, long createdMillis, String uuid, String path, long size) {

    /** Creation order: the millis in the name, then the name (ties within a millisecond are rare). */
    public static final Comparator<PartFile> CREATION_ORDER =
            Comparator.comparingLong(PartFile::createdMillis).thenComparing(PartFile::path);

    public PartFile {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(partition, "partition");
        Objects.requireNonNull(uuid, "uuid");
        Objects.requireNonNull(path, "path");
    }

    /** The file name, {@code part-<millis>-<uuid>.parquet}. */
    public String name() {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
