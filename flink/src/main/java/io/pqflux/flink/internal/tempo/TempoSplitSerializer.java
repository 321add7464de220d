package io.pqflux.flink.internal.tempo;

import io.pqflux.flink.tempo.TempoSplit;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.UUID;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/** Version 1: block UUID, row group, row range, records emitted, bytes. */
public final class TempoSplitSerializer implements SimpleVersionedSerializer<TempoSplit> {

    private static final int VERSION = 1;

    @Override
    public int getVersion() {
        return VERSION;
    }

    @Override
    public byte[] serialize(TempoSplit split) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeLong(split.block().getMostSignificantBits());
            out.writeLong(split.block().getLeastSignificantBits());
            out.writeInt(split.rowGroup());
            out.writeLong(split.firstRow());
            out.writeLong(split.endRow());
            out.writeLong(split.emitted());
            out.writeLong(split.bytes());
        }
        return bytes.toByteArray();
    }

    @Override
    public TempoSplit deserialize(int version, byte[] serialized) throws IOException {
        if (version != VERSION) throw new IOException("unknown Tempo split version " + version + " (this reader writes " + VERSION + ")");
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized));
        return new TempoSplit(new UUID(in.readLong(), in.readLong()), in.readInt(), in.readLong(), in.readLong(), in.readLong(),
                in.readLong());
    }
}
