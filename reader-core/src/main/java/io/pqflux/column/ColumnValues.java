package io.pqflux.column;

import java.lang.foreign.MemorySegment;

/**
 * The non-null values of a column, by value index (nulls are not counted): decoded vectors, a dictionary
 * page, a statistics bound. Only the getter of the column's physical type is meaningful.
 */
public sealed interface ColumnValues permits ColumnVector, EncodedValues {

    int valueCount();

    boolean getBoolean(int valueIndex);

    int getInt(int valueIndex);

    long getLong(int valueIndex);

    float getFloat(int valueIndex);

    double getDouble(int valueIndex);

    /** The bytes of a BYTE_ARRAY, FIXED_LEN_BYTE_ARRAY or INT96 value. */
    MemorySegment getBytes(int valueIndex);
}
