package io.pqflux.column;

import io.pqflux.codec.encoding.DictionaryGather;
import io.pqflux.codec.encoding.LegacyBitPackedDecoder;
import io.pqflux.codec.encoding.PlainDecoder;
import io.pqflux.codec.encoding.RleBitPackedHybridDecoder;
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
import io.pqflux.memory.OffHeapBuffer;
import io.pqflux.page.Page;
import io.pqflux.page.PageReader;
import io.pqflux.schema.ColumnDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Decodes the pages of one column chunk into a {@link ColumnVector}: levels with the RLE/bit-packed
 * hybrid (or legacy BIT_PACKED) decoder, values with PLAIN, dictionary or RLE-boolean decoding.
 * Buffers grow as pages arrive and are owned by the vector once it is built; on failure they are freed.
 */
public final class ColumnChunkDecoder implements AutoCloseable {

    private static final ValueLayout.OfInt INT_LE = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

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
            offsets.segment().set(ValueLayout.JAVA_LONG, 0, 0L);
        }
        keepingIds = options.keepDictionary();
    }

    /** Decodes every page of {@code pages}; the decoder is spent afterwards. */
    public ColumnVector decode(PageReader pages, long expectedValues) {
        this.expectedValues = expectedValues;
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
        ColumnVector vector = new ColumnVector(column, size, valueCount, definitionLevels, repetitionLevels, values,
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
            dictionaryOffsets.segment().set(ValueLayout.JAVA_LONG, 0, 0L);
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
            RleBitPackedHybridDecoder decoder = RleBitPackedHybridDecoder.withLengthPrefix(data, pos, limit, bitWidth);
            decoder.readBytes(target.segment(), size, n);
            return pos + 4 + Integer.toUnsignedLong(data.get(INT_LE, pos));
        }
        if (encoding == Encoding.BIT_PACKED) {
            return pos + LegacyBitPackedDecoder.decodeBytes(data, pos, limit, bitWidth, n, target.segment(), size);
        }
        throw new UnsupportedFeatureException(kind + " level encoding " + encoding);
    }

    private void readLevelsV2(MemorySegment levels, int maxLevel, OffHeapBuffer target, int n) {
        ensure(target, (long) size + n, size);
        new RleBitPackedHybridDecoder(levels, 0, levels.byteSize(), bitWidth(maxLevel)).readBytes(target.segment(), size, n);
    }

    private int nonNullCount(int n) {
        if (maxDef == 0) return n;
        MemorySegment levels = definitionLevels.segment();
        int count = 0;
        for (int i = 0; i < n; i++) {
            int level = levels.get(ValueLayout.JAVA_BYTE, size + i) & 0xFF;
            if (level > maxDef) throw corrupt("definition level " + level + " above the maximum " + maxDef);
            if (level == maxDef) count++;
        }
        return count;
    }

    private void readValues(Encoding encoding, MemorySegment data, long pos, long limit, int nonNull) {
        if (encoding == null) throw new UnsupportedFeatureException("a value encoding unknown to this reader");
        switch (encoding) {
            case PLAIN -> {
                materializeIds();
                readPlain(data, pos, limit, nonNull);
            }
            case PLAIN_DICTIONARY, RLE_DICTIONARY -> readDictionaryIds(data, pos, limit, nonNull);
            case RLE -> {
                if (column.physicalType() != PhysicalType.BOOLEAN) {
                    throw new UnsupportedFeatureException("RLE value encoding for " + column.physicalType());
                }
                materializeIds();
                ensure(values, (long) valueCount + nonNull, valueCount);
                if (nonNull > 0) {
                    RleBitPackedHybridDecoder.withLengthPrefix(data, pos, limit, 1).readBytes(values.segment(), valueCount, nonNull);
                }
            }
            default -> throw new UnsupportedFeatureException("encoding " + encoding + " (" + column.physicalType() + ")");
        }
        valueCount += nonNull;
    }

    private void readPlain(MemorySegment data, long pos, long limit, int nonNull) {
        if (byteArrays) {
            ensure(offsets, ((long) valueCount + nonNull + 1) * 8, ((long) valueCount + 1) * 8);
            ensure(values, dataUsed + (limit - pos), dataUsed);
            PlainDecoder.decodeByteArrays(data, pos, limit, nonNull, offsets.segment(), valueCount, values.segment(), dataUsed);
            dataUsed = offsets.segment().getAtIndex(ValueLayout.JAVA_LONG, (long) valueCount + nonNull);
        } else {
            long needed = column.physicalType() == PhysicalType.BOOLEAN ? (nonNull + 7L) / 8 : (long) nonNull * width;
            if (needed > limit - pos) {
                throw corrupt("PLAIN page needs " + needed + " bytes for " + nonNull + " values but holds " + (limit - pos));
            }
            ensure(values, ((long) valueCount + nonNull) * width, (long) valueCount * width);
            decodePlainFixed(data, pos, limit, nonNull, values.segment(), (long) valueCount * width);
        }
    }

    private void decodePlainFixed(MemorySegment data, long pos, long limit, int count, MemorySegment dst, long dstOffset) {
        if (column.physicalType() == PhysicalType.BOOLEAN) PlainDecoder.decodeBooleans(data, pos, limit, count, dst, dstOffset);
        else PlainDecoder.decodeFixed(data, pos, limit, width, count, dst, dstOffset);
    }

    private void readDictionaryIds(MemorySegment data, long pos, long limit, int nonNull) {
        if (dictionarySize < 0) throw corrupt("dictionary-encoded page but the column chunk has no dictionary page");
        if (nonNull == 0) return;
        if (ids == null) ids = new OffHeapBuffer((long) nonNull * 4);
        long idsBase = keepingIds ? (long) valueCount * 4 : 0;
        ensure(ids, idsBase + (long) nonNull * 4, idsBase);
        RleBitPackedHybridDecoder.withBitWidthPrefix(data, pos, limit).readInts(ids.segment(), idsBase, nonNull);
        if (keepingIds) {
            // validate now so a bad id fails here rather than at access time
            DictionaryGather.checkIds(ids.segment(), idsBase, nonNull, dictionarySize);
            return;
        }
        gather(ids.segment(), 0, nonNull);
    }

    private void gather(MemorySegment idSegment, long idsByteOffset, int count) {
        if (byteArrays) {
            long bytes = DictionaryGather.gatheredByteArraySize(dictionaryOffsets.segment(), dictionarySize, idSegment,
                    idsByteOffset, count);
            ensure(offsets, ((long) valueCount + count + 1) * 8, ((long) valueCount + 1) * 8);
            ensure(values, dataUsed + bytes, dataUsed);
            DictionaryGather.gatherByteArrays(dictionaryOffsets.segment(), dictionaryValues.segment(), dictionarySize,
                    idSegment, idsByteOffset, count, offsets.segment(), valueCount, values.segment(), dataUsed);
            dataUsed += bytes;
        } else {
            ensure(values, ((long) valueCount + count) * width, (long) valueCount * width);
            DictionaryGather.gatherFixed(dictionaryValues.segment(), width, dictionarySize, idSegment, idsByteOffset, count,
                    values.segment(), (long) valueCount * width);
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
                    + options.maxColumnBytes());
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
