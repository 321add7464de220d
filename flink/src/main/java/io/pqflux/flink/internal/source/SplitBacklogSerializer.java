package io.pqflux.flink.internal.source;

import io.pqflux.flink.SplitBacklog;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/** Version 1: pending splits (each with its serializer's version), planned IDs, the first-plan flag. */
public final class SplitBacklogSerializer<S> implements SimpleVersionedSerializer<SplitBacklog<S>> {

    private static final int VERSION = 1;

    private final SimpleVersionedSerializer<S> splits;

    public SplitBacklogSerializer(SimpleVersionedSerializer<S> splits) {
        this.splits = splits;
    }

    @Override
    public int getVersion() {
        return VERSION;
    }

    @Override
    public byte[] serialize(SplitBacklog<S> backlog) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
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
        return bytes.toByteArray();
    }

    @Override
    public SplitBacklog<S> deserialize(int version, byte[] serialized) throws IOException {
        if (version != VERSION) throw new IOException("unknown split backlog version " + version + " (this reader writes " + VERSION + ")");
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized));
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
