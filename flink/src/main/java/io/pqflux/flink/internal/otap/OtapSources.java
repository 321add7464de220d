package io.pqflux.flink.internal.otap;

import com.google.protobuf.Message;
import io.pqflux.flink.StoreLocation;
import io.pqflux.flink.internal.source.SplitProgress;
import io.pqflux.flink.internal.source.SplitReading;
import io.pqflux.flink.otap.OtapSplit;
import io.pqflux.otap.ReplayedBatch;

/** The OTAP source's parts: a batch becomes its OTLP message and moves its partition's position to its own. */
public final class OtapSources {

    private OtapSources() {
    }

    public static <M extends Message> SplitProgress<ReplayedBatch<Message>, M, OtapSplit> progress(Class<M> type) {
        return new Progress<>(type);
    }

    public static SplitReading.Factory<ReplayedBatch<Message>, OtapSplit> reading(StoreLocation export, OtapReplay replay) {
        return OtapReading.factory(export, replay);
    }

    private record Progress<M extends Message>(Class<M> type) implements SplitProgress<ReplayedBatch<Message>, M, OtapSplit> {

        @Override
        public M record(ReplayedBatch<Message> batch) {
            return type.cast(batch.data());
        }

        @Override
        public OtapSplit after(OtapSplit split, ReplayedBatch<Message> batch) {
            return split.withPosition(batch.position());
        }
    }
}
