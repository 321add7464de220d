package io.pqflux.otap;

import com.google.protobuf.Message;
import java.util.List;

/**
 * One exporter batch rebuilt as OTLP, with where it ends in its partition (for checkpoints) and the rows that could
 * not be joined.
 *
 * @param signal   the signal
 * @param position where the batch ends; a replay resumed after it continues with the next batch
 * @param data     {@code LogsData}, {@code TracesData} or {@code MetricsData}
 * @param records  the log records, spans or metrics in {@code data}
 * @param unjoined rows left out of (or partly joined into) {@code data}, with reasons
 */
public record ReplayedBatch<M extends Message>(Signal signal, BatchPosition position, M data, int records,
                                               List<UnjoinedRow> unjoined) {

    public ReplayedBatch {
        unjoined = List.copyOf(unjoined);
    }
}
