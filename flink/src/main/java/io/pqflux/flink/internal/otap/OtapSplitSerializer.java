package io.pqflux.flink.internal.otap;

import io.pqflux.flink.internal.source.DataSerializer;
import io.pqflux.flink.otap.OtapSplit;
import io.pqflux.otap.BatchPosition;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/** Version 1: partition, whether a position follows, its root file and end row, the planned bytes. */
public final class OtapSplitSerializer extends DataSerializer<OtapSplit> {

    private static final long serialVersionUID = 1L;

    public OtapSplitSerializer() {
        super("OTAP split", 1);
    }

    @Override
    protected void write(OtapSplit split, DataOutputStream out) throws IOException {
        out.writeUTF(split.partition());
        out.writeBoolean(split.position() != null);
        if (split.position() != null) {
            out.writeUTF(split.position().rootFile());
            out.writeLong(split.position().endRow());
        }
        out.writeLong(split.bytes());
    }

    @Override
    protected OtapSplit read(DataInputStream in) throws IOException {
        String partition = in.readUTF();
        BatchPosition position = in.readBoolean() ? new BatchPosition(partition, in.readUTF(), in.readLong()) : null;
        return new OtapSplit(partition, position, in.readLong());
    }
}
