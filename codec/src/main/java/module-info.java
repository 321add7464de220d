/**
 * Decompressors and Parquet encodings over {@code MemorySegment}s, and the decoding kernels (scalar, and their
 * Vector API twins). Knows nothing of files. Users see only the error hierarchy and {@code CompressionCodec};
 * the decoders are exported to the reader alone.
 */
// a qualified export names io.pqflux.core, which is compiled after this module
@SuppressWarnings("module")
module io.pqflux.codec {
    // Optional at run time: without --add-modules jdk.incubator.vector the scalar kernels run.
    requires static jdk.incubator.vector;
    // Only to ask HotSpot whether C2 is on; absent from a minimal runtime image, which is fine.
    requires static jdk.management;
    requires snappy.java;
    requires com.github.luben.zstd_jni;
    requires aircompressor.v3;
    requires dec;

    exports io.pqflux.error;
    exports io.pqflux.codec;

    exports io.pqflux.internal.codec.compress to io.pqflux.core;
    exports io.pqflux.internal.codec.encoding to io.pqflux.core;
    exports io.pqflux.internal.codec.simd to io.pqflux.core;
}
