package io.pqflux.flink.internal.source;

/** A split's current position, moved by the emitter on the mailbox thread as its records go out. */
final class SplitHolder<S> {

    S split;

    SplitHolder(S split) {
        this.split = split;
    }
}
