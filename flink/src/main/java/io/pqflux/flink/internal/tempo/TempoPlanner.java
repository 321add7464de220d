package io.pqflux.flink.internal.tempo;

import io.pqflux.flink.StoreLocation;
import io.pqflux.flink.internal.source.SplitPlanner;
import io.pqflux.flink.tempo.TempoSplit;
import io.pqflux.format.meta.FileMetaData;
import io.pqflux.format.meta.RowGroup;
import io.pqflux.storage.ObjectStore;
import io.pqflux.tempo.BlockMeta;
import io.pqflux.tempo.TempoTenant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** One split per row group of each block the time range selects, planned from the blocks' footers. */
public record TempoPlanner(StoreLocation root, TempoScan scan) implements SplitPlanner<TempoSplit> {

    @Override
    public List<TempoSplit> plan(Set<String> known) {
        try (ObjectStore store = root.open()) {
            TempoTenant tenant = TempoTenant.of(store, scan.tenant());
            List<BlockMeta> blocks = scan.start() == null ? tenant.blocks() : tenant.blocks(scan.start(), scan.end());
            List<TempoSplit> splits = new ArrayList<>();
            for (BlockMeta meta : blocks) {
                FileMetaData data = tenant.block(meta).dataMetaData();
                long firstRow = 0;
                List<RowGroup> rowGroups = data.rowGroups();
                for (int g = 0; g < rowGroups.size(); g++) {
                    RowGroup rowGroup = rowGroups.get(g);
                    long bytes = rowGroup.totalCompressedSize() != null ? rowGroup.totalCompressedSize() : rowGroup.totalByteSize();
                    TempoSplit split = new TempoSplit(meta.blockId(), g, firstRow, firstRow + rowGroup.numRows(), 0, bytes);
                    if (!known.contains(split.splitId())) splits.add(split);
                    firstRow += rowGroup.numRows();
                }
            }
            return splits;
        }
    }
}
