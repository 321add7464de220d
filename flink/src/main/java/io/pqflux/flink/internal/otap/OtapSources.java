package io.pqflux.flink.internal.otap;

import com.google.protobuf.Message;
import io.pqflux.flink.StoreLocation;
import io.pqflux.flink.internal.source.SplitProgress;
import io.pqflux.flink.internal.source.SplitReading;
import io.pqflux.flink.otap.OtapSplit;
import java.nio.ByteBuffer;

/**
 * The OTAP source's parts: a batch becomes its OTLP message (or its encoding) and is recorded in its partition's
 * progress.
 */
public final class OtapSources {

    private OtapSources() {
    }

    public static <M extends Message> SplitProgress<ListedBatch, M, OtapSplit> progress(Class<M> type) {
        return new MessageProgress<>(type);
    }

    /** A batch becomes its protobuf encoding, as the replay wrote it (no message objects). */
    public static SplitProgress<ListedBatch, byte[], OtapSplit> encodedProgress() {
        return new EncodedProgress();
    }

    public static SplitReading.Factory<ListedBatch, OtapSplit> reading(StoreLocation export, OtapReplay replay) {
        return OtapReading.factory(export, replay);
    }

    /** The split after a batch: its partition's progress with the batch's position, against the listed root files. */
    private static OtapSplit after(OtapSplit split, ListedBatch listed) {
        return split.withProgress(split.progress().against(listed.listedRoots()).with(listed.batch().position()));
    }

    private record MessageProgress<M extends Message>(Class<M> type) implements SplitProgress<ListedBatch, M, OtapSplit> {

        @Override
        public M record(ListedBatch listed) {
            return type.cast(listed.batch().data());
        }

        @Override
        public OtapSplit after(OtapSplit split, ListedBatch listed) {
            return OtapSources.after(split, listed);
        }
    }

    private record EncodedProgress() implements SplitProgress<ListedBatch, byte[], OtapSplit> {

        @Override
        public byte[] record(ListedBatch listed) {
            ByteBuffer encoded = listed.batch().encoded();
            byte[] bytes = new byte[encoded.remaining()];
            encoded.get(bytes);
            return bytes;
        }

        @Override
        public OtapSplit after(OtapSplit split, ListedBatch listed) {
            return OtapSources.after(split, listed);
        }
    }
}
