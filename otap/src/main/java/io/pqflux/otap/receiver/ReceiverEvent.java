package io.pqflux.otap.receiver;

import io.pqflux.otap.BatchPosition;
import io.pqflux.otap.Signal;
import io.pqflux.otap.UnjoinedRow;
import java.util.List;

/** What a receiver reports as it goes: a delivered batch, a quarantined file, the end of a poll. */
public sealed interface ReceiverEvent {

    /**
     * A batch delivered to the sink and recorded in the checkpoint.
     *
     * @param records    the log records, spans or metrics in it
     * @param unjoined   rows left out of it or only partly joined, with reasons
     * @param sinkLength the sink's length after it
     */
    record Delivered(Signal signal, BatchPosition position, int records, List<UnjoinedRow> unjoined, long sinkLength)
            implements ReceiverEvent {
        public Delivered {
            unjoined = List.copyOf(unjoined);
        }
    }

    /**
     * A file whose replay failed, left out from now on; the rest of its partition and the other partitions go on.
     * {@code signal} is the signal whose replay found it: another signal's root file, when a join read it for the
     * resource and scope ids it claims.
     */
    record Quarantined(Signal signal, QuarantinedFile file) implements ReceiverEvent {
    }

    /**
     * One pass over the export done.
     *
     * @param files          the complete, unquarantined table files listed
     * @param partitions     their partitions
     * @param waitingRootFiles root files left for a later poll because they are younger than the minimum age
     */
    record Polled(int files, int partitions, int waitingRootFiles) implements ReceiverEvent {
    }
}
