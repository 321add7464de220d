package io.pqflux.flink.internal.otap;

import com.google.protobuf.Message;
import io.pqflux.otap.PartFile;
import io.pqflux.otap.ReplayedBatch;
import java.util.List;

/**
 * A batch a pass replayed, with its partition's root files in the listing of that pass: the split's progress is kept
 * against them ({@code PartitionProgress.against}), so that it stays as large as the export, not as its history.
 */
public record ListedBatch(ReplayedBatch<Message> batch, List<PartFile> listedRoots) {
}
