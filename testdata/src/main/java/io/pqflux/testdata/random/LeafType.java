package io.pqflux.testdata.random;

import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * A primitive column type and a source of values valid for it.
 *
 * @param length     FIXED_LEN_BYTE_ARRAY width, 0 otherwise
 * @param logical    the annotation, or null for a bare physical type
 * @param alwaysNull the column only ever holds nulls (the UNKNOWN / null logical type)
 */
record LeafType(PrimitiveTypeName physical, int length, LogicalTypeAnnotation logical, ValueSource values,
                boolean alwaysNull) {

    LeafType(PrimitiveTypeName physical, int length, LogicalTypeAnnotation logical, ValueSource values) {
        this(physical, length, logical, values, false);
    }

    PrimitiveType build(Type.Repetition repetition, String name) {
        Types.PrimitiveBuilder<PrimitiveType> builder = Types.primitive(physical, repetition);
        if (length > 0) builder = builder.length(length);
        if (logical != null) builder = builder.as(logical);
        return builder.named(name);
    }
}
