package io.pqflux.codec;

import io.pqflux.error.UnsupportedFeatureException;
import io.pqflux.internal.codec.compress.Decompressors;

/** Parquet's {@code CompressionCodec} enum; the constants carry the Thrift ids the footer stores. */
public enum CompressionCodec {
    UNCOMPRESSED(0),
    SNAPPY(1),
    GZIP(2),
    LZO(3),
    BROTLI(4),
    LZ4(5),
    ZSTD(6),
    LZ4_RAW(7);

    private static final CompressionCodec[] BY_ID = values();

    private final int thriftId;

    CompressionCodec(int thriftId) {
        this.thriftId = thriftId;
    }

    public int thriftId() {
        return thriftId;
    }

    /** The codec a footer's id names; ids are dense from 0, so the ordinal doubles as the id. */
    public static CompressionCodec fromThriftId(int id) {
        if (id < 0 || id >= BY_ID.length) throw new UnsupportedFeatureException("compression codec id " + id);
        return BY_ID[id];
    }

    /**
     * Loads the native libraries of the codecs that have them (snappy-java, zstd-jni, liblz4) now, on the calling
     * thread, instead of at their first page: that first use reads the library out of its jar, blocking file I/O that a
     * server should do at start rather than on a non-blocking thread. Idempotent.
     */
    public static void loadNativeLibraries() {
        Decompressors.loadNativeLibraries();
    }
}
