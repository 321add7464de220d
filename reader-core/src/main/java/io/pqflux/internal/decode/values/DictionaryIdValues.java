package io.pqflux.internal.decode.values;

import io.pqflux.internal.codec.encoding.DictionaryGather;
import io.pqflux.internal.codec.encoding.RleBitPackedHybridDecoder;
import io.pqflux.internal.codec.simd.LevelKernels;
import io.pqflux.internal.decode.ColumnBuffers;
import java.lang.foreign.MemorySegment;

/**
 * Dictionary ids (RLE/bit-packed hybrid), appended as ids while the column is kept in dictionary form, else
 * looked up and appended as values. A skip steps over runs; skipped ids are never looked at.
 */
final class DictionaryIdValues implements ValueDecoder {

    private final RleBitPackedHybridDecoder ids;
    private final Dictionary dictionary;
    private final LevelKernels kernels;

    DictionaryIdValues(RleBitPackedHybridDecoder ids, Dictionary dictionary, LevelKernels kernels) {
        this.ids = ids;
        this.dictionary = dictionary;
        this.kernels = kernels;
    }

    @Override
    public void read(int count, ColumnBuffers out) {
        if (out.keepingIds()) {
            MemorySegment kept = out.reserveIds(count);
            long at = (long) out.valueCount() * Integer.BYTES;
            ids.readInts(kept, at, count);
            // validate now so a bad id fails here rather than at access time
            DictionaryGather.checkIds(kernels, kept, at, count, dictionary.size());
            out.valuesWritten(count);
        } else {
            MemorySegment scratch = dictionary.idScratch(count);
            ids.readInts(scratch, 0, count);
            dictionary.gather(kernels, scratch, 0, count, out);
        }
    }

    @Override
    public void skip(int count) {
        ids.skip(count);
    }
}
