package io.pqflux.internal.decode;

import io.pqflux.column.ColumnVector;

import io.pqflux.internal.codec.encoding.ByteStreamSplitDecoder;
import io.pqflux.internal.codec.encoding.DeltaBinaryPackedDecoder;
import io.pqflux.internal.codec.encoding.DeltaByteArrayDecoder;
import io.pqflux.internal.codec.encoding.DeltaLengthByteArrayDecoder;
import io.pqflux.internal.codec.encoding.DictionaryGather;
import io.pqflux.internal.codec.encoding.LegacyBitPackedDecoder;
import io.pqflux.internal.codec.encoding.LittleEndian;
import io.pqflux.internal.codec.encoding.PlainDecoder;
import io.pqflux.internal.codec.encoding.RleBitPackedHybridDecoder;
import io.pqflux.internal.codec.simd.DefinitionLevels;
import io.pqflux.error.CorruptFileException;
import io.pqflux.error.ParquetException;
import io.pqflux.error.ResourceLimitException;
import io.pqflux.error.SourceLocation;
import io.pqflux.error.UnsupportedFeatureException;
import io.pqflux.format.meta.DataPageHeader;
import io.pqflux.format.meta.DataPageHeaderV2;
import io.pqflux.format.meta.DictionaryPageHeader;
import io.pqflux.format.meta.Encoding;
import io.pqflux.format.meta.PhysicalType;
import io.pqflux.internal.memory.OffHeapBuffer;
import io.pqflux.internal.page.Page;
import io.pqflux.internal.page.PageReader;
import io.pqflux.schema.ColumnDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Decodes the pages of one column chunk into a {@link ColumnVector}: levels with the RLE/bit-packed
 * hybrid (or legacy BIT_PACKED) decoder, values with any of the spec's value encodings (PLAIN, dictionary,
 * RLE booleans, DELTA_BINARY_PACKED, DELTA_LENGTH_BYTE_ARRAY, DELTA_BYTE_ARRAY, BYTE_STREAM_SPLIT), which may
 * change from page to page, as when a writer falls back from dictionary to plain values.
 * Buffers grow as pages arrive and are owned by the vector once it is built; on failure they are freed.
 */
public final class ColumnChunkDecoder implements AutoCloseable {

    /** What {@link #presize} may reserve per buffer whatever the source's size. */
    private static final long PRESIZE_FLOOR_BYTES = 1 << 16;

    private final ColumnDescriptor column;
    private final DecodeOptions options;
    private final SourceLocation location;
    private final int width;
    private final boolean byteArrays;
    private final int maxDef;
    private final int maxRep;

    private OffHeapBuffer definitionLevels;
    private OffHeapBuffer repetitionLevels;
    private OffHeapBuffer values;
    private OffHeapBuffer offsets;
    private OffHeapBuffer ids;
    private OffHeapBuffer dictionaryValues;
    private OffHeapBuffer dictionaryOffsets;
    private int dictionarySize = -1;
    private boolean keepingIds;

    private long expectedValues;
    private int size;
    private int valueCount;
    private long dataUsed;
    private long pageOffset;

    public ColumnChunkDecoder(ColumnDescriptor column, DecodeOptions options, SourceLocation location) {
        this.column = column;
        this.options = options;
        this.location = location;
        this.width = column.valueWidth();
        this.byteArrays = column.physicalType() == PhysicalType.BYTE_ARRAY;
        this.maxDef = column.maxDefinitionLevel();
        this.maxRep = column.maxRepetitionLevel();
        if (maxDef > 0) definitionLevels = new OffHeapBuffer(1024);
        if (maxRep > 0) repetitionLevels = new OffHeapBuffer(1024);
        values = new OffHeapBuffer(1024);
        if (byteArrays) {
            offsets = new OffHeapBuffer(1024);
            offsets.segment().set(ValueLayout.JAVA_LONG_UNALIGNED, 0, 0L);
        }
        keepingIds = options.dictionaryForm().keeps(byteArrays);
    }

