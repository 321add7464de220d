package io.pqflux.flink.internal.types;

import java.io.IOException;
import java.io.Serializable;

/** How values of one type become bytes between Flink operators and back: the one thing {@link CodecSerializer} varies. */
public interface Codec<T> extends Serializable {

    Class<T> type();

    byte[] encode(T value) throws IOException;

    T decode(byte[] bytes) throws IOException;
}
