package io.pqflux.otap;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What an export's base holds: its complete table files, and the names it skipped (staging files {@code
 * *.parquet#N} an exporter is writing or left behind after a crash, and anything else that is not the exporter's).
 *
 * @param base    how the base is named in messages (a path or an {@code s3://} URI)
 * @param files   the complete table files, in creation order per table and partition
 * @param skipped paths (relative to the base) that were ignored, with the reason
 */
public record ExportListing(String base, List<PartFile> files, Map<String, String> skipped) {

    public ExportListing {
        files = List.copyOf(files);
        skipped = Map.copyOf(skipped);
    }

    /** The partitions' UUIDs (the empty string for unpartitioned files), sorted. */
    public Set<String> partitions() {
        return files.stream().map(PartFile::partition).collect(Collectors.toCollection(TreeSet::new));
    }

    /** The files of one table in one partition, in creation order. */
    public List<PartFile> files(OtapTable table, String partition) {
        return files.stream().filter(f -> f.table() == table && f.partition().equals(partition))
                .sorted(PartFile.CREATION_ORDER).toList();
    }

    /** The files of one partition by table. */
    public Map<OtapTable, List<PartFile>> partition(String partition) {
        Map<OtapTable, List<PartFile>> byTable = new TreeMap<>();
        for (OtapTable table : OtapTable.values()) {
            List<PartFile> files = files(table, partition);
            if (!files.isEmpty()) byTable.put(table, files);
        }
        return byTable;
    }
}