    /**
     * Decodes every page of {@code pages}; the decoder is spent afterwards.
     *
     * @param expectedValues the chunk's declared level count
     * @param sourceBytes    the compressed bytes of the pages, which bound how much memory is reserved up front
     */
    public ColumnVector decode(PageReader pages, long expectedValues, long sourceBytes) {
        this.expectedValues = expectedValues;
        presize(expectedValues, sourceBytes);
        try {
            for (Page page = pages.next(); page != null; page = pages.next()) {
                pageOffset = page.fileOffset();
                switch (page) {
                    case Page.DictionaryPage d -> readDictionary(d);
                    case Page.DataPageV1 v1 -> readDataPageV1(v1);
                    case Page.DataPageV2 v2 -> readDataPageV2(v2);
                }
            }
            if (size != expectedValues) {
                throw corrupt("pages hold " + size + " values but the column chunk declares " + expectedValues);
            }
            return build();
        } catch (ParquetException e) {
            throw e.locatedIn(location.withOffset(pageOffset));
        }
    }

    /**
     * Reserves room for the declared entries up front, so most chunks never grow and copy. The declaration is
     * the file's word, so each buffer's reservation is capped by the compressed bytes (eight bytes of memory
     * per byte of source, plus a floor) and by the column limit; chunks that decode to more grow their buffers
     * as pages arrive. A chunk kept in dictionary form reserves its ids, the buffer its values go to.
     */
    private void presize(long declaredEntries, long sourceBytes) {
        long entries = Math.max(declaredEntries, 0);
        long cap = Math.min(PRESIZE_FLOOR_BYTES + 8 * sourceBytes, options.maxColumnBytes());
        if (definitionLevels != null) definitionLevels.ensureCapacity(Math.min(entries, cap), 0);
        if (repetitionLevels != null) repetitionLevels.ensureCapacity(Math.min(entries, cap), 0);
        if (keepingIds) ids = new OffHeapBuffer(Math.min(entries, cap / Integer.BYTES) * Integer.BYTES);
        else if (!byteArrays) values.ensureCapacity(Math.min(entries, cap / Math.max(width, 1)) * width, 0);
        else offsets.ensureCapacity(Math.min((entries + 1) * 8, cap), 8);
    }

    private ColumnVector build() {
        OffHeapBuffer keptIds = null;
        int keptSize = 0;
        if (keepingIds && dictionarySize >= 0) {
            // values/offsets hold nothing; the dictionary becomes the vector's value store
            values.close();
            if (offsets != null) offsets.close();
            values = dictionaryValues;
            offsets = dictionaryOffsets;
            dictionaryValues = null;
            dictionaryOffsets = null;
            keptIds = ids;
            ids = null;
            keptSize = dictionarySize;
        }
        ColumnVector vector = ColumnVectors.create(column, size, valueCount, definitionLevels, repetitionLevels, values,
                offsets, keptIds, keptSize);
        definitionLevels = repetitionLevels = values = offsets = null;
        return vector;
    }

    private void readDictionary(Page.DictionaryPage page) {
        DictionaryPageHeader header = page.header().dictionaryPageHeader();
        if (dictionarySize >= 0) throw corrupt("second dictionary page in one column chunk");
        if (header.encoding() != Encoding.PLAIN && header.encoding() != Encoding.PLAIN_DICTIONARY) {
            throw new UnsupportedFeatureException("dictionary page encoding " + header.encoding());
        }
        int n = header.numValues();
        if (n < 0) throw corrupt("dictionary page declares " + n + " values");
        MemorySegment data = page.data();
        // Check the declared count against the bytes before sizing buffers from it.
        long minimumBytes = switch (column.physicalType()) {
            case BOOLEAN -> (n + 7L) / 8;
            case BYTE_ARRAY -> 4L * n;
            default -> (long) n * width;
        };
        if (minimumBytes > data.byteSize()) {
            throw corrupt("dictionary page declares " + n + " values but holds only " + data.byteSize() + " bytes");
        }
        if (byteArrays) {
            dictionaryOffsets = new OffHeapBuffer(((long) n + 1) * 8);
            dictionaryOffsets.segment().set(ValueLayout.JAVA_LONG_UNALIGNED, 0, 0L);
            dictionaryValues = new OffHeapBuffer(data.byteSize());
            PlainDecoder.decodeByteArrays(data, 0, data.byteSize(), n, dictionaryOffsets.segment(), 0,
                    dictionaryValues.segment(), 0);
        } else {
            dictionaryValues = new OffHeapBuffer((long) n * width);
            decodePlainFixed(data, 0, data.byteSize(), n, dictionaryValues.segment(), 0);
        }
        dictionarySize = n;
    }

