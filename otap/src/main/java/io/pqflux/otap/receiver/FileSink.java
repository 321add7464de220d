package io.pqflux.otap.receiver;

import io.pqflux.otap.ReplayedBatch;
import io.pqflux.otlp.OtlpJson;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * OTLP/JSON lines in a file, one {@code LogsData}/{@code TracesData}/{@code MetricsData} object per line, delivered
 * <b>exactly once</b> together with a receiver's checkpoint: {@link #start} truncates the file to the checkpoint's
 * committed length (dropping whatever a crash left after the last checkpointed batch), each batch is appended and
 * forced to the device before the receiver records it, so after any crash the file holds exactly the batches the
 * checkpoint says were delivered, plus perhaps a tail that the next start removes.
 *
 * <p>The file belongs to the sink while it is open: anything else writing to it breaks the guarantee.
 */
public final class FileSink implements ReceiverSink {

    private final Path file;
    private FileChannel channel;
    private long length;

    private FileSink(Path file) {
        this.file = file;
    }

    /** A sink for {@code file}, created on {@link #start} if missing. */
    public static FileSink of(Path file) {
        return new FileSink(Objects.requireNonNull(file, "file"));
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

    /** Appends the batch's line and forces it, on the bounded-elastic scheduler; completes with the new length. */
    @Override
    public Mono<Long> deliver(ReplayedBatch<?> batch) {
        return Mono.fromCallable(() -> append(OtlpJson.write(batch.data()) + "\n"))
                .subscribeOn(Schedulers.boundedElastic());
    }

    private synchronized long append(String line) {
        if (channel == null) throw new IllegalStateException(file + " is not started");
        ByteBuffer bytes = ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
        try {
            long position = length;
            while (bytes.hasRemaining()) position += channel.write(bytes, position);
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
