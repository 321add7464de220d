package io.pqflux.flink.internal.otap;

import com.google.protobuf.Message;
import io.pqflux.otap.ReplayedBatch;
import java.util.Set;

/**
 * A batch a pass replayed, with the root files the listing of that pass held: the split's progress forgets the
 * records of root files no longer listed (deleted by retention), so that it stays as large as the export, not as its
 * history.
 */
public record ListedBatch(ReplayedBatch<Message> batch, Set<String> listedRootFiles) {
}
