package io.pqflux.format.meta;

/** Value and level encodings. */
public enum Encoding {
    PLAIN(0), PLAIN_DICTIONARY(2), RLE(3), BIT_PACKED(4), DELTA_BINARY_PACKED(5), DELTA_LENGTH_BYTE_ARRAY(6),
    DELTA_BYTE_ARRAY(7), RLE_DICTIONARY(8), BYTE_STREAM_SPLIT(9);

    private static final Encoding[] BY_ID = new Encoding[10];

    static {
        for (Encoding e : values()) BY_ID[e.thriftId] = e;
    }

    private final int thriftId;

    Encoding(int thriftId) {
        this.thriftId = thriftId;
    }

    public int thriftId() {
        return thriftId;
    }

    /** Returns null for ids this reader does not know. */
    public static Encoding fromThriftId(int id) {
        return id >= 0 && id < BY_ID.length ? BY_ID[id] : null;
    }

    public boolean isDictionary() {
        return this == PLAIN_DICTIONARY || this == RLE_DICTIONARY;
    }
}
