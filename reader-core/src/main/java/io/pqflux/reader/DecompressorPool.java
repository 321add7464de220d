package io.pqflux.reader;

import io.pqflux.codec.CompressionCodec;
import io.pqflux.internal.codec.compress.Decompressor;
import io.pqflux.internal.codec.compress.Decompressors;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * The decompressors of one reader. A decompressor keeps native state and serves one thread at a time, so each
 * column chunk being decoded leases its own; leases return them for the next chunk, so a reader creates only
 * as many as it decodes chunks at once.
 */
final class DecompressorPool implements AutoCloseable {

    private final Map<CompressionCodec, ConcurrentLinkedDeque<Decompressor>> idle = new EnumMap<>(CompressionCodec.class);
    private volatile boolean closed;

    DecompressorPool() {
        for (CompressionCodec codec : CompressionCodec.values()) idle.put(codec, new ConcurrentLinkedDeque<>());
    }

    /** A decompressor for {@code codec}, owned by the caller until the lease is closed. */
    Lease lease(CompressionCodec codec) {
        Decompressor decompressor = idle.get(codec).pollFirst();
        return new Lease(codec, decompressor != null ? decompressor : Decompressors.create(codec));
    }

    @Override
    public void close() {
        closed = true;
        idle.values().forEach(DecompressorPool::closeAll);
    }

    private static void closeAll(ConcurrentLinkedDeque<Decompressor> decompressors) {
        for (Decompressor d = decompressors.pollFirst(); d != null; d = decompressors.pollFirst()) d.close();
    }

    /** One decompressor on loan; closing gives it back, or frees it once the reader has closed. */
    final class Lease implements AutoCloseable {
        private final CompressionCodec codec;
        private final Decompressor decompressor;

        private Lease(CompressionCodec codec, Decompressor decompressor) {
            this.codec = codec;
            this.decompressor = decompressor;
        }

        Decompressor decompressor() {
            return decompressor;
        }

        @Override
        public void close() {
            ConcurrentLinkedDeque<Decompressor> queue = idle.get(codec);
            queue.offerFirst(decompressor);
            if (closed) closeAll(queue);
        }
    }
}
