package io.pqflux.testdata.random;

import java.util.List;
import java.util.SplittableRandom;
import org.apache.parquet.schema.Type;

/**
 * One field of a generated schema: its parquet-java type and how {@link RecordGenerator} fills it.
 *
 * @param nullProbability  for an optional field, the chance it is absent
 * @param emptyProbability for a repeated field, the chance it has no occurrence
 * @param maxRepeat        for a repeated field, the most occurrences it has
 * @param values           for a leaf, its values; null for a group
 * @param children         for a group, its fields in order; empty for a leaf
 */
record FieldPlan(Type type, double nullProbability, double emptyProbability, int maxRepeat, ValueSource values,
                 List<FieldPlan> children) {

    boolean isLeaf() {
        return values != null;
    }

    /** How many times the field occurs in one instance of its parent. */
    int occurrences(SplittableRandom r) {
        return switch (type.getRepetition()) {
            case REQUIRED -> 1;
            case OPTIONAL -> r.nextDouble() < nullProbability ? 0 : 1;
            case REPEATED -> r.nextDouble() < emptyProbability ? 0 : 1 + r.nextInt(maxRepeat);
        };
    }
}
