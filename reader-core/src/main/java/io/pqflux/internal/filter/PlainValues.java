package io.pqflux.internal.filter;

import io.pqflux.internal.codec.encoding.LittleEndian;
import io.pqflux.column.EncodedValues;
import io.pqflux.error.CorruptFileException;
import io.pqflux.format.meta.PhysicalType;
import io.pqflux.schema.ColumnDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Values in PLAIN encoding read in place: one statistics bound or literal (byte arrays without their length
 * prefix), or the entries of a dictionary page. Booleans are bit-packed as PLAIN stores them.
 */
public final class PlainValues implements EncodedValues {

    private final MemorySegment data;
    private final int count;
    private final int width;
    /** Byte arrays: value i spans {@code [spans[2i], spans[2i + 1])} of the data; null for fixed widths. */
    private final long[] spans;

    private PlainValues(MemorySegment data, int count, int width, long[] spans) {
        this.data = data;
        this.count = count;
        this.width = width;
        this.spans = spans;
    }

    /**
     * One value as statistics and column indexes store it, or null when the bytes cannot be a value of the
     * column (a fixed-width value of the wrong length): such a bound is unusable.
     */
    public static PlainValues single(byte[] bytes, ColumnDescriptor column) {
        MemorySegment data = MemorySegment.ofArray(bytes);
        return switch (column.physicalType()) {
            case BYTE_ARRAY -> new PlainValues(data, 1, -1, new long[] {0, bytes.length});
            case BOOLEAN -> bytes.length == 1 ? new PlainValues(data, 1, 0, null) : null;
            default -> bytes.length == column.valueWidth() ? new PlainValues(data, 1, column.valueWidth(), null) : null;
        };
    }

    /**
     * The {@code count} entries of a PLAIN dictionary page.
     *
     * @throws CorruptFileException when the page holds fewer bytes than the entries need
     */
    public static PlainValues dictionary(MemorySegment page, int count, ColumnDescriptor column) {
        if (count < 0) throw new CorruptFileException("dictionary page declares " + count + " values");
        if (column.physicalType() == PhysicalType.BYTE_ARRAY) {
            // every entry has a 4-byte length: check before sizing anything from the declared count
            if (4L * count > page.byteSize()) throw truncated(count, page);
            long[] spans = new long[2 * count];
            long position = 0;
            for (int i = 0; i < count; i++) {
                if (page.byteSize() - position < 4) throw truncated(count, page);
                long length = Integer.toUnsignedLong(page.get(LittleEndian.INT, position));
                position += 4;
                if (length > page.byteSize() - position) throw truncated(count, page);
                spans[2 * i] = position;
                position += length;
                spans[2 * i + 1] = position;
            }
            return new PlainValues(page, count, -1, spans);
        }
        int width = column.physicalType() == PhysicalType.BOOLEAN ? 0 : column.valueWidth();
        long needed = width == 0 ? (count + 7L) / 8 : (long) count * width;
        if (needed > page.byteSize()) throw truncated(count, page);
        return new PlainValues(page, count, width, null);
    }

    private static CorruptFileException truncated(int count, MemorySegment page) {
        return new CorruptFileException("dictionary page declares " + count + " values but holds only "
                + page.byteSize() + " bytes");
    }

    @Override
    public int valueCount() {
        return count;
    }

    @Override
    public boolean getBoolean(int i) {
        return (data.get(ValueLayout.JAVA_BYTE, i >>> 3) >>> (i & 7) & 1) != 0;
    }

    @Override
    public int getInt(int i) {
        return data.get(LittleEndian.INT, (long) i * width);
    }

    @Override
    public long getLong(int i) {
        return data.get(LittleEndian.LONG, (long) i * width);
    }

    @Override
    public float getFloat(int i) {
        return data.get(LittleEndian.FLOAT, (long) i * width);
    }

    @Override
    public double getDouble(int i) {
        return data.get(LittleEndian.DOUBLE, (long) i * width);
    }

    @Override
    public MemorySegment getBytes(int i) {
        if (spans == null) return data.asSlice((long) i * width, width);
        return data.asSlice(spans[2 * i], spans[2 * i + 1] - spans[2 * i]);
    }
}
