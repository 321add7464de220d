package io.pqflux.schema;

import io.pqflux.format.meta.ConvertedType;
import io.pqflux.format.meta.FieldRepetitionType;
import io.pqflux.format.meta.PhysicalType;
import io.pqflux.format.meta.SchemaElement;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.MessageTypeParser;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/** Schemas written in parquet-java's text syntax ({@code message m { optional group a (LIST) { … } }}), for tests. */
public final class TextSchemas {

    private TextSchemas() {
    }

    public static MessageSchema parse(String text) {
        List<SchemaElement> elements = new ArrayList<>();
        GroupType root = MessageTypeParser.parseMessageType(text);
        elements.add(new SchemaElement(null, null, null, root.getName(), root.getFieldCount(), null, null, null, null, null, null));
        for (Type field : root.getFields()) flatten(field, elements);
        return SchemaBuilder.build(elements);
    }

    @SuppressWarnings("deprecation") // the converted type is what a footer stores beside the logical type
    private static void flatten(Type type, List<SchemaElement> out) {
        FieldRepetitionType repetition = FieldRepetitionType.valueOf(type.getRepetition().name());
        ConvertedType converted = type.getLogicalTypeAnnotation() == null || type.getLogicalTypeAnnotation().toOriginalType() == null
                ? null : ConvertedType.valueOf(type.getLogicalTypeAnnotation().toOriginalType().name());
        if (type.isPrimitive()) {
            PrimitiveType p = type.asPrimitiveType();
            PhysicalType physical = p.getPrimitiveTypeName() == PrimitiveType.PrimitiveTypeName.BINARY
                    ? PhysicalType.BYTE_ARRAY : PhysicalType.valueOf(p.getPrimitiveTypeName().name());
            Integer length = physical == PhysicalType.FIXED_LEN_BYTE_ARRAY ? p.getTypeLength() : null;
            out.add(new SchemaElement(physical, length, repetition, type.getName(), null, converted, null, null, null, null, null));
            return;
        }
        GroupType group = type.asGroupType();
        out.add(new SchemaElement(null, null, repetition, type.getName(), group.getFieldCount(), converted, null, null, null, null, null));
        for (Type child : group.getFields()) flatten(child, out);
    }
}
