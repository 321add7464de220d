package io.pqflux.internal.thrift;

import static io.pqflux.internal.thrift.CompactReader.*;

import static io.pqflux.internal.thrift.FileMetaDataDecoder.required;

import io.pqflux.format.meta.BloomFilterHeader;

/** Decodes {@code BloomFilterHeader}; union members this reader does not know decode as null. */
public final class BloomFilterHeaderDecoder {

    private static final byte[] BLOOM_FILTER_HEADER = {STOP, I32, STRUCT, STRUCT, STRUCT};

    private BloomFilterHeaderDecoder() {
    }

    public static BloomFilterHeader read(CompactReader r) {
        Integer numBytes = null;
        BloomFilterHeader.Algorithm algorithm = null;
        BloomFilterHeader.Hash hash = null;
        BloomFilterHeader.Compression compression = null;
        boolean sawAlgorithm = false, sawHash = false, sawCompression = false;
        r.beginStruct();
        while (r.nextField(BLOOM_FILTER_HEADER)) {
            switch (r.fieldId()) {
                case 1 -> numBytes = r.readI32("BloomFilterHeader.numBytes");
                case 2 -> {
                    sawAlgorithm = true;
                    algorithm = unionMemberIsFirst(r) ? BloomFilterHeader.Algorithm.BLOCK : null;
                }
                case 3 -> {
                    sawHash = true;
                    hash = unionMemberIsFirst(r) ? BloomFilterHeader.Hash.XXHASH : null;
                }
                case 4 -> {
                    sawCompression = true;
                    compression = unionMemberIsFirst(r) ? BloomFilterHeader.Compression.UNCOMPRESSED : null;
                }
            }
        }
        r.endStruct();
        required(r, numBytes, "BloomFilterHeader.numBytes");
        if (!sawAlgorithm || !sawHash || !sawCompression) {
            throw r.corrupt("BloomFilterHeader: algorithm, hash and compression are required");
        }
        return new BloomFilterHeader(numBytes, algorithm, hash, compression);
    }

    /** Each of the header's unions defines a single member, with field id 1. */
    private static boolean unionMemberIsFirst(CompactReader r) {
        if (r.fieldType() != CompactReader.STRUCT) throw r.corrupt("BloomFilterHeader: expected a union struct");
        boolean first = false;
        r.beginStruct();
        while (r.nextField()) {
            first |= r.fieldId() == 1;
            r.skipField();
        }
        r.endStruct();
        return first;
    }
}
