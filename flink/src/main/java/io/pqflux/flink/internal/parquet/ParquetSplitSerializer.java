package io.pqflux.flink.internal.parquet;

import io.pqflux.flink.internal.source.DataSerializer;
import io.pqflux.flink.parquet.ParquetSplit;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/** Version 1: path, row group, row range, records emitted, bytes. */
public final class ParquetSplitSerializer extends DataSerializer<ParquetSplit> {

    private static final long serialVersionUID = 1L;

    public ParquetSplitSerializer() {
        super("Parquet split", 1);
    }

    @Override
    protected void write(ParquetSplit split, DataOutputStream out) throws IOException {
        out.writeUTF(split.path());
        out.writeInt(split.rowGroup());
        out.writeLong(split.firstRow());
        out.writeLong(split.endRow());
        out.writeLong(split.emitted());
        out.writeLong(split.bytes());
    }

    @Override
    protected ParquetSplit read(DataInputStream in) throws IOException {
        return new ParquetSplit(in.readUTF(), in.readInt(), in.readLong(), in.readLong(), in.readLong(), in.readLong());
    }
}
