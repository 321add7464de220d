package io.pqflux.testdata.random;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;

/** Fills records of a generated schema, following each field's plan, until a row or level-entry budget runs out. */
final class RecordGenerator {

    private final SplittableRandom r;
    private long entries;

    RecordGenerator(SplittableRandom random) {
        this.r = random;
    }

    /**
     * @param rows         rows wanted
     * @param entryBudget  stop early once the records hold about this many leaf entries (values, nulls and
     *                     empty lists), so deep repetition cannot blow up a file
     */
    List<Group> records(FieldPlan message, int rows, long entryBudget) {
        SimpleGroupFactory factory = new SimpleGroupFactory((MessageType) message.type());
        List<Group> records = new ArrayList<>();
        while (records.size() < rows && entries < entryBudget) {
            Group record = factory.newGroup();
            fill(record, message.children());
            records.add(record);
        }
        return records;
    }

    private void fill(Group group, List<FieldPlan> fields) {
        for (int i = 0; i < fields.size(); i++) {
            FieldPlan field = fields.get(i);
            int n = field.occurrences(r);
            if (n == 0) entries++;
            for (int k = 0; k < n; k++) {
                if (field.isLeaf()) {
                    add(group, i, field.values().next(r));
                    entries++;
                } else {
                    fill(group.addGroup(i), field.children());
                }
            }
        }
    }

    private static void add(Group group, int field, Object value) {
        switch (value) {
            case Integer v -> group.add(field, v);
            case Long v -> group.add(field, v);
            case Float v -> group.add(field, v);
            case Double v -> group.add(field, v);
            case Boolean v -> group.add(field, v);
            case Binary v -> group.add(field, v);
            default -> throw new IllegalStateException("no Group setter for " + value);
        }
    }
}
