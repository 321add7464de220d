package io.pqflux.flink.internal.source;

import io.pqflux.flink.SplitBacklog;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Version 1: pending splits (with their serializer's version), planned IDs, the first-plan flag. */
public final class SplitBacklogSerializer<S> extends DataSerializer<SplitBacklog<S>> {

    private static final long serialVersionUID = 1L;

    private final DataSerializer<S> splits;

    public SplitBacklogSerializer(DataSerializer<S> splits) {
        super("split backlog", 1);
        this.splits = splits;
    }

    @Override
    protected void write(SplitBacklog<S> backlog, DataOutputStream out) throws IOException {
        out.writeInt(splits.getVersion());
        out.writeInt(backlog.pending().size());
        for (S split : backlog.pending()) {
            byte[] one = splits.serialize(split);
            out.writeInt(one.length);
            out.write(one);
        }
        out.writeInt(backlog.planned().size());
        for (String id : backlog.planned()) out.writeUTF(id);
        out.writeBoolean(backlog.firstPlanDone());
    }

    @Override
    protected SplitBacklog<S> read(DataInputStream in) throws IOException {
        int splitVersion = in.readInt();
        int count = in.readInt();
        List<S> pending = new ArrayList<>(Math.min(count, 4096));
        for (int i = 0; i < count; i++) pending.add(splits.deserialize(splitVersion, in.readNBytes(in.readInt())));
        int ids = in.readInt();
        Set<String> planned = new HashSet<>(Math.min(ids, 4096));
        for (int i = 0; i < ids; i++) planned.add(in.readUTF());
        return new SplitBacklog<>(pending, planned, in.readBoolean());
    }
}
