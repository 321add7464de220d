package io.pqflux.flink.internal.otap;

import com.google.protobuf.Message;
import io.pqflux.flink.StoreLocation;
import io.pqflux.flink.internal.source.SplitProgress;
import io.pqflux.flink.internal.source.SplitReading;
import io.pqflux.flink.otap.OtapSplit;

/** The OTAP source's parts: a batch becomes its OTLP message and is recorded in its partition's progress. */
public final class OtapSources {

    private OtapSources() {
    }

    public static <M extends Message> SplitProgress<ListedBatch, M, OtapSplit> progress(Class<M> type) {
        return new Progress<>(type);
    }

    public static SplitReading.Factory<ListedBatch, OtapSplit> reading(StoreLocation export, OtapReplay replay) {
        return OtapReading.factory(export, replay);
    }

    private record Progress<M extends Message>(Class<M> type) implements SplitProgress<ListedBatch, M, OtapSplit> {

        @Override
        public M record(ListedBatch listed) {
            return type.cast(listed.batch().data());
        }

        @Override
        public OtapSplit after(OtapSplit split, ListedBatch listed) {
            return split.withProgress(split.progress().against(listed.listedRoots()).with(listed.batch().position()));
        }
    }
}
