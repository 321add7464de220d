package io.pqflux.flink.internal.otap;

import io.pqflux.flink.internal.source.DataSerializer;
import io.pqflux.flink.otap.OtapSplit;
import io.pqflux.otap.BatchPosition;
import io.pqflux.otap.PartitionProgress;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Version 2: partition, whether an up-to position follows, its root file and end row, the number of root files with
 * emitted batches, each one's path and end row, the planned bytes. Version 1 (one position, the last batch emitted)
 * is read as that position's up-to progress.
 */
public final class OtapSplitSerializer extends DataSerializer<OtapSplit> {

    private static final long serialVersionUID = 1L;
    private static final int POSITION_VERSION = 1;

    public OtapSplitSerializer() {
        super("OTAP split", 2);
    }

    @Override
    protected void write(OtapSplit split, DataOutputStream out) throws IOException {
        PartitionProgress progress = split.progress();
        out.writeUTF(split.partition());
        out.writeBoolean(progress.upTo() != null);
        if (progress.upTo() != null) {
            out.writeUTF(progress.upTo().rootFile());
            out.writeLong(progress.upTo().endRow());
        }
        out.writeInt(progress.consumedRows().size());
        for (Map.Entry<String, Long> file : new TreeMap<>(progress.consumedRows()).entrySet()) {
            out.writeUTF(file.getKey());
            out.writeLong(file.getValue());
        }
        out.writeLong(split.bytes());
    }

    @Override
    protected OtapSplit read(DataInputStream in) throws IOException {
        String partition = in.readUTF();
        BatchPosition upTo = position(partition, in);
        int files = in.readInt();
        if (files < 0) throw new IOException(files + " root files in the OTAP split (corrupt state?)");
        Map<String, Long> rows = new HashMap<>();
        for (int i = 0; i < files; i++) rows.put(in.readUTF(), in.readLong());
        return new OtapSplit(partition, new PartitionProgress(partition, upTo, rows), in.readLong());
    }

    @Override
    protected OtapSplit read(int serializedVersion, DataInputStream in) throws IOException {
        if (serializedVersion != POSITION_VERSION) return super.read(serializedVersion, in);
        String partition = in.readUTF();
        BatchPosition position = position(partition, in);
        PartitionProgress progress = position == null ? PartitionProgress.none(partition) : PartitionProgress.through(position);
        return new OtapSplit(partition, progress, in.readLong());
    }

    /** Whether a position follows, then its root file and end row (both versions begin so); null when none does. */
    private static BatchPosition position(String partition, DataInputStream in) throws IOException {
        return in.readBoolean() ? new BatchPosition(partition, in.readUTF(), in.readLong()) : null;
    }
}
