package io.pqflux.otap.receiver;

import com.google.protobuf.CodedOutputStream;
import io.pqflux.otap.ReplayedBatch;
import io.pqflux.otap.Signal;
import io.pqflux.otlp.OtlpJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Objects;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Batches appended to a file, delivered <b>exactly once</b> together with a receiver's checkpoint: {@link #start} truncates the file to the checkpoint's
 * committed length (dropping whatever a crash left after the last checkpointed batch), each batch is appended and
 * forced to the device before the receiver records it, so after any crash the file holds exactly the batches the
 * checkpoint says were delivered, plus perhaps a tail that the next start removes.
 *
 * <p>Two formats, those of the OpenTelemetry file exporter specification: {@linkplain #of OTLP/JSON lines}, one {@code
 * LogsData}/{@code TracesData}/{@code MetricsData} object per line, any signals mixed; and {@linkplain #protobuf
 * delimited protobuf} of one signal, each batch's encoding as the replay wrote it behind its varint length (what
 * protobuf-java's {@code writeDelimitedTo} writes and {@code parseDelimitedFrom} reads), with no message objects made.
 * The three signals' messages cannot be told apart by their bytes, so a protobuf file holds one. Keep one format per
 * output and checkpoint: the checkpoint records a length, not a format.
 *
 * <p>The file belongs to the sink while it is open: anything else writing to it breaks the guarantee.
 */
public final class FileSink implements ReceiverSink {

    private final Path file;
    /** The one signal of a delimited protobuf file; null for OTLP/JSON lines. */
    private final Signal protobufSignal;
    private FileChannel channel;
    private long length;

    private FileSink(Path file, Signal protobufSignal) {
        this.file = file;
        this.protobufSignal = protobufSignal;
    }

    /** OTLP/JSON lines in {@code file} (created on {@link #start} if missing), any signals. */
    public static FileSink of(Path file) {
        return new FileSink(Objects.requireNonNull(file, "file"), null);
    }

    /**
     * Delimited protobuf of {@code signal}'s batches in {@code file} (created on {@link #start} if missing); another
     * signal's batch fails its delivery with a {@link ReceiverException}.
     */
    public static FileSink protobuf(Path file, Signal signal) {
        return new FileSink(Objects.requireNonNull(file, "file"), Objects.requireNonNull(signal, "signal"));
    }

    /**
     * Opens the file and truncates it to {@code committedLength}.
     *
     * @throws ReceiverException when the file is shorter than that (it was changed behind the checkpoint's back) or
     *                           cannot be opened
     */
    @Override
    public void start(long committedLength) {
        if (channel != null) throw new IllegalStateException(file + " is already started");
        try {
            FileChannel opened = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            try {
                long size = opened.size();
                if (size < committedLength) {
                    throw new ReceiverException(file + ": " + size + " bytes, but the checkpoint recorded "
                            + committedLength + " delivered; the output was changed or replaced");
                }
                opened.truncate(committedLength);
                opened.force(true);
            } catch (IOException | RuntimeException e) {
                opened.close();
                throw e;
            }
            channel = opened;
            length = committedLength;
        } catch (IOException e) {
            throw ReceiverException.io(file, "open the output", e);
        }
    }

    /**
     * Appends the batch (its JSON line, or its length and encoding) and forces it, on the bounded-elastic scheduler;
     * completes with the new length.
     */
    @Override
    public Mono<Long> deliver(ReplayedBatch<?> batch) {
        if (protobufSignal == null) {
            return Mono.fromCallable(() -> append(ByteBuffer.wrap((OtlpJson.write(batch.data()) + "\n")
                    .getBytes(StandardCharsets.UTF_8)))).subscribeOn(Schedulers.boundedElastic());
        }
        if (batch.signal() != protobufSignal) {
            return Mono.error(new ReceiverException(file + ": a protobuf output holds one signal, "
                    + protobufSignal.name().toLowerCase(Locale.ROOT) + ", but a "
                    + batch.signal().name().toLowerCase(Locale.ROOT) + " batch was delivered"));
        }
        return Mono.fromCallable(() -> {
            ByteBuffer encoded = batch.encoded();
            return append(lengthPrefix(encoded.remaining()), encoded);
        }).subscribeOn(Schedulers.boundedElastic());
    }

    /** The unsigned varint of {@code size}, as a delimited protobuf message starts. */
    private static ByteBuffer lengthPrefix(int size) {
        byte[] prefix = new byte[CodedOutputStream.computeUInt32SizeNoTag(size)];
        try {
            CodedOutputStream.newInstance(prefix).writeUInt32NoTag(size);
        } catch (IOException e) {
            throw new UncheckedIOException("writing into an array", e);
        }
        return ByteBuffer.wrap(prefix);
    }

    private synchronized long append(ByteBuffer... parts) {
        if (channel == null) throw new IllegalStateException(file + " is not started");
        try {
            long position = length;
            for (ByteBuffer bytes : parts) {
                while (bytes.hasRemaining()) position += channel.write(bytes, position);
            }
            channel.force(true);
            length = position;
            return length;
        } catch (IOException e) {
            throw ReceiverException.io(file, "append at offset " + length, e);
        }
    }

    @Override
    public synchronized void close() {
        if (channel == null) return;
        try {
            channel.close();
        } catch (IOException e) {
            throw ReceiverException.io(file, "close the output", e);
        } finally {
            channel = null;
        }
    }
}
