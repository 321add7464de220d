package io.pqflux.flink.internal.parquet;

import io.pqflux.flink.parquet.ParquetSplit;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/** Version 1: path, row group, row range, records emitted, bytes. */
public final class ParquetSplitSerializer implements SimpleVersionedSerializer<ParquetSplit> {

    private static final int VERSION = 1;

    @Override
    public int getVersion() {
        return VERSION;
    }

    @Override
    public byte[] serialize(ParquetSplit split) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF(split.path());
            out.writeInt(split.rowGroup());
            out.writeLong(split.firstRow());
            out.writeLong(split.endRow());
            out.writeLong(split.emitted());
            out.writeLong(split.bytes());
        }
        return bytes.toByteArray();
    }

    @Override
    public ParquetSplit deserialize(int version, byte[] serialized) throws IOException {
        if (version != VERSION) throw new IOException("unknown Parquet split version " + version + " (this reader writes " + VERSION + ")");
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized));
        return new ParquetSplit(in.readUTF(), in.readInt(), in.readLong(), in.readLong(), in.readLong(), in.readLong());
    }
}
