package io.pqflux.tempo.internal.vparquet3;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.UnsafeByteOperations;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.pqflux.nested.SlotReader;
import io.pqflux.tempo.TempoException;
import io.pqflux.tempo.internal.assembly.AnyValueJson;
import io.pqflux.tempo.internal.assembly.AttributeSink;
import io.pqflux.tempo.internal.assembly.ColumnPaths;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The generic {@code Attrs} list of one vParquet3 owner, read per owner slot into OTLP key-values in stored order
 * (docs/tempo-format.md §0 errata 7). Resource and span attributes hold one optional column per value kind; the first
 * set one wins, in the order {@code Value}, {@code ValueInt}, {@code ValueDouble}, {@code ValueBool},
 * {@code ValueArray}, {@code ValueKVList} (the last two protobuf-JSON, where an empty string means unset); with nothing
 * set the attribute comes back with an empty value. Event attributes hold the protobuf bytes of the {@code AnyValue},
 * or its JSON in blocks written before Tempo switched to protobuf.
 */
final class Vp3AttributeGroup {

    private final String source;
    private final int attrsLevel;
    private final SlotReader key;
    private final SlotReader strings, ints, doubles, bools, arrays, kvLists;
    /** Event attributes: the encoded {@code AnyValue}; null for the other owners. */
    private final SlotReader encoded;
    /** The names assembled; null for every one. */
    private final Set<String> names;

    private Vp3AttributeGroup(String source, String prefix, boolean event, Map<String, SlotReader> leaves, Set<String> names) {
        this.source = source;
        this.names = names;
        String attrs = prefix + "Attrs.list.element.";
        this.attrsLevel = ColumnPaths.level(prefix + "Attrs.list");
        this.key = required(leaves, attrs + "Key");
        if (event) {
            this.encoded = required(leaves, attrs + "Value");
            this.strings = this.ints = this.doubles = this.bools = this.arrays = this.kvLists = null;
        } else {
            this.encoded = null;
            this.strings = required(leaves, attrs + "Value");
            this.ints = required(leaves, attrs + "ValueInt");
            this.doubles = required(leaves, attrs + "ValueDouble");
            this.bools = required(leaves, attrs + "ValueBool");
            this.arrays = required(leaves, attrs + "ValueArray");
            this.kvLists = required(leaves, attrs + "ValueKVList");
        }
    }

    /**
     * The group of the owner at {@code prefix}, or null when its attributes are not projected.
     *
     * @param names the attribute names assembled; null for every one
     */
    static Vp3AttributeGroup of(String source, String prefix, boolean event, Map<String, SlotReader> leaves, Set<String> names) {
        return leaves.containsKey(prefix + "Attrs.list.element.Key")
                ? new Vp3AttributeGroup(source, prefix, event, leaves, names) : null;
    }

    private SlotReader required(Map<String, SlotReader> leaves, String path) {
        SlotReader leaf = leaves.get(path);
        if (leaf == null) throw new IllegalStateException(source + ": attribute column " + path + " not projected with its group");
        return leaf;
    }

    void append(int ownerSlot, AttributeSink out) {
        for (int a = key.first(attrsLevel, ownerSlot), end = key.end(attrsLevel, ownerSlot); a < end; a++) {
            String name = key.string(a);
            if (names != null && !names.contains(name)) continue;
            if (encoded != null) out.value(name, decoded(a));
            else typed(a, name, out);
        }
    }

    private void typed(int a, String name, AttributeSink out) {
        if (!strings.isNull(a)) {
            out.string(name, strings, a);
        } else if (!ints.isNull(a)) {
            out.int64(name, ints.int64(a));
        } else if (!doubles.isNull(a)) {
            out.float64(name, doubles.float64(a));
        } else if (!bools.isNull(a)) {
            out.bool(name, bools.bool(a));
        } else {
            String array = arrays.isNull(a) ? "" : arrays.string(a);
            String kvList = kvLists.isNull(a) ? "" : kvLists.string(a);
            if (!array.isEmpty()) out.value(name, parseJson(a, array, "ValueArray"));
            else if (!kvList.isEmpty()) out.value(name, parseJson(a, kvList, "ValueKVList"));
            else out.value(name, AnyValue.getDefaultInstance());
        }
    }

    private AnyValue decoded(int a) {
        var bytes = UnsafeByteOperations.unsafeWrap(encoded.byteArray(a));
        try {
            return AnyValue.parseFrom(bytes);
        } catch (InvalidProtocolBufferException notProtobuf) {
            return parseJson(a, bytes.toStringUtf8(), "Value (neither protobuf nor JSON)");
        }
    }

    private AnyValue parseJson(int a, String text, String column) {
        try {
            return AnyValueJson.parse(text);
        } catch (IllegalArgumentException e) {
            throw new TempoException(TempoException.Reason.BAD_VALUE, source, "attribute '" + key.string(a) + "': "
                    + column + " is not the protobuf-JSON of an AnyValue (" + e.getMessage() + "): " + text, e);
        }
    }
}
