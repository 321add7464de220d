package io.pqflux.flink.internal.tempo;

import io.pqflux.flink.internal.source.DataSerializer;
import io.pqflux.flink.tempo.TempoSplit;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.UUID;

/** Version 1: block UUID, row group, row range, records emitted, bytes. */
public final class TempoSplitSerializer extends DataSerializer<TempoSplit> {

    private static final long serialVersionUID = 1L;

    public TempoSplitSerializer() {
        super("Tempo split", 1);
    }

    @Override
    protected void write(TempoSplit split, DataOutputStream out) throws IOException {
        out.writeLong(split.block().getMostSignificantBits());
        out.writeLong(split.block().getLeastSignificantBits());
        out.writeInt(split.rowGroup());
        out.writeLong(split.firstRow());
        out.writeLong(split.endRow());
        out.writeLong(split.emitted());
        out.writeLong(split.bytes());
    }

    @Override
    protected TempoSplit read(DataInputStream in) throws IOException {
        return new TempoSplit(new UUID(in.readLong(), in.readLong()), in.readInt(), in.readLong(), in.readLong(), in.readLong(),
                in.readLong());
    }
}
