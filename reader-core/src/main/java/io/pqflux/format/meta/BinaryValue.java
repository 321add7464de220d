package io.pqflux.format.meta;

import java.util.Arrays;
import java.util.HexFormat;

/** Immutable bytes from the metadata (statistics bounds, key metadata). */
public final class BinaryValue {

    private final byte[] bytes;

    private BinaryValue(byte[] bytes) {
        this.bytes = bytes;
    }

    /** Takes ownership of {@code bytes}: the caller must not modify them afterwards. */
    public static BinaryValue wrap(byte[] bytes) {
        return new BinaryValue(bytes);
    }

    public int length() {
        return bytes.length;
    }

    public byte byteAt(int index) {
        return bytes[index];
    }

    public byte[] toByteArray() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BinaryValue other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "0x" + HexFormat.of().formatHex(bytes);
    }
}
