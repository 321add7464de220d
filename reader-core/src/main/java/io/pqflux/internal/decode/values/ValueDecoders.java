package io.pqflux.internal.decode.values;

import io.pqflux.error.CorruptFileException;
import io.pqflux.error.UnsupportedFeatureException;
import io.pqflux.format.meta.DictionaryPageHeader;
import io.pqflux.format.meta.Encoding;
import io.pqflux.format.meta.PhysicalType;
import io.pqflux.internal.codec.encoding.DeltaBinaryPackedDecoder;
import io.pqflux.internal.codec.encoding.DeltaByteArrayDecoder;
import io.pqflux.internal.codec.encoding.DeltaLengthByteArrayDecoder;
import io.pqflux.internal.codec.encoding.RleBitPackedHybridDecoder;
import io.pqflux.internal.codec.simd.LevelKernels;
import io.pqflux.internal.decode.ColumnBuffers;
import io.pqflux.schema.ColumnDescriptor;
import java.lang.foreign.MemorySegment;

/**
 * Opens the {@link ValueDecoder} of each data page of one column chunk, by the page's encoding and the column's
 * physical type; encodings may change from page to page, as when a writer falls back from dictionary to plain
 * values. Holds what outlives a page: the chunk's dictionary, and the last DELTA_BYTE_ARRAY page, whose last value
 * the next page's first value may take its prefix from.
 */
public final class ValueDecoders implements AutoCloseable {

    private final ColumnDescriptor column;
    private final PhysicalType type;
    private final int width;
    private final LevelKernels kernels;
    private Dictionary dictionary;
    /** The decoder of the last page that had values, when it was DELTA_BYTE_ARRAY. */
    private DeltaByteArrayValues previousDeltaPage;

    public ValueDecoders(ColumnDescriptor column, LevelKernels kernels) {
        this.column = column;
        this.type = column.physicalType();
        this.width = column.valueWidth();
        this.kernels = kernels;
    }

    /** Decodes the chunk's dictionary page; a chunk has at most one. */
    public void readDictionary(DictionaryPageHeader header, MemorySegment data) {
        if (dictionary != null) throw new CorruptFileException("second dictionary page in one column chunk");
        dictionary = Dictionary.read(header, data, column);
    }

    /** The chunk's dictionary, or null before (or without) a dictionary page. */
    public Dictionary dictionary() {
        return dictionary;
    }

    /**
     * Checks that a page's values in {@code encoding} can be decoded at all, even when it holds none: the encoding
     * is known, the spec defines it for the column's type, and a dictionary page came first if it needs one.
     */
    public void requireDecodable(Encoding encoding) {
        if (encoding == null) throw new UnsupportedFeatureException("a value encoding unknown to this reader");
        if (!isDefinedFor(encoding, type)) {
            throw new CorruptFileException("value encoding " + encoding + " is not defined for physical type " + type);
        }
        if (encoding.isDictionary() && dictionary == null) {
            throw new CorruptFileException("dictionary-encoded page but the column chunk has no dictionary page");
        }
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

    /**
     * The decoder of the {@code nonNull} values in {@code [position, limit)} of {@code data}, in an encoding
     * {@link #requireDecodable} accepted; {@code nonNull} is positive.
     *
     * @param lastValueKept whether the chunk's value before this page was appended to {@code out} rather than
     *                      skipped: only then can a DELTA_BYTE_ARRAY page after a page in another encoding take its
     *                      first prefix from it
     */
    public ValueDecoder open(Encoding encoding, MemorySegment data, long position, long limit, int nonNull,
                             ColumnBuffers out, boolean lastValueKept) {
        ValueDecoder decoder = switch (encoding) {
            case PLAIN_DICTIONARY, RLE_DICTIONARY -> new DictionaryIdValues(
                    RleBitPackedHybridDecoder.withBitWidthPrefix(data, position, limit, kernels), dictionary, kernels);
            case PLAIN -> plain(data, position, limit, nonNull);
            case RLE -> new RleBooleanValues(RleBitPackedHybridDecoder.withLengthPrefix(data, position, limit, 1, kernels));
            case DELTA_BINARY_PACKED -> deltaBinaryPacked(data, position, limit, nonNull);
            case DELTA_LENGTH_BYTE_ARRAY -> new DeltaLengthByteArrayValues(
                    DeltaLengthByteArrayDecoder.open(data, position, limit, nonNull, kernels));
            case DELTA_BYTE_ARRAY -> new DeltaByteArrayValues(DeltaByteArrayDecoder.open(data, position, limit, nonNull,
                    previousValue(out, lastValueKept), type == PhysicalType.BYTE_ARRAY ? -1 : width, kernels),
                    type != PhysicalType.BYTE_ARRAY);
            case BYTE_STREAM_SPLIT -> {
                requireValueBytes(encoding, (long) nonNull * width, limit - position, nonNull);
                yield new ByteStreamSplitValues(data, position, limit, width);
            }
            case BIT_PACKED -> throw new IllegalStateException("not a value encoding: " + encoding);
        };
        previousDeltaPage = decoder instanceof DeltaByteArrayValues delta ? delta : null;
        return decoder;
    }

    private ValueDecoder plain(MemorySegment data, long position, long limit, int nonNull) {
        return switch (type) {
            case BYTE_ARRAY -> new PlainByteArrayValues(data, position, limit);
            case BOOLEAN -> {
                requireValueBytes(Encoding.PLAIN, (nonNull + 7L) / 8, limit - position, nonNull);
                yield new PlainBooleanValues(data, position, limit);
            }
            default -> {
                requireValueBytes(Encoding.PLAIN, (long) nonNull * width, limit - position, nonNull);
                yield new PlainFixedValues(data, position, limit, width);
            }
        };
    }

    private ValueDecoder deltaBinaryPacked(MemorySegment data, long position, long limit, int nonNull) {
        boolean ints = type == PhysicalType.INT32;
        DeltaBinaryPackedDecoder decoder = ints ? DeltaBinaryPackedDecoder.forInts(data, position, limit, kernels)
                : DeltaBinaryPackedDecoder.forLongs(data, position, limit, kernels);
        if (decoder.totalCount() < nonNull) {
            throw new CorruptFileException("DELTA_BINARY_PACKED page holds " + decoder.totalCount() + " values but "
                    + nonNull + " are not null");
        }
        return new DeltaBinaryPackedValues(decoder, ints);
    }

    /**
     * The value a DELTA_BYTE_ARRAY page's first value may continue (PARQUET-246): the previous page's last value
     * when that page was DELTA_BYTE_ARRAY too (read or skipped, its decoder knows it), else the last value appended
     * if it is the chunk's last; otherwise none, which only a mix of encodings no writer produces could need.
     */
    private MemorySegment previousValue(ColumnBuffers out, boolean lastValueKept) {
        if (previousDeltaPage != null) return previousDeltaPage.lastValue();
        return lastValueKept ? out.lastValue() : MemorySegment.NULL;
    }

    private static void requireValueBytes(Encoding encoding, long needed, long available, int nonNull) {
        if (needed > available) {
            throw new CorruptFileException(encoding + " page needs " + needed + " bytes for " + nonNull + " values but holds "
                    + available);
        }
    }

    @Override
    public void close() {
        if (dictionary != null) dictionary.close();
    }
}
