package io.pqflux.schema;

import io.pqflux.error.CorruptFileException;
import io.pqflux.error.InvalidAnnotationException;
import io.pqflux.error.SourceLocation;
import io.pqflux.error.UnsupportedFeatureException;
import io.pqflux.format.meta.ConvertedType;
import io.pqflux.format.meta.FieldRepetitionType;
import io.pqflux.format.meta.LogicalType;
import io.pqflux.format.meta.PhysicalType;
import io.pqflux.format.meta.SchemaElement;
import java.util.ArrayList;
import java.util.List;

/** Builds the schema tree from the depth-first flattened {@link SchemaElement} list of the footer. */
public final class SchemaBuilder {

    /** Levels are stored as bytes, and no real schema comes close to this depth. */
    private static final int MAX_DEPTH = 127;

    private final List<SchemaElement> elements;
    private final boolean lenientAnnotations;
    private final List<ColumnDescriptor> columns = new ArrayList<>();
    private int next;

    private SchemaBuilder(List<SchemaElement> elements, boolean lenientAnnotations) {
        this.elements = elements;
        this.lenientAnnotations = lenientAnnotations;
    }

    /**
     * The schema, every column's annotation checked against its physical type.
     *
     * @throws CorruptFileException when the list does not describe a single well-formed tree
     * @throws InvalidAnnotationException when a column's annotation cannot annotate its physical type
     */
    public static MessageSchema build(List<SchemaElement> elements) {
        return build(elements, false);
    }

    /**
     * The schema; with {@code lenientAnnotations} a column whose annotation cannot annotate its physical type is
     * the physical type, its annotations dropped (what a reader that does not check annotations shows), instead
     * of an {@link InvalidAnnotationException}.
     *
     * @throws CorruptFileException when the list does not describe a single well-formed tree
     */
    public static MessageSchema build(List<SchemaElement> elements, boolean lenientAnnotations) {
        if (elements.isEmpty()) throw new CorruptFileException("schema: the schema list is empty");
        SchemaBuilder builder = new SchemaBuilder(elements, lenientAnnotations);
        SchemaElement rootElement = elements.get(0);
        if (rootElement.numChildren() == null) {
            throw new CorruptFileException("schema: root element '" + rootElement.name() + "' has no num_children");
        }
        builder.next = 1;
        List<SchemaNode> children = builder.children(rootElement, List.of(), List.of(), 0, 0, 1);
        if (builder.next != elements.size()) {
            throw new CorruptFileException("schema: " + (elements.size() - builder.next)
                    + " schema elements are not reachable from the root");
        }
        GroupNode root = new GroupNode(rootElement.name(), List.of(), null, LogicalTypes.effective(rootElement),
                rootElement.convertedType(), children);
        return new MessageSchema(root, builder.columns);
    }

    private List<SchemaNode> children(SchemaElement parent, List<String> parentPath,
                                      List<FieldRepetitionType> parentRepetitions, int def, int rep, int depth) {
        int count = parent.numChildren();
        if (count < 0 || count > elements.size() - next) {
            throw new CorruptFileException("schema: element '" + parent.name() + "' declares " + count
                    + " children but " + (elements.size() - next) + " elements remain");
        }
        if (depth > MAX_DEPTH) throw new CorruptFileException("schema: nesting deeper than " + MAX_DEPTH);
        List<SchemaNode> nodes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) nodes.add(node(parentPath, parentRepetitions, def, rep, depth));
        return List.copyOf(nodes);
    }

    private SchemaNode node(List<String> parentPath, List<FieldRepetitionType> parentRepetitions,
                            int parentDef, int parentRep, int depth) {
        int position = next++;
        // a parent's child count was checked against what remained then; its children's counts use some of it up
        if (position >= elements.size()) {
            throw new CorruptFileException("schema: the " + elements.size() + " elements end before every declared child");
        }
        SchemaElement e = elements.get(position);
        FieldRepetitionType repetition = e.repetitionType();
        if (repetition == null) {
            throw new CorruptFileException("schema: element " + position + " '" + e.name() + "' has no repetition type");
        }
        if (repetition == FieldRepetitionType.VECTOR) {
            throw new UnsupportedFeatureException("VECTOR repetition (field '" + e.name() + "')");
        }
        List<String> path = append(parentPath, e.name());
        List<FieldRepetitionType> repetitions = append(parentRepetitions, repetition);
        int def = parentDef + (repetition == FieldRepetitionType.REQUIRED ? 0 : 1);
        int rep = parentRep + (repetition == FieldRepetitionType.REPEATED ? 1 : 0);
        if (e.numChildren() != null && e.type() == null) {
            return new GroupNode(e.name(), path, repetition, LogicalTypes.effective(e), e.convertedType(),
                    children(e, path, repetitions, def, rep, depth + 1));
        }
        if (e.type() == null) {
            throw new CorruptFileException("schema: element " + position + " '" + e.name()
                    + "' has neither a physical type nor children");
        }
        if (e.numChildren() != null && e.numChildren() > 0) {
            throw new CorruptFileException("schema: primitive element '" + e.name() + "' declares children");
        }
        int typeLength = 0;
        if (e.type() == PhysicalType.FIXED_LEN_BYTE_ARRAY) {
            if (e.typeLength() == null || e.typeLength() <= 0) {
                throw new CorruptFileException("schema: FIXED_LEN_BYTE_ARRAY column '" + String.join(".", path)
                        + "' has invalid type_length " + e.typeLength());
            }
            typeLength = e.typeLength();
        }
        LogicalType logical = LogicalTypes.effective(e);
        ConvertedType converted = e.convertedType();
        AnnotationRules.Violation violation = AnnotationRules.violation(e, typeLength);
        if (violation != null) {
            if (!lenientAnnotations) {
                throw new InvalidAnnotationException(violation.annotation(),
                        e.type() + (typeLength > 0 ? "(" + typeLength + ")" : ""), violation.rule(),
                        new SourceLocation(null, -1, String.join(".", path), -1));
            }
            logical = null;
            converted = null;
        }
        int scale = logical instanceof LogicalType.DecimalType d ? d.scale() : 0;
        int precision = logical instanceof LogicalType.DecimalType d ? d.precision() : 0;
        ColumnDescriptor column = new ColumnDescriptor(columns.size(), e.name(), path, e.type(), typeLength, repetition,
                def, rep, logical, converted, scale, precision, repetitions);
        columns.add(column);
        return column;
    }

    private static <T> List<T> append(List<T> path, T last) {
        List<T> result = new ArrayList<>(path.size() + 1);
        result.addAll(path);
        result.add(last);
        return List.copyOf(result);
    }
}
