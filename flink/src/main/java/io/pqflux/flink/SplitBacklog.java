package io.pqflux.flink;

import java.util.List;
import java.util.Set;

/**
 * A pqflux source enumerator's checkpoint: the splits not yet handed to a reader (largest first), the IDs of every
 * split planned so far (a continuous source plans only what is new), and whether the first plan is done.
 *
 * @param pending   planned splits no reader holds
 * @param planned   the IDs of all splits planned, pending or assigned
 * @param firstPlanDone whether the source has been planned once (a bounded source plans once)
 */
public record SplitBacklog<S>(List<S> pending, Set<String> planned, boolean firstPlanDone) {

    public SplitBacklog {
        pending = List.copyOf(pending);
        planned = Set.copyOf(planned);
    }
}
