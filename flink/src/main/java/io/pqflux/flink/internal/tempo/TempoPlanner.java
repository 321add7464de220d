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
import java.util.function.Consumer;

/** One split per row group of each block the time range selects, planned from the blocks' footers. */
public record TempoPlanner(StoreLocation root, TempoScan scan) implements SplitPlanner<TempoSplit> {

    @Override
    public void plan(Set<String> known, Consumer<List<TempoSplit>> found) throws Exception {
        try (ObjectStore store = root.open()) {
            TempoTenant tenant = scan.tenantIn(store);
            List<BlockMeta> blocks = scan.start() == null ? tenant.blocks() : tenant.blocks(scan.start(), scan.end());
            SplitPlanner.inParallel(blocks, SplitPlanner.concurrency(root), meta -> plan(tenant, meta, known), found);
        }
    }

    /** The block's row groups not yet planned, from its footer. */
    private static List<TempoSplit> plan(TempoTenant tenant, BlockMeta meta, Set<String> known) {
        FileMetaData data = tenant.block(meta).dataMetaData();
        List<TempoSplit> splits = new ArrayList<>();
        long firstRow = 0;
        List<RowGroup> rowGroups = data.rowGroups();
        for (int g = 0; g < rowGroups.size(); g++) {
            RowGroup rowGroup = rowGroups.get(g);
            long bytes = rowGroup.totalCompressedSize() != null ? rowGroup.totalCompressedSize() : rowGroup.totalByteSize();
            TempoSplit split = new TempoSplit(meta.blockId(), g, firstRow, firstRow + rowGroup.numRows(), 0, bytes);
            if (!known.contains(split.splitId())) splits.add(split);
            firstRow += rowGroup.numRows();
        }
        return splits;
    }
}
