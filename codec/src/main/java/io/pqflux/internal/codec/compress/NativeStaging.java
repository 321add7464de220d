package io.pqflux.internal.codec.compress;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * Lets a decompressor that works on raw addresses or ByteBuffer views accept any heap segment too, by
 * staging it through temporary native memory: a heap segment over anything but a byte[] has no ByteBuffer
 * view at all. The reader only passes native segments, so that path costs nothing.
 */
final class NativeStaging implements Decompressor {

    private final Decompressor nativeOnly;

    NativeStaging(Decompressor nativeOnly) {
        this.nativeOnly = nativeOnly;
    }

    @Override
    public String name() {
        return nativeOnly.name();
    }

    @Override
    public void decompress(MemorySegment input, MemorySegment output) {
        if (input.isNative() && output.isNative()) {
            nativeOnly.decompress(input, output);
            return;
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment nativeInput = input.isNative() ? input : arena.allocate(input.byteSize()).copyFrom(input);
            MemorySegment nativeOutput = output.isNative() ? output : arena.allocate(output.byteSize());
            nativeOnly.decompress(nativeInput, nativeOutput);
            if (nativeOutput != output) output.copyFrom(nativeOutput);
        }
    }

    /** The output comes from a {@link GrowableOutput}, which is native; only the input may need staging. */
    @Override
    public MemorySegment decompress(MemorySegment input, long declaredSize, GrowableOutput output) {
        if (input.isNative()) return nativeOnly.decompress(input, declaredSize, output);
        try (Arena arena = Arena.ofConfined()) {
            return nativeOnly.decompress(arena.allocate(input.byteSize()).copyFrom(input), declaredSize, output);
        }
    }

    @Override
    public long maxOutputSize(long inputSize) {
        return nativeOnly.maxOutputSize(inputSize);
    }

    @Override
    public void close() {
        nativeOnly.close();
    }
}
