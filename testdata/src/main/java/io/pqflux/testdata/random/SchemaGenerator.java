package io.pqflux.testdata.random;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Type.Repetition;
import org.apache.parquet.schema.Types;

/**
 * Random schemas: structs, lists and maps nested up to a depth, every list and map form the Parquet
 * backward-compatibility rules allow (standard 3-level LIST, 2-level lists of primitives and of groups,
 * {@code array} and {@code _tuple} element names, unannotated repeated primitives and groups, MAP,
 * legacy MAP_KEY_VALUE, maps without values), with per-field null, empty and repeat probabilities.
 */
final class SchemaGenerator {

    private static final double[] NULL_PROBABILITIES = {0, 0, 0.05, 0.2, 0.2, 0.5, 0.9, 1};
    private static final double[] EMPTY_PROBABILITIES = {0, 0.1, 0.4};
    private static final int[] MAX_REPEATS = {1, 2, 4};
    private static final int[] POOL_SIZES = {1, 3, 20, 300};

    private final SplittableRandom r;
    private final int maxLeaves;
    private int leaves;

    SchemaGenerator(SplittableRandom random, int maxLeaves) {
        this.r = random;
        this.maxLeaves = maxLeaves;
    }

    /** The root; {@code maxDepth} 0 gives a flat schema of required and optional primitives. */
    FieldPlan message(int maxDepth) {
        List<FieldPlan> fields = new ArrayList<>();
        if (maxDepth == 0) {
            for (int i = 0, n = 1 + r.nextInt(10); i < n; i++) fields.add(leaf("f" + i, requiredOrOptional(), LeafTypes.any(r)));
        } else {
            fields = children("f", maxDepth, 1 + r.nextInt(6));
        }
        return new FieldPlan(Types.buildMessage().addFields(types(fields)).named("schema"), 0, 0, 0, null, fields);
    }

    private FieldPlan field(String name, int depthLeft, Repetition forced) {
        int kind = depthLeft == 0 || leaves >= maxLeaves ? 0 : r.nextInt(9);
        Repetition repetition = forced != null ? forced : anyRepetition();
        return switch (kind) {
            case 0, 1, 2, 3 -> leaf(name, repetition, LeafTypes.any(r));
            case 4, 5 -> group(name, repetition, null, children("c", depthLeft - 1, 1 + r.nextInt(4)));
            case 6, 7 -> list(name, annotatedRepetition(repetition), depthLeft);
            default -> map(name, annotatedRepetition(repetition), depthLeft);
        };
    }

    private List<FieldPlan> children(String prefix, int depthLeft, int count) {
        List<FieldPlan> children = new ArrayList<>();
        for (int i = 0; i < count && (i == 0 || leaves < maxLeaves); i++) children.add(field(prefix + i, depthLeft, null));
        return children;
    }

    private FieldPlan list(String name, Repetition repetition, int depthLeft) {
        LogicalTypeAnnotation list = LogicalTypeAnnotation.listType();
        List<FieldPlan> element = switch (r.nextInt(5)) {
            // standard: repeated group list { <element> }
            case 0, 1 -> List.of(group("list", Repetition.REPEATED, null,
                    List.of(field("element", depthLeft - 1, requiredOrOptional()))));
            // 2-level, repeated primitive
            case 2 -> List.of(leaf("element", Repetition.REPEATED, nonNullLeaf()));
            // 2-level, repeated group: the group is the element (unambiguous with two or more fields)
            case 3 -> List.of(group("element", Repetition.REPEATED, null, children("e", depthLeft - 1, 2 + r.nextInt(2))));
            // legacy names that make a one-field repeated group the element itself
            default -> List.of(group(r.nextBoolean() ? "array" : name + "_tuple", Repetition.REPEATED, null,
                    children("e", depthLeft - 1, 1 + r.nextInt(3))));
        };
        return group(name, repetition, list, element);
    }

    private FieldPlan map(String name, Repetition repetition, int depthLeft) {
        List<FieldPlan> entry = new ArrayList<>();
        entry.add(leaf("key", Repetition.REQUIRED, LeafTypes.key(r)));
        int form = r.nextInt(4);
        if (form != 3) entry.add(field("value", depthLeft - 1, requiredOrOptional()));
        FieldPlan keyValue = form == 2
                ? group("map", Repetition.REPEATED, LogicalTypeAnnotation.MapKeyValueTypeAnnotation.getInstance(), entry)
                : group("key_value", Repetition.REPEATED, null, entry);
        return group(name, repetition, LogicalTypeAnnotation.mapType(), List.of(keyValue));
    }

    private FieldPlan leaf(String name, Repetition repetition, LeafType type) {
        leaves++;
        if (type.alwaysNull()) {
            return new FieldPlan(type.build(Repetition.OPTIONAL, name), 1, 0, 0, type.values(), List.of());
        }
        ValueSource values = r.nextInt(3) == 0 ? type.values() : type.values().pooled(POOL_SIZES[r.nextInt(POOL_SIZES.length)], r);
        return new FieldPlan(type.build(repetition, name), pick(NULL_PROBABILITIES), pick(EMPTY_PROBABILITIES),
                MAX_REPEATS[r.nextInt(MAX_REPEATS.length)], values, List.of());
    }

    private FieldPlan group(String name, Repetition repetition, LogicalTypeAnnotation annotation, List<FieldPlan> children) {
        Types.GroupBuilder<GroupType> builder = Types.buildGroup(repetition);
        if (annotation != null) builder = builder.as(annotation);
        return new FieldPlan(builder.addFields(types(children)).named(name), pick(NULL_PROBABILITIES),
                pick(EMPTY_PROBABILITIES), MAX_REPEATS[r.nextInt(MAX_REPEATS.length)], null, children);
    }

    private LeafType nonNullLeaf() {
        LeafType type = LeafTypes.any(r);
        while (type.alwaysNull()) type = LeafTypes.any(r);
        return type;
    }

    private Repetition anyRepetition() {
        int p = r.nextInt(10);
        return p < 3 ? Repetition.REQUIRED : p < 7 ? Repetition.OPTIONAL : Repetition.REPEATED;
    }

    private Repetition requiredOrOptional() {
        return r.nextInt(5) < 2 ? Repetition.REQUIRED : Repetition.OPTIONAL;
    }

    /** LIST and MAP groups are required or optional; a repeated draw becomes optional. */
    private static Repetition annotatedRepetition(Repetition drawn) {
        return drawn == Repetition.REPEATED ? Repetition.OPTIONAL : drawn;
    }

    private double pick(double[] choices) {
        return choices[r.nextInt(choices.length)];
    }

    private static Type[] types(List<FieldPlan> plans) {
        return plans.stream().map(FieldPlan::type).toArray(Type[]::new);
    }
}
