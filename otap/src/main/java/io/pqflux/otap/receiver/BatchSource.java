package io.pqflux.otap.receiver;

import com.google.protobuf.Message;
import io.pqflux.otap.ExportListing;
import io.pqflux.otap.OtapExport;
import io.pqflux.otap.ReplayOptions;
import io.pqflux.otap.ReplayedBatch;
import io.pqflux.otap.Signal;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** What a receiver needs of an export: its listing and a signal's replay over a listing. {@link OtapExport} in use. */
interface BatchSource {

    Mono<ExportListing> listing();

    Flux<ReplayedBatch<Message>> replay(ExportListing listing, Signal signal, ReplayOptions options);

    static BatchSource of(OtapExport export) {
        return new BatchSource() {
            @Override
            public Mono<ExportListing> listing() {
                return export.listing();
            }

            @Override
            public Flux<ReplayedBatch<Message>> replay(ExportListing listing, Signal signal, ReplayOptions options) {
                return export.replay(listing, signal, options);
            }
        };
    }
}
