package io.pqflux.flink.internal.otap;

import io.pqflux.flink.otap.OtapSplit;
import io.pqflux.otap.BatchPosition;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/** Version 1: partition, whether a position follows, its root file and end row, the planned bytes. */
public final class OtapSplitSerializer implements SimpleVersionedSerializer<OtapSplit> {

    private static final int VERSION = 1;

    @Override
    public int getVersion() {
        return VERSION;
    }

    @Override
    public byte[] serialize(OtapSplit split) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF(split.partition());
            out.writeBoolean(split.position() != null);
            if (split.position() != null) {
                out.writeUTF(split.position().rootFile());
                out.writeLong(split.position().endRow());
            }
            out.writeLong(split.bytes());
        }
        return bytes.toByteArray();
    }

    @Override
    public OtapSplit deserialize(int version, byte[] serialized) throws IOException {
        if (version != VERSION) throw new IOException("unknown OTAP split version " + version + " (this reader writes " + VERSION + ")");
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized));
        String partition = in.readUTF();
        BatchPosition position = in.readBoolean() ? new BatchPosition(partition, in.readUTF(), in.readLong()) : null;
        return new OtapSplit(partition, position, in.readLong());
    }
}
