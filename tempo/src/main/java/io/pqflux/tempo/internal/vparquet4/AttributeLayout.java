package io.pqflux.tempo.internal.vparquet4;

import io.pqflux.schema.MessageSchema;
import io.pqflux.tempo.TempoException;

/**
 * How a vParquet4 file stores attribute values. Released Tempo writes {@code IsArray} + {@code ValueUnsupported};
 * blocks converted during vParquet4's development (the bundled test block among them) have {@code ValueType} +
 * {@code ValueDropped} in the same positions. Decided once per file from the column paths.
 */
enum AttributeLayout {
    RELEASED("IsArray", "ValueUnsupported"),
    PRE_RELEASE("ValueType", "ValueDropped");

    /** The second leaf of every Attribute group: the array flag or the value type. */
    final String kindLeaf;
    /** The seventh leaf: protobuf-JSON of values the typed lists cannot hold. */
    final String jsonLeaf;

    AttributeLayout(String kindLeaf, String jsonLeaf) {
        this.kindLeaf = kindLeaf;
        this.jsonLeaf = jsonLeaf;
    }

    static AttributeLayout of(MessageSchema schema, String source) {
        for (AttributeLayout layout : values()) {
            boolean kind = schema.column(Vp4Paths.RESOURCE_ATTRS + layout.kindLeaf).isPresent();
            boolean json = schema.column(Vp4Paths.RESOURCE_ATTRS + layout.jsonLeaf).isPresent();
            if (kind && json) return layout;
        }
        throw new TempoException(TempoException.Reason.UNKNOWN_LAYOUT, source, "no vParquet4 attribute layout: column "
                + Vp4Paths.RESOURCE_ATTRS + "IsArray/ValueUnsupported (released) or ValueType/ValueDropped (pre-release) missing");
    }
}
