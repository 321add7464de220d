package io.pqflux.internal.decode.values;

import io.pqflux.error.CorruptFileException;
import io.pqflux.error.UnsupportedFeatureException;
import io.pqflux.format.meta.DictionaryPageHeader;
import io.pqflux.format.meta.Encoding;
import io.pqflux.format.meta.PhysicalType;
import io.pqflux.internal.codec.encoding.DictionaryGather;
import io.pqflux.internal.codec.encoding.PlainDecoder;
import io.pqflux.internal.codec.simd.LevelKernels;
import io.pqflux.internal.decode.ColumnBuffers;
import io.pqflux.internal.memory.OffHeapBuffer;
import io.pqflux.schema.ColumnDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * A column chunk's decoded dictionary page: its entries in the layout of a column's values (fixed widths packed,
 * byte arrays as data plus offsets), and the ids of data pages looked up in it. Owns its memory until a vector
 * kept in dictionary form takes the entries over ({@link #takeValues}, {@link #takeOffsets}).
 */
public final class Dictionary implements AutoCloseable {

    private final int size;
    private final int width;
    private final boolean byteArrays;
    private OffHeapBuffer values;
    private OffHeapBuffer offsets;
    /** Ids of a read that materialises values, reused from read to read. */
    private OffHeapBuffer idScratch;

    private Dictionary(int size, int width, OffHeapBuffer values, OffHeapBuffer offsets) {
        this.size = size;
        this.width = width;
        this.byteArrays = offsets != null;
        this.values = values;
        this.offsets = offsets;
    }

    /** Decodes a dictionary page's PLAIN entries, after checking the count it declares against its bytes. */
    public static Dictionary read(DictionaryPageHeader header, MemorySegment data, ColumnDescriptor column) {
        if (header.encoding() != Encoding.PLAIN && header.encoding() != Encoding.PLAIN_DICTIONARY) {
            throw new UnsupportedFeatureException("dictionary page encoding " + header.encoding());
        }
        int n = header.numValues();
        if (n < 0) throw new CorruptFileException("dictionary page declares " + n + " values");
        int width = column.valueWidth();
        long minimumBytes = switch (column.physicalType()) {
            case BOOLEAN -> (n + 7L) / 8;
            case BYTE_ARRAY -> 4L * n;
            default -> (long) n * width;
        };
        if (minimumBytes > data.byteSize()) {
            throw new CorruptFileException("dictionary page declares " + n + " values but holds only " + data.byteSize()
                    + " bytes");
        }
        if (column.physicalType() == PhysicalType.BYTE_ARRAY) {
            OffHeapBuffer offsets = new OffHeapBuffer(((long) n + 1) * 8);
            OffHeapBuffer values = new OffHeapBuffer(data.byteSize());
            try {
                offsets.segment().set(ValueLayout.JAVA_LONG_UNALIGNED, 0, 0L);
                PlainDecoder.decodeByteArrays(data, 0, data.byteSize(), n, offsets.segment(), 0, values.segment(), 0);
                return new Dictionary(n, width, values, offsets);
            } catch (RuntimeException e) {
                offsets.close();
                values.close();
                throw e;
            }
        }
        // the count was checked against the bytes above, so these cannot fail
        OffHeapBuffer values = new OffHeapBuffer((long) n * width);
        if (column.physicalType() == PhysicalType.BOOLEAN) {
            PlainDecoder.decodeBooleans(data, 0, data.byteSize(), 0, n, values.segment(), 0);
        } else {
            PlainDecoder.decodeFixed(data, 0, data.byteSize(), width, n, values.segment(), 0);
        }
        return new Dictionary(n, width, values, null);
    }

    /** Number of entries. */
    public int size() {
        return size;
    }

    /** Appends the entries the {@code count} native-order int ids from {@code idsOffset} select; ids are range-checked. */
    public void gather(LevelKernels kernels, MemorySegment ids, long idsOffset, int count, ColumnBuffers out) {
        if (!byteArrays) {
            DictionaryGather.gatherFixed(kernels, values.segment(), width, size, ids, idsOffset, count,
                    out.reserveValues(count), out.valuesEnd());
            out.valuesWritten(count);
            return;
        }
        long bytes = DictionaryGather.gatheredByteArraySize(kernels, offsets.segment(), size, ids, idsOffset, count);
        MemorySegment targetOffsets = out.reserveOffsets(count);
        MemorySegment targetData = out.reserveData(bytes);
        DictionaryGather.gatherByteArrays(kernels, offsets.segment(), values.segment(), size, ids, idsOffset, count,
                targetOffsets, out.valueCount(), targetData, out.dataUsed());
        out.byteArraysWritten(count);
    }

    /** Memory for {@code count} ids that are gathered right away, reused by the next call. */
    MemorySegment idScratch(int count) {
        long bytes = (long) count * Integer.BYTES;
        if (idScratch == null) idScratch = new OffHeapBuffer(bytes);
        return idScratch.ensureCapacity(bytes, 0);
    }

    /** The entries' value store, handed over to a vector; this dictionary no longer owns it. */
    public OffHeapBuffer takeValues() {
        OffHeapBuffer taken = values;
        values = null;
        return taken;
    }

    /** The entries' offsets (byte arrays only, else null), handed over to a vector. */
    public OffHeapBuffer takeOffsets() {
        OffHeapBuffer taken = offsets;
        offsets = null;
        return taken;
    }

    @Override
    public void close() {
        for (OffHeapBuffer b : new OffHeapBuffer[] {values, offsets, idScratch}) {
            if (b != null) b.close();
        }
        values = offsets = idScratch = null;
    }
}
