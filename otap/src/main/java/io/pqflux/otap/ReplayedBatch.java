package io.pqflux.otap;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import io.opentelemetry.proto.logs.v1.LogsData;
import io.opentelemetry.proto.metrics.v1.MetricsData;
import io.opentelemetry.proto.trace.v1.TracesData;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One exporter batch rebuilt as OTLP, with where it ends in its partition (for checkpoints) and the rows that could
 * not be joined.
 *
 * <p>A replay rebuilds a batch as its protobuf encoding, written straight from the columns: {@link #encoded()} is that
 * encoding as it is (the body of an OTLP/HTTP or gRPC export request, {@code ExportLogsServiceRequest} and {@code
 * LogsData} sharing theirs), and {@link #data()} the message parsed from it on first use. A consumer that forwards
 * bytes never makes message objects. A batch made from a message ({@link #ReplayedBatch(Signal, BatchPosition, Message,
 * int, List) the constructor}) serializes it on the first {@link #encoded()}.
 *
 * @param <M> {@code LogsData}, {@code TracesData} or {@code MetricsData}
 */
public final class ReplayedBatch<M extends Message> {

    private final Signal signal;
    private final BatchPosition position;
    private final int records;
    private final List<UnjoinedRow> unjoined;
    private volatile M data;
    private volatile byte[] encoded;

    /**
     * @param signal   the signal
     * @param position where the batch ends; a replay resumed after it continues with the next batch
     * @param data     {@code LogsData}, {@code TracesData} or {@code MetricsData}
     * @param records  the log records, spans or metrics in {@code data}
     * @param unjoined rows left out of (or partly joined into) {@code data}, with reasons
     */
    public ReplayedBatch(Signal signal, BatchPosition position, M data, int records, List<UnjoinedRow> unjoined) {
        this(signal, position, records, unjoined, Objects.requireNonNull(data, "data"), null);
    }

    private ReplayedBatch(Signal signal, BatchPosition position, int records, List<UnjoinedRow> unjoined, M data,
                          byte[] encoded) {
        this.signal = Objects.requireNonNull(signal, "signal");
        this.position = Objects.requireNonNull(position, "position");
        this.records = records;
        this.unjoined = List.copyOf(unjoined);
        this.data = data;
        this.encoded = encoded;
    }

    /**
     * A batch from the encoding of its data message, which the caller hands over (it is not copied).
     *
     * @param encoded the signal's data message ({@code LogsData}, …) as protobuf
     */
    public static <M extends Message> ReplayedBatch<M> encoded(Signal signal, BatchPosition position, byte[] encoded,
                                                               int records, List<UnjoinedRow> unjoined) {
        return new ReplayedBatch<>(signal, position, records, unjoined, null, Objects.requireNonNull(encoded, "encoded"));
    }

    public Signal signal() {
        return signal;
    }

    /** Where the batch ends; a replay resumed after it continues with the next batch. */
    public BatchPosition position() {
        return position;
    }

    /** The log records, spans or metrics in the batch. */
    public int records() {
        return records;
    }

    /** Rows left out of (or partly joined into) the batch, with reasons. */
    public List<UnjoinedRow> unjoined() {
        return unjoined;
    }

    /** {@code LogsData}, {@code TracesData} or {@code MetricsData}, parsed from {@link #encoded()} on first use. */
    public M data() {
        M parsed = data;
        if (parsed == null) data = parsed = parse(signal, encoded);
        return parsed;
    }

    /** The data message as protobuf, read-only: written by the replay, or serialized from {@link #data()} once. */
    public ByteBuffer encoded() {
        byte[] bytes = encoded;
        if (bytes == null) encoded = bytes = data.toByteArray();
        return ByteBuffer.wrap(bytes).asReadOnlyBuffer();
    }

    /** The length of {@link #encoded()}. */
    public int serializedSize() {
        byte[] bytes = encoded;
        return bytes != null ? bytes.length : data.getSerializedSize();
    }

    @SuppressWarnings("unchecked")
    private static <M extends Message> M parse(Signal signal, byte[] bytes) {
        Parser<? extends Message> parser = switch (signal) {
            case LOGS -> LogsData.parser();
            case TRACES -> TracesData.parser();
            case METRICS -> MetricsData.parser();
        };
        try {
            return (M) parser.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("a replayed " + signal + " batch does not parse: " + e.getMessage(), e);
        }
    }

    /** Equal batches: the same signal, position, record count, unjoined rows and message. */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ReplayedBatch<?> other)) return false;
        if (signal != other.signal || records != other.records || !position.equals(other.position)
                || !unjoined.equals(other.unjoined)) {
            return false;
        }
        byte[] mine = encoded, theirs = other.encoded;
        return mine != null && theirs != null ? Arrays.equals(mine, theirs) : data().equals(other.data());
    }

    @Override
    public int hashCode() {
        return Objects.hash(signal, position, records, unjoined, data());
    }

    @Override
    public String toString() {
        return "ReplayedBatch[" + signal + " " + position + ", " + records + " records, " + unjoined.size()
                + " unjoined, " + serializedSize() + " bytes]";
    }
}
