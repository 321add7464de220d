package io.pqflux.tempo.internal.assembly;

import io.pqflux.schema.MessageSchema;
import io.pqflux.tempo.TempoException;

/**
 * How a vParquet4 (or vParquet5) file stores attribute values. Released Tempo writes {@code IsArray} + {@code ValueUnsupported};
 * blocks converted during vParquet4's development (the bundled test block among them) have {@code ValueType} +
 * {@code ValueDropped} in the same positions. Decided once per file from the column paths.
 */
public enum AttributeLayout {
    RELEASED("IsArray", "ValueUnsupported"),
    PRE_RELEASE("ValueType", "ValueDropped");

    /** The second leaf of every Attribute group: the array flag or the value type. */
    public final String kindLeaf;
    /** The seventh leaf: protobuf-JSON of values the typed lists cannot hold. */
    public final String jsonLeaf;

    AttributeLayout(String kindLeaf, String jsonLeaf) {
        this.kindLeaf = kindLeaf;
        this.jsonLeaf = jsonLeaf;
    }

    /** @param attribute the path of one Attribute group, up to and including the dot before its leaves */
    public static AttributeLayout of(MessageSchema schema, String attribute, String source) {
        for (AttributeLayout layout : values()) {
            boolean kind = schema.column(attribute + layout.kindLeaf).isPresent();
            boolean json = schema.column(attribute + layout.jsonLeaf).isPresent();
            if (kind && json) return layout;
        }
        throw new TempoException(TempoException.Reason.UNKNOWN_LAYOUT, source, "no known attribute layout: columns "
                + attribute + "IsArray/ValueUnsupported (released) or ValueType/ValueDropped (pre-release) missing");
    }
}
