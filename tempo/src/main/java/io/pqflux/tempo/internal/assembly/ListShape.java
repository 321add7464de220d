package io.pqflux.tempo.internal.assembly;

import io.pqflux.format.meta.FieldRepetitionType;
import io.pqflux.schema.GroupNode;
import io.pqflux.schema.MessageSchema;
import io.pqflux.schema.SchemaNode;
import io.pqflux.tempo.TempoException;

/**
 * How a Tempo file nests its lists. vParquet3, vParquet4 and the vParquet5 previews annotate every list as a Parquet
 * LIST ({@code X.list.element}); current vParquet5 writes plain repeated groups and fields ({@code X} itself repeats).
 * Decided once per file from the trace's {@code rs} field, so one mapper reads both.
 */
public enum ListShape {
    ANNOTATED, PLAIN;

    /** The repeated node of list field {@code field} (a dotted path): its level holds the list offsets. */
    public String repeated(String field) {
        return this == ANNOTATED ? field + ".list" : field;
    }

    /** The node of one element of {@code field}: the element's group (append {@code .} and a name) or its leaf. */
    public String element(String field) {
        return this == ANNOTATED ? field + ".list.element" : field;
    }

    /**
     * The shape of the top-level list field {@code field}.
     *
     * @throws TempoException {@link TempoException.Reason#UNKNOWN_LAYOUT} naming the field when it is neither
     */
    public static ListShape of(MessageSchema schema, String field, String source) {
        for (SchemaNode node : schema.root().children()) {
            if (!node.name().equals(field)) continue;
            if (node.repetition() == FieldRepetitionType.REPEATED) return PLAIN;
            if (node instanceof GroupNode group && group.children().size() == 1
                    && group.children().getFirst().name().equals("list")
                    && group.children().getFirst().repetition() == FieldRepetitionType.REPEATED) {
                return ANNOTATED;
            }
        }
        throw new TempoException(TempoException.Reason.UNKNOWN_LAYOUT, source, "column " + field
                + " is neither a LIST-annotated group (" + field + ".list.element) nor a repeated group");
    }
}
