package io.pqflux.internal.codec.compress;

import io.pqflux.error.UnsupportedFeatureException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;

/** ByteBuffer views for the codec libraries that only speak ByteBuffer. */
final class ByteBuffers {

    private ByteBuffers() {}

    /** Parquet page sizes are int32, so a larger segment is a caller bug or a hostile size that slipped through. */
    static ByteBuffer view(MemorySegment segment, String codec) {
        if (segment.byteSize() > Integer.MAX_VALUE) {
            throw new UnsupportedFeatureException(codec + ": page of " + segment.byteSize()
                    + " bytes exceeds the 2 GiB limit of a page");
        }
        return segment.asByteBuffer();
    }
}
