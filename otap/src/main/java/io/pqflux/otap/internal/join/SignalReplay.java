package io.pqflux.otap.internal.join;

import com.google.protobuf.Message;
import io.pqflux.otap.ExportListing;
import io.pqflux.otap.OtapException;
import io.pqflux.otap.ReplayOptions;
import io.pqflux.otap.ReplayedBatch;
import io.pqflux.otap.Signal;
import io.pqflux.otap.internal.store.ExportStore;
import reactor.core.publisher.Flux;

/** A signal's replay over a listing: one streaming join per partition. (Being written: issue 12.) */
public final class SignalReplay {

    private SignalReplay() {
    }

    public static <M extends Message> Flux<ReplayedBatch<M>> replay(ExportStore store, ExportListing listing,
                                                                   Signal signal, ReplayOptions options) {
        return Flux.error(new OtapException(OtapException.Reason.UNSUPPORTED, listing.base(),
                "the " + signal + " replay is not implemented yet"));
    }
}