    private void readDataPageV1(Page.DataPageV1 page) {
        DataPageHeader header = page.header().dataPageHeader();
        int n = checkedCount(header.numValues());
        MemorySegment data = page.data();
        long limit = data.byteSize();
        long pos = 0;
        if (maxRep > 0) pos = readLevelsV1(data, pos, limit, header.repetitionLevelEncoding(), maxRep, repetitionLevels, n, "repetition");
        if (maxDef > 0) pos = readLevelsV1(data, pos, limit, header.definitionLevelEncoding(), maxDef, definitionLevels, n, "definition");
        int nonNull = nonNullCount(n);
        readValues(header.encoding(), data, pos, limit, nonNull);
        size += n;
    }

    private void readDataPageV2(Page.DataPageV2 page) {
        DataPageHeaderV2 header = page.header().dataPageHeaderV2();
        int n = checkedCount(header.numValues());
        if (maxRep > 0) readLevelsV2(page.repetitionLevels(), maxRep, repetitionLevels, n);
        if (maxDef > 0) readLevelsV2(page.definitionLevels(), maxDef, definitionLevels, n);
        int nonNull = nonNullCount(n);
        if (nonNull != n - header.numNulls()) {
            throw corrupt("V2 page header counts " + header.numNulls() + " nulls but its definition levels give "
                    + (n - nonNull));
        }
        MemorySegment data = page.values();
        readValues(header.encoding(), data, 0, data.byteSize(), nonNull);
        size += n;
    }

    private int checkedCount(int n) {
        if (n < 0) throw corrupt("page declares " + n + " values");
        if (size + n > expectedValues) {
            throw corrupt("pages declare more than the column chunk's " + expectedValues + " values");
        }
        if ((long) size + n > Integer.MAX_VALUE - 8) {
            throw new ResourceLimitException("column chunk holds more than " + (Integer.MAX_VALUE - 8) + " values");
        }
        return n;
    }

    private long readLevelsV1(MemorySegment data, long pos, long limit, Encoding encoding, int maxLevel,
                              OffHeapBuffer target, int n, String kind) {
        ensure(target, (long) size + n, size);
        int bitWidth = bitWidth(maxLevel);
        if (encoding == Encoding.RLE) {
            RleBitPackedHybridDecoder decoder = RleBitPackedHybridDecoder.withLengthPrefix(data, pos, limit, bitWidth,
                    options.kernels());
            decoder.readBytes(target.segment(), size, n);
            return pos + 4 + Integer.toUnsignedLong(data.get(LittleEndian.INT, pos));
        }
        if (encoding == Encoding.BIT_PACKED) {
            return pos + LegacyBitPackedDecoder.decodeBytes(data, pos, limit, bitWidth, 0, n, target.segment(), size);
        }
        throw new UnsupportedFeatureException(kind + " level encoding " + encoding);
    }

    private void readLevelsV2(MemorySegment levels, int maxLevel, OffHeapBuffer target, int n) {
        ensure(target, (long) size + n, size);
        new RleBitPackedHybridDecoder(levels, 0, levels.byteSize(), bitWidth(maxLevel), options.kernels()).readBytes(target.segment(), size, n);
    }

    private int nonNullCount(int n) {
        if (maxDef == 0) return n;
        try {
            return DefinitionLevels.countNonNull(options.kernels(), definitionLevels.segment(), size, n, maxDef);
        } catch (CorruptFileException e) {
            throw corrupt(e.reason());
        }
    }

    private void readValues(Encoding encoding, MemorySegment data, long pos, long limit, int nonNull) {
        if (encoding == null) throw new UnsupportedFeatureException("a value encoding unknown to this reader");
        if (!isDefinedFor(encoding, column.physicalType())) {
            throw corrupt("value encoding " + encoding + " is not defined for physical type " + column.physicalType());
        }
        if (encoding.isDictionary()) {
            readDictionaryIds(data, pos, limit, nonNull);
        } else {
            materializeIds();
            // an all-null page may store nothing at all for its values, not even an encoding's header
            if (nonNull > 0) readNonDictionary(encoding, data, pos, limit, nonNull);
        }
        valueCount += nonNull;
    }

