package io.pqflux.flink;

import io.pqflux.flink.internal.source.SourceParts;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * What pqflux's Flink sources have in common: splits planned by an enumerator whose checkpoint is a
 * {@link SplitBacklog}, read by one reader design (pqflux's {@code Flux}es drained on the fetcher thread with bounded
 * demand), records of a declared type ({@link PqfluxTypes}). The subclasses ({@code OtapSource}, {@code TempoSource},
 * {@code ParquetSource}) say what a split is and how it is planned and read.
 */
public abstract class PqfluxSource<T, S extends SizedSplit> implements Source<T, S, SplitBacklog<S>>, ResultTypeQueryable<T> {

    private static final long serialVersionUID = 1L;

    private final SourceParts<?, T, S> parts;
    private final TypeInformation<T> type;

    protected PqfluxSource(SourceParts<?, T, S> parts, TypeInformation<T> type) {
        this.parts = Objects.requireNonNull(parts, "parts");
        this.type = Objects.requireNonNull(type, "type");
    }

    @Override
    public final Boundedness getBoundedness() {
        return parts.boundedness();
    }

    @Override
    public final SourceReader<T, S> createReader(SourceReaderContext context) {
        return parts.reader(context);
    }

    @Override
    public final SplitEnumerator<S, SplitBacklog<S>> createEnumerator(SplitEnumeratorContext<S> context) {
        return parts.enumerator(context, null);
    }

    @Override
    public final SplitEnumerator<S, SplitBacklog<S>> restoreEnumerator(SplitEnumeratorContext<S> context, SplitBacklog<S> checkpoint) {
        return parts.enumerator(context, checkpoint);
    }

    @Override
    public final SimpleVersionedSerializer<S> getSplitSerializer() {
        return parts.splits();
    }

    @Override
    public final SimpleVersionedSerializer<SplitBacklog<S>> getEnumeratorCheckpointSerializer() {
        return parts.backlogSerializer();
    }

    @Override
    public final TypeInformation<T> getProducedType() {
        return type;
    }
}
