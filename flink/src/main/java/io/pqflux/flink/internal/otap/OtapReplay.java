package io.pqflux.flink.internal.otap;

import io.pqflux.otap.JoinMode;
import io.pqflux.otap.Signal;
import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * What an OTAP source replays, as plain values a job can ship: the signal, the join, and for a continuous source how
 * often to look for new files and how old a root file must be before its batches are joined.
 *
 * @param pollInterval null for a bounded source
 */
public record OtapReplay(Signal signal, JoinMode joinMode, int maxWindowRows, Duration pollInterval, Duration minFileAge)
        implements Serializable {

    public OtapReplay {
        Objects.requireNonNull(signal, "signal");
        Objects.requireNonNull(joinMode, "joinMode");
        Objects.requireNonNull(minFileAge, "minFileAge");
        if (maxWindowRows < 1) throw new IllegalArgumentException("maxWindowRows " + maxWindowRows + " < 1");
    }

    public boolean continuous() {
        return pollInterval != null;
    }
}
