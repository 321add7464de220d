package io.pqflux.internal.bloom;

import io.pqflux.error.CorruptFileException;
import io.pqflux.error.ParquetException;
import io.pqflux.error.SourceLocation;
import io.pqflux.filter.SplitBlockBloomFilter;
import io.pqflux.format.meta.BloomFilterHeader;
import io.pqflux.format.meta.ColumnMetaData;
import io.pqflux.internal.crypto.ColumnDecryptor;
import io.pqflux.internal.crypto.ModuleType;
import io.pqflux.internal.thrift.BloomFilterHeaderDecoder;
import io.pqflux.internal.thrift.CompactReader;
import io.pqflux.io.InputFile;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * Finds and reads the bloom filter of a column chunk: a Thrift header followed by the bitset, at
 * {@code bloom_filter_offset}. With {@code bloom_filter_length} the whole filter is one read; without it
 * (older writers) the header is read with a small guess first, which also gives its length. In an encrypted chunk the
 * header and the bitset are two GCM modules, one after the other.
 */
public final class BloomFilterReader {

    /** Largest bitset accepted, as parquet-java bounds it. */
    public static final int MAX_BITSET_BYTES = 128 << 20;

    /** Header reads without a known length: a header is a few dozen bytes; larger ones get more tries. */
    private static final long[] HEADER_GUESSES = {64, 4096, 1 << 16};

    /**
     * Where a chunk's bloom filter lies and what its header says.
     *
     * @param length       {@code bloom_filter_length} (header and bitset), or null when the file does not set it
     * @param headerLength bytes of the serialized header (of its module, when encrypted), which the bitset follows
     * @param decryptor    the chunk's decryptor when it is encrypted, else null
     */
    public record Location(long offset, Integer length, BloomFilterHeader header, int headerLength, ColumnDecryptor decryptor) {

        public long bitsetOffset() {
            return offset + headerLength;
        }

        /** Bytes the bitset occupies in the file: its own, plus the module's length, nonce and tag when encrypted. */
        public long storedBitsetBytes() {
            return header.numBytes() + (decryptor == null ? 0L : decryptor.gcmOverhead());
        }

        /** True for the one filter the format defines: split blocks, xxHash, uncompressed. */
        public boolean isProbeable() {
            return header.algorithm() == BloomFilterHeader.Algorithm.BLOCK && header.hash() == BloomFilterHeader.Hash.XXHASH
                    && header.compression() == BloomFilterHeader.Compression.UNCOMPRESSED;
        }
    }

    private BloomFilterReader() {
    }

    /**
     * The location and header of the chunk's bloom filter, or null when it has none.
     *
     * @param decryptor the chunk's decryptor when it is encrypted, else null
     * @throws CorruptFileException when the header is malformed or the filter does not fit in the file
     */
    public static Location locate(InputFile file, ColumnMetaData meta, ColumnDecryptor decryptor, Arena arena, SourceLocation where) {
        Long offset = meta.bloomFilterOffset();
        if (offset == null) return null;
        Integer length = meta.bloomFilterLength();
        if (offset < 0 || offset >= file.length() || (length != null && (length < 0 || length > file.length() - offset))) {
            throw new CorruptFileException("bloom filter at offset " + offset + (length == null ? "" : " of " + length
                    + " bytes") + " lies outside the file of " + file.length() + " bytes", where.withOffset(offset));
        }
        Location location = decryptor != null ? encryptedHeader(file, offset, length, decryptor, arena, where)
                : length != null ? header(file, offset, length, length, arena, where) : guessHeader(file, offset, arena, where);
        BloomFilterHeader header = location.header();
        long bitsetEnd = location.bitsetOffset() + location.storedBitsetBytes();
        long limit = length != null ? offset + length : file.length();
        if (header.numBytes() <= 0 || header.numBytes() % SplitBlockBloomFilter.BLOCK_BYTES != 0
                || header.numBytes() > MAX_BITSET_BYTES || bitsetEnd > limit) {
            throw new CorruptFileException("bloom filter declares a bitset of " + header.numBytes() + " bytes; it must be a "
                    + "positive multiple of " + SplitBlockBloomFilter.BLOCK_BYTES + " up to " + MAX_BITSET_BYTES
                    + " bytes that ends by " + limit, where.withOffset(offset));
        }
        return location;
    }

    /** The filter at {@code location}, read in {@code arena}; null when it is not one this reader can probe. */
    public static SplitBlockBloomFilter read(InputFile file, Location location, Arena arena, SourceLocation where) {
        if (!location.isProbeable()) return null;
        MemorySegment stored = file.read(location.bitsetOffset(), location.storedBitsetBytes(), arena);
        if (location.decryptor() == null) return new SplitBlockBloomFilter(stored);
        byte[] bitset = location.decryptor().decrypt(stored, ModuleType.BLOOM_FILTER_BITSET, -1,
                where.withOffset(location.bitsetOffset()));
        if (bitset.length != location.header().numBytes()) {
            throw new CorruptFileException("decrypted bloom filter bitset has " + bitset.length + " bytes but its header declares "
                    + location.header().numBytes(), where.withOffset(location.bitsetOffset()));
        }
        return new SplitBlockBloomFilter(MemorySegment.ofArray(bitset));
    }

    /** The header of an encrypted filter: a GCM module, whose size its length prefix gives. */
    private static Location encryptedHeader(InputFile file, long offset, Integer length, ColumnDecryptor decryptor, Arena arena,
                                            SourceLocation where) {
        SourceLocation at = where.withOffset(offset);
        long available = length != null ? length : file.length() - offset;
        MemorySegment lengthPrefix = file.read(offset, Math.min(available, Integer.BYTES), arena);
        long moduleSize = decryptor.moduleSize(lengthPrefix, available, ModuleType.BLOOM_FILTER_HEADER, at);
        byte[] plaintext = decryptor.decrypt(file.read(offset, moduleSize, arena), ModuleType.BLOOM_FILTER_HEADER, -1, at);
        CompactReader reader = new CompactReader(MemorySegment.ofArray(plaintext), offset, where);
        try {
            return new Location(offset, length, BloomFilterHeaderDecoder.read(reader), Math.toIntExact(moduleSize), decryptor);
        } catch (ParquetException e) {
            throw e.locatedIn(at);
        }
    }

    private static Location guessHeader(InputFile file, long offset, Arena arena, SourceLocation where) {
        long available = file.length() - offset;
        for (int attempt = 0; ; attempt++) {
            long size = Math.min(HEADER_GUESSES[attempt], available);
            boolean last = size == available || attempt == HEADER_GUESSES.length - 1;
            try {
                return header(file, offset, null, size, arena, where);
            } catch (CorruptFileException e) {
                if (last) throw e;
            }
        }
    }

    private static Location header(InputFile file, long offset, Integer length, long readSize, Arena arena,
                                   SourceLocation where) {
        MemorySegment bytes = file.read(offset, readSize, arena);
        CompactReader reader = new CompactReader(bytes, offset, where);
        try {
            BloomFilterHeader header = BloomFilterHeaderDecoder.read(reader);
            return new Location(offset, length, header, Math.toIntExact(reader.position()), null);
        } catch (ParquetException e) {
            throw e.locatedIn(where.withOffset(offset));
        }
    }
}
