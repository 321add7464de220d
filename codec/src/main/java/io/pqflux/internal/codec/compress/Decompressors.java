package io.pqflux.internal.codec.compress;

import io.pqflux.codec.CompressionCodec;

import io.pqflux.error.UnsupportedFeatureException;

/** Creates the {@link Decompressor} for a codec. */
public final class Decompressors {

    private Decompressors() {}

    /**
     * Loads the codecs' native libraries now, on this thread. The first use of snappy-java, zstd-jni or liblz4 extracts
     * its library from the jar and loads it: file reads that should not happen on an event loop or a decode thread,
     * and that under BlockHound fail the codec's class initialization for the life of the JVM.
     */
    public static void loadNativeLibraries() {
        org.xerial.snappy.Snappy.maxCompressedLength(0);
        com.github.luben.zstd.Zstd.defaultCompressionLevel();
        NativeLz4Block.isAvailable();
    }

    /** A new instance per call: instances are not thread-safe. */
    public static Decompressor create(CompressionCodec codec) {
        return switch (codec) {
            case UNCOMPRESSED -> new UncompressedDecompressor();
            case SNAPPY -> new NativeStaging(new SnappyDecompressor());
            case GZIP -> new NativeStaging(new GzipDecompressor());
            case ZSTD -> new NativeStaging(new ZstdDecompressor());
            case LZ4_RAW -> new NativeStaging(new Lz4RawDecompressor(Lz4Block.preferred()));
            case LZ4 -> new NativeStaging(new Lz4HadoopDecompressor(Lz4Block.preferred()));
            case BROTLI -> new BrotliDecompressor();
            case LZO -> throw new UnsupportedFeatureException("compression codec LZO");
        };
    }

    /** {@code a * b} for non-negative operands, saturating at {@link Long#MAX_VALUE} instead of wrapping. */
    static long saturatedMultiply(long a, long b) {
        return b != 0 && a > Long.MAX_VALUE / b ? Long.MAX_VALUE : a * b;
    }
}
