package io.pqflux.otap.internal.join;

import com.google.protobuf.Message;
import io.pqflux.otap.BatchPosition;
import io.pqflux.otap.ExportListing;
import io.pqflux.otap.OtapException;
import io.pqflux.otap.OtapTable;
import io.pqflux.otap.PartFile;
import io.pqflux.otap.PartitionProgress;
import io.pqflux.otap.ReplayOptions;
import io.pqflux.otap.ReplayedBatch;
import io.pqflux.otap.Signal;
import io.pqflux.storage.ObjectStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/**
 * A signal's replay over a listing: up to {@link ReplayOptions#partitionsInParallel()} partitions at once, one {@link
 * PartitionJoin} each, a batch per request on the bounded-elastic scheduler (the joins read files synchronously). Cancelling stops between batches and closes the
 * partition's files; an error closes them too and names the file.
 */
public final class SignalReplay {

    private SignalReplay() {
    }

    public static <M extends Message> Flux<ReplayedBatch<M>> replay(ObjectStore store, ExportListing listing,
                                                                   Signal signal, ReplayOptions options) {
        List<String> partitions = new ArrayList<>();
        for (String partition : listing.partitions()) {
            if (!options.partitions().isEmpty() && !options.partitions().contains(partition)) continue;
            if (listing.files(signal.root(), partition).isEmpty()) continue;
            partitions.add(partition);
        }
        // partitions replayed side by side share the cores their rows are decoded on
        int side = Math.max(1, Math.min(options.partitionsInParallel(), partitions.size()));
        ReplayOptions shared = options.withDecodeThreads(Math.max(1, options.decodeThreads() / side));
        return Flux.fromIterable(partitions)
                // each partition rebuilds its batches on its own thread, one ahead of its consumer
                .flatMap(partition -> SignalReplay.<M>partition(store, listing, signal, partition, shared),
                        options.partitionsInParallel(), 1);
    }

    @SuppressWarnings("unchecked")
    private static <M extends Message> Flux<ReplayedBatch<M>> partition(ObjectStore store, ExportListing listing,
                                                                       Signal signal, String partition,
                                                                       ReplayOptions options) {
        Map<OtapTable, List<PartFile>> files = listing.partition(partition);
        List<PartFile> allRoots = files.getOrDefault(signal.root(), List.of());
        List<PartFile> roots = new ArrayList<>();
        for (PartFile file : allRoots) {
            if (!options.rootFiles().test(file)) break; // in order: a later root file never goes before an earlier one
            roots.add(file);
        }
        boolean complete = roots.size() == allRoots.size();
        PartitionProgress progress = options.progress().get(partition);
        if (progress != null && progress.upTo() != null) checkListed(allRoots, progress.upTo(), listing);
        return Flux.<ReplayedBatch<M>, PartitionJoin>generate(
                        () -> new PartitionJoin(store, signal, partition, files, roots, options, complete),
                        (join, sink) -> {
                            ReplayedBatch<Message> batch = join.next(progress);
                            if (batch == null) {
                                // files closed (and their metrics reported) before the end is signalled
                                join.close();
                                sink.complete();
                            } else {
                                sink.next((ReplayedBatch<M>) batch);
                            }
                            return join;
                        },
                        PartitionJoin::close)
                // every request runs the join on the partition's worker: with requests on the caller's thread, one
                // consumer thread would rebuild every partition's batches (measured: 1.02x on two cores), and on a
                // non-blocking consumer it would read files there
                .subscribeOn(Schedulers.boundedElastic(), true);
    }

    private static void checkListed(List<PartFile> roots, BatchPosition position, ExportListing listing) {
        if (roots.stream().noneMatch(f -> f.path().equals(position.rootFile()))) {
            throw new OtapException(OtapException.Reason.BAD_LAYOUT, listing.base(), "the resume position names root file "
                    + position.rootFile() + ", which partition '" + position.partition() + "' no longer lists");
        }
    }
}
