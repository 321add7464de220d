package io.pqflux.flink.internal.otap;

import io.pqflux.flink.StoreLocation;
import io.pqflux.flink.internal.source.SplitPlanner;
import io.pqflux.flink.otap.OtapSplit;
import io.pqflux.otap.ExportListing;
import io.pqflux.otap.OtapExport;
import io.pqflux.otap.PartFile;
import io.pqflux.storage.ObjectStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** One split per partition that holds root files of the signal, sized by all of the partition's files. */
public record OtapPlanner(StoreLocation export, OtapReplay replay) implements SplitPlanner<OtapSplit> {

    @Override
    public void plan(Set<String> known, Consumer<List<OtapSplit>> found) {
        try (ObjectStore store = export.open()) {
            ExportListing listing = OtapExport.of(store).listing().block();
            List<OtapSplit> splits = new ArrayList<>();
            for (String partition : listing.partitions()) {
                OtapSplit split = OtapSplit.unread(partition, 0);
                if (known.contains(split.splitId()) || listing.files(replay.signal().root(), partition).isEmpty()) continue;
                long bytes = listing.partition(partition).values().stream().flatMap(List::stream).mapToLong(PartFile::size).sum();
                splits.add(OtapSplit.unread(partition, bytes));
            }
            // one listing: every partition's split at once
            found.accept(splits);
        }
    }
}
