package io.pqflux.tempo.internal.encoding;

import io.pqflux.nested.SlotReader;
import io.pqflux.otlp.wire.ProtoWriter;

/** Text fields written from a column's stored UTF-8 bytes: no {@code String} made, no slice per value. */
final class ColumnText {

    private ColumnText() {
    }

    /** A {@code string} field holding the value at {@code slot}; left out when the leaf is not read or the text is empty. */
    static void string(ProtoWriter out, int field, SlotReader values, int slot) {
        if (values != null) out.string(field, values.byteStore(), values.byteOffset(slot), values.byteLength(slot));
    }

    /** A {@code string} field of a oneof holding the value at {@code slot}: written even when empty. */
    static void stringAlways(ProtoWriter out, int field, SlotReader values, int slot) {
        out.stringAlways(field, values.byteStore(), values.byteOffset(slot), values.byteLength(slot));
    }
}
