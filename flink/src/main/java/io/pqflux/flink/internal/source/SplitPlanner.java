package io.pqflux.flink.internal.source;

import io.pqflux.flink.SizedSplit;
import java.io.Serializable;
import java.util.List;
import java.util.Set;

/** Plans a source's splits on the enumerator (from listings and footers). Runs on the enumerator's worker thread. */
public interface SplitPlanner<S extends SizedSplit> extends Serializable {

    /** The splits there are now whose IDs are not in {@code known} (every split on a first, bounded plan). */
    List<S> plan(Set<String> known) throws Exception;
}
