package io.pqflux.otap.internal.join;

import io.pqflux.otap.internal.rows.TableChunk;
import io.pqflux.reactive.ScanOptions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import java.util.function.IntFunction;
import reactor.core.scheduler.Scheduler;

/**
 * A chunk's rows decoded, a large chunk's split across the decode scheduler's threads: decoding rows (encoding their
 * fields) is most of a partition's work, and one partition's join runs on one thread. Each part has a decoder of its
 * own (a decoder keeps a writer and caches), made on the calling thread; the parts only read the chunk's columns.
 */
final class ChunkRows<R> {

    /** Rows below which a part is not split off (its hand-off would cost more than it saves). */
    static final int MIN_PART_ROWS = 2048;
    private static final Scheduler DECODE = ScanOptions.defaults().decodeScheduler();

    private final Function<TableChunk, IntFunction<R>> decoder;
    private final int threads;

    /** @param threads how many threads decode a chunk: the calling one and up to {@code threads - 1} others */
    ChunkRows(Function<TableChunk, IntFunction<R>> decoder, int threads) {
        this.decoder = decoder;
        this.threads = threads;
    }

    List<R> decode(TableChunk chunk) {
        int rows = chunk.rowCount();
        int parts = Math.min(threads, rows / MIN_PART_ROWS);
        if (parts <= 1) {
            IntFunction<R> decode = decoder.apply(chunk);
            List<R> decoded = new ArrayList<>(rows);
            for (int row = 0; row < rows; row++) decoded.add(decode.apply(row));
            return decoded;
        }
        Object[] decoded = new Object[rows];
        List<CompletableFuture<Void>> others = new ArrayList<>();
        for (int part = 1; part < parts; part++) {
            Runnable task = part(decoder.apply(chunk), decoded, (int) ((long) rows * part / parts),
                    (int) ((long) rows * (part + 1) / parts));
            CompletableFuture<Void> done = new CompletableFuture<>();
            DECODE.schedule(() -> {
                try {
                    task.run();
                    done.complete(null);
                } catch (Throwable e) {
                    done.completeExceptionally(e);
                }
            });
            others.add(done);
        }
        try {
            part(decoder.apply(chunk), decoded, 0, rows / parts).run();
        } finally {
            // the other parts finish before the chunk can be released, whatever happened here
            for (CompletableFuture<Void> done : others) done.exceptionally(e -> null).join();
        }
        for (CompletableFuture<Void> done : others) rethrow(done);
        @SuppressWarnings("unchecked")
        List<R> list = (List<R>) Arrays.asList(decoded);
        return list;
    }

    private static <R> Runnable part(IntFunction<R> decode, Object[] decoded, int from, int to) {
        return () -> {
            for (int row = from; row < to; row++) decoded[row] = decode.apply(row);
        };
    }

    /** A part's failure (a bad value, named by its row) as the calling thread's. */
    private static void rethrow(CompletableFuture<Void> done) {
        try {
            done.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) throw runtime;
            if (e.getCause() instanceof Error error) throw error;
            throw e;
        }
    }
}
