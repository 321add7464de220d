package io.pqflux.tempo.internal.assembly;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.pqflux.nested.SlotReader;
import io.pqflux.tempo.TempoException;
import java.util.Map;
import java.util.Set;

/**
 * The generic {@code Attrs} list of one owner kind (resource, scope, span, event, link) in the attribute layout of
 * vParquet4 and vParquet5: its seven leaves, read per owner slot into OTLP key-values in stored order, the value
 * restored as Tempo restores it (docs/tempo-format.md §8.1, §9 and §0 errata 1–2). {@code prefix} is the owner's path
 * up to and including the dot before {@code Attrs}; the lists are nested as the file's {@link ListShape} says.
 */
public final class AttributeGroup {

    private final String source;
    private final AttributeLayout layout;
    /** Event and link attributes of the pre-release type 0 are always dropped (errata 1). */
    private final boolean eventOrLink;
    /** vParquet4 returns a non-array attribute without any value as an empty {@code AnyValue}; vParquet5 drops it (errata 4). */
    private final boolean keepValueless;
    private final int attrsLevel;
    private final int valuesLevel;
    private final SlotReader key;
    private final SlotReader kind;
    private final SlotReader strings;
    private final SlotReader ints;
    private final SlotReader doubles;
    private final SlotReader bools;
    private final SlotReader json;
    /** The names assembled; null for every one. */
    private final Set<String> names;

    private AttributeGroup(String source, AttributeLayout layout, ListShape shape, boolean eventOrLink,
                           boolean keepValueless, String prefix, Map<String, SlotReader> leaves, Set<String> names) {
        this.source = source;
        this.names = names;
        this.layout = layout;
        this.eventOrLink = eventOrLink;
        this.keepValueless = keepValueless;
        String attrs = shape.element(prefix + "Attrs") + ".";
        this.attrsLevel = ColumnPaths.level(shape.repeated(prefix + "Attrs"));
        this.valuesLevel = ColumnPaths.level(shape.repeated(attrs + "Value"));
        this.key = required(leaves, attrs + "Key");
        this.kind = required(leaves, attrs + layout.kindLeaf);
        this.strings = required(leaves, shape.element(attrs + "Value"));
        this.ints = required(leaves, shape.element(attrs + "ValueInt"));
        this.doubles = required(leaves, shape.element(attrs + "ValueDouble"));
        this.bools = required(leaves, shape.element(attrs + "ValueBool"));
        this.json = required(leaves, attrs + layout.jsonLeaf);
    }

    /**
     * The vParquet4 group of the owner at {@code prefix}, or null when its attributes are not projected.
     *
     * @param names the attribute names assembled; null for every one
     */
    public static AttributeGroup of(String source, AttributeLayout layout, boolean eventOrLink, String prefix,
                                    Map<String, SlotReader> leaves, Set<String> names) {
        return of(source, layout, ListShape.ANNOTATED, eventOrLink, true, prefix, leaves, names);
    }

    /**
     * The group of the owner at {@code prefix}, or null when its attributes are not projected.
     *
     * @param keepValueless whether a non-array attribute with no value at all comes back (as an empty {@code AnyValue})
     *                      or is skipped
     * @param names         the attribute names assembled; null for every one
     */
    public static AttributeGroup of(String source, AttributeLayout layout, ListShape shape, boolean eventOrLink,
                                    boolean keepValueless, String prefix, Map<String, SlotReader> leaves, Set<String> names) {
        return leaves.containsKey(shape.element(prefix + "Attrs") + ".Key")
                ? new AttributeGroup(source, layout, shape, eventOrLink, keepValueless, prefix, leaves, names) : null;
    }

    private SlotReader required(Map<String, SlotReader> leaves, String path) {
        SlotReader leaf = leaves.get(path);
        if (leaf == null) throw new IllegalStateException(source + ": attribute column " + path + " not projected with its group");
        return leaf;
    }

    /**
     * Puts the attributes of the owner at {@code ownerSlot} into {@code out}, in stored order.
     *
     * @return how many stored attributes came back from the pre-release {@code ValueDropped} text: Tempo counted them as
     *         dropped when writing and takes them off the owner's dropped count when it restores them
     */
    public int append(int ownerSlot, AttributeSink out) {
        int restored = 0;
        for (int a = key.first(attrsLevel, ownerSlot), end = key.end(attrsLevel, ownerSlot); a < end; a++) {
            String name = key.string(a);
            boolean kept = names == null || names.contains(name);
            if (layout == AttributeLayout.RELEASED) {
                if (kept) released(a, name, out);
            } else if (preRelease(a, name, kept ? out : AttributeSink.DISCARD) && kind.int32(a) == 0) {
                // a pre-release attribute restored from its text counts against the owner's dropped count, kept or not
                restored++;
            }
        }
        return restored;
    }

    /** The first non-empty typed list wins; {@code IsArray} says whether it is one value or an array. */
    private void released(int a, String name, AttributeSink out) {
        boolean array = kind.bool(a);
        for (ScalarKind type : ScalarKind.ALL) {
            SlotReader list = list(type);
            int first = list.first(valuesLevel, a), end = list.end(valuesLevel, a);
            if (first < end) {
                if (array) out.array(name, type, list, first, end);
                else scalar(type, first, name, out);
                return;
            }
        }
        if (array) out.array(name, ScalarKind.STRING, strings, 0, 0);
        else if (!json.isNull(a)) json(a, name, out);
        else if (keepValueless) out.value(name, AnyValue.getDefaultInstance());
    }

    /**
     * The type says where the value is; an empty list gives the type's zero value (errata 2), unknown types are
     * skipped. Returns whether the attribute has a value.
     */
    private boolean preRelease(int a, String name, AttributeSink out) {
        int type = kind.int32(a);
        if (type == 0) {
            if (eventOrLink || json.isNull(a) || json.byteLength(a) == 0) return false;
            json(a, name, out);
            return true;
        }
        if (type < 1 || type > 8) return false;
        ScalarKind scalar = ScalarKind.ALL.get((type - 1) % 4);
        SlotReader list = list(scalar);
        int first = list.first(valuesLevel, a), end = list.end(valuesLevel, a);
        if (type > 4) out.array(name, scalar, list, first, end);
        else if (first < end) scalar(scalar, first, name, out);
        else zero(scalar, name, out);
        return true;
    }

    private SlotReader list(ScalarKind type) {
        return switch (type) {
            case STRING -> strings;
            case INT -> ints;
            case DOUBLE -> doubles;
            case BOOL -> bools;
        };
    }

    private void scalar(ScalarKind type, int slot, String name, AttributeSink out) {
        switch (type) {
            case STRING -> out.string(name, strings, slot);
            case INT -> out.int64(name, ints.int64(slot));
            case DOUBLE -> out.float64(name, doubles.float64(slot));
            case BOOL -> out.bool(name, bools.bool(slot));
        }
    }

    private static void zero(ScalarKind type, String name, AttributeSink out) {
        switch (type) {
            case STRING -> out.string(name, "");
            case INT -> out.int64(name, 0);
            case DOUBLE -> out.float64(name, 0);
            case BOOL -> out.bool(name, false);
        }
    }

    private void json(int a, String name, AttributeSink out) {
        try {
            out.json(name, json.byteArray(a));
        } catch (IllegalArgumentException e) {
            throw new TempoException(TempoException.Reason.BAD_VALUE, source, "attribute '" + key.string(a) + "': "
                    + layout.jsonLeaf + " is not the protobuf-JSON of an AnyValue (" + e.getMessage() + "): "
                    + json.string(a), e);
        }
    }
}