    /** The value encodings the spec allows per physical type; BIT_PACKED is for levels only. */
    private static boolean isDefinedFor(Encoding encoding, PhysicalType type) {
        return switch (encoding) {
            case PLAIN, PLAIN_DICTIONARY, RLE_DICTIONARY -> true;
            case RLE -> type == PhysicalType.BOOLEAN;
            case BIT_PACKED -> false;
            case DELTA_BINARY_PACKED -> type == PhysicalType.INT32 || type == PhysicalType.INT64;
            case DELTA_LENGTH_BYTE_ARRAY -> type == PhysicalType.BYTE_ARRAY;
            case DELTA_BYTE_ARRAY -> type == PhysicalType.BYTE_ARRAY || type == PhysicalType.FIXED_LEN_BYTE_ARRAY;
            case BYTE_STREAM_SPLIT -> switch (type) {
                case FLOAT, DOUBLE, INT32, INT64, FIXED_LEN_BYTE_ARRAY -> true;
                default -> false;
            };
        };
    }

    private void readNonDictionary(Encoding encoding, MemorySegment data, long pos, long limit, int nonNull) {
        long valuesAt = (long) valueCount * width;
        switch (encoding) {
            case PLAIN -> {
                if (byteArrays) {
                    appendByteArrays(nonNull, limit - pos, (o, first, d, start) ->
                            PlainDecoder.decodeByteArrays(data, pos, limit, nonNull, o, first, d, start));
                } else {
                    long needed = column.physicalType() == PhysicalType.BOOLEAN ? (nonNull + 7L) / 8 : (long) nonNull * width;
                    requireValueBytes(encoding, needed, limit - pos, nonNull);
                    decodePlainFixed(data, pos, limit, nonNull, appendFixed(nonNull), valuesAt);
                }
            }
            case RLE -> RleBitPackedHybridDecoder.withLengthPrefix(data, pos, limit, 1, options.kernels()).readBytes(appendFixed(nonNull), valuesAt, nonNull);
            case DELTA_BINARY_PACKED -> {
                boolean ints = column.physicalType() == PhysicalType.INT32;
                DeltaBinaryPackedDecoder decoder = ints
                        ? DeltaBinaryPackedDecoder.forInts(data, pos, limit, options.kernels())
                        : DeltaBinaryPackedDecoder.forLongs(data, pos, limit, options.kernels());
                if (decoder.totalCount() < nonNull) {
                    throw corrupt("DELTA_BINARY_PACKED page holds " + decoder.totalCount() + " values but " + nonNull
                            + " are not null");
                }
                if (ints) decoder.readInts(nonNull, appendFixed(nonNull), valuesAt);
                else decoder.readLongs(nonNull, appendFixed(nonNull), valuesAt);
            }
            case DELTA_LENGTH_BYTE_ARRAY -> appendByteArrays(nonNull, limit - pos, (o, first, d, start) ->
                    DeltaLengthByteArrayDecoder.open(data, pos, limit, nonNull, options.kernels())
                            .read(nonNull, o, first, (required, used) -> d, start));
            case DELTA_BYTE_ARRAY -> {
                // the first value may continue the prefix of the chunk's value before it (PARQUET-246)
                MemorySegment previous = valueCount == 0 ? MemorySegment.NULL
                        : byteArrays ? values.segment().asSlice(offsets.segment().getAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, valueCount - 1),
                                offsets.segment().getAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, valueCount)
                                - offsets.segment().getAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, valueCount - 1))
                        : values.segment().asSlice(valuesAt - width, width);
                DeltaByteArrayDecoder decoder = DeltaByteArrayDecoder.open(data, pos, limit, nonNull, previous,
                        byteArrays ? -1 : width, options.kernels());
                if (byteArrays) {
                    ensure(offsets, ((long) valueCount + nonNull + 1) * 8, ((long) valueCount + 1) * 8);
                    decoder.read(nonNull, offsets.segment(), valueCount, (required, used) -> {
                        ensure(values, required, used);
                        return values.segment();
                    }, dataUsed);
                    dataUsed = offsets.segment().getAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, (long) valueCount + nonNull);
                } else {
                    decoder.readFixed(nonNull, appendFixed(nonNull), valuesAt);
                }
            }
            case BYTE_STREAM_SPLIT -> {
                requireValueBytes(encoding, (long) nonNull * width, limit - pos, nonNull);
                ByteStreamSplitDecoder.decode(data, pos, limit, width, 0, nonNull, appendFixed(nonNull), valuesAt);
            }
            default -> throw new IllegalStateException("not a plain-family encoding: " + encoding);
        }
    }

    private void requireValueBytes(Encoding encoding, long needed, long available, int nonNull) {
        if (needed > available) {
            throw corrupt(encoding + " page needs " + needed + " bytes for " + nonNull + " values but holds " + available);
        }
    }

    /** Makes room for {@code count} more fixed-width values and returns the value memory to write them to. */
    private MemorySegment appendFixed(int count) {
        ensure(values, ((long) valueCount + count) * width, (long) valueCount * width);
        return values.segment();
    }

    /** Writes byte-array values in the offsets + data layout of {@link PlainDecoder#decodeByteArrays}. */
    private interface ByteArrayWriter {
        void write(MemorySegment offsets, long firstIndex, MemorySegment data, long dataStart);
    }

    /** Makes room for {@code count} more byte arrays of {@code dataBytes} bytes in all, then lets {@code writer} fill it. */
    private void appendByteArrays(int count, long dataBytes, ByteArrayWriter writer) {
        ensure(offsets, ((long) valueCount + count + 1) * 8, ((long) valueCount + 1) * 8);
        ensure(values, dataUsed + dataBytes, dataUsed);
        writer.write(offsets.segment(), valueCount, values.segment(), dataUsed);
        dataUsed = offsets.segment().getAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, (long) valueCount + count);
    }

    private void decodePlainFixed(MemorySegment data, long pos, long limit, int count, MemorySegment dst, long dstOffset) {
        if (column.physicalType() == PhysicalType.BOOLEAN) PlainDecoder.decodeBooleans(data, pos, limit, 0, count, dst, dstOffset);
        else PlainDecoder.decodeFixed(data, pos, limit, width, count, dst, dstOffset);
    }

    private void readDictionaryIds(MemorySegment data, long pos, long limit, int nonNull) {
        if (dictionarySize < 0) throw corrupt("dictionary-encoded page but the column chunk has no dictionary page");
        if (nonNull == 0) return;
        if (ids == null) ids = new OffHeapBuffer((long) nonNull * 4);
        long idsBase = keepingIds ? (long) valueCount * 4 : 0;
        ensure(ids, idsBase + (long) nonNull * 4, idsBase);
        RleBitPackedHybridDecoder.withBitWidthPrefix(data, pos, limit, options.kernels()).readInts(ids.segment(), idsBase, nonNull);
        if (keepingIds) {
            // validate now so a bad id fails here rather than at access time
            DictionaryGather.checkIds(options.kernels(), ids.segment(), idsBase, nonNull, dictionarySize);
            return;
        }
        gather(ids.segment(), 0, nonNull);
    }

    private void gather(MemorySegment idSegment, long idsByteOffset, int count) {
        if (byteArrays) {
            long bytes = DictionaryGather.gatheredByteArraySize(options.kernels(), dictionaryOffsets.segment(), dictionarySize, idSegment,
                    idsByteOffset, count);
            appendByteArrays(count, bytes, (o, first, d, start) -> DictionaryGather.gatherByteArrays(options.kernels(), dictionaryOffsets.segment(),
                    dictionaryValues.segment(), dictionarySize, idSegment, idsByteOffset, count, o, first, d, start));
        } else {
            DictionaryGather.gatherFixed(options.kernels(), dictionaryValues.segment(), width, dictionarySize, idSegment, idsByteOffset, count,
                    appendFixed(count), (long) valueCount * width);
        }
    }

    /** A chunk that falls back from dictionary to plain values mid-way cannot stay in ids form. */
    private void materializeIds() {
        if (!keepingIds) return;
        keepingIds = false;
        if (valueCount == 0 || ids == null) return;
        int kept = valueCount;
        valueCount = 0;
        gather(ids.segment(), 0, kept);
        valueCount = kept;
    }

    private void ensure(OffHeapBuffer buffer, long required, long used) {
        if (required > options.maxColumnBytes()) {
            throw new ResourceLimitException("column chunk needs " + required + " bytes of memory, above the limit of "
                    + options.maxColumnBytes() + " (ReadOptions.withLimits)");
        }
        buffer.ensureCapacity(required, used);
    }

    private static int bitWidth(int maxLevel) {
        return 32 - Integer.numberOfLeadingZeros(maxLevel);
    }

    private CorruptFileException corrupt(String reason) {
        return new CorruptFileException(reason, location.withOffset(pageOffset));
    }

    @Override
    public void close() {
        for (OffHeapBuffer b : new OffHeapBuffer[] {definitionLevels, repetitionLevels, values, offsets, ids,
                dictionaryValues, dictionaryOffsets}) {
            if (b != null) b.close();
        }
    }
}
