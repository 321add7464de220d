package io.pqflux.flink.internal.parquet;

import io.pqflux.flink.internal.source.DataSerializer;
import io.pqflux.flink.parquet.ParquetSplit;
import io.pqflux.io.FileIdentity;
import io.pqflux.reactive.dataset.DatasetFile;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Version 2: the file (path, identity, partition values: a tag 0 null, 1 integer, 2 string before each), row group,
 * row range, records emitted, bytes. Version 1 (no identity, no partition values) was never released.
 */
public final class ParquetSplitSerializer extends DataSerializer<ParquetSplit> {

    private static final long serialVersionUID = 1L;

    public ParquetSplitSerializer() {
        super("Parquet split", 2);
    }

    @Override
    protected void write(ParquetSplit split, DataOutputStream out) throws IOException {
        DatasetFile file = split.file();
        out.writeUTF(file.path());
        out.writeUTF(file.identity().name());
        out.writeLong(file.identity().length());
        out.writeUTF(file.identity().version());
        out.writeInt(file.partitionValues().size());
        for (Map.Entry<String, Object> partition : file.partitionValues().entrySet()) {
            out.writeUTF(partition.getKey());
            switch (partition.getValue()) {
                case null -> out.writeByte(0);
                case Long number -> {
                    out.writeByte(1);
                    out.writeLong(number);
                }
                case String text -> {
                    out.writeByte(2);
                    out.writeUTF(text);
                }
                default -> throw new IOException("partition value of " + partition.getValue().getClass() + " in " + file.path());
            }
        }
        out.writeInt(split.rowGroup());
        out.writeLong(split.firstRow());
        out.writeLong(split.endRow());
        out.writeLong(split.emitted());
        out.writeLong(split.bytes());
    }

    @Override
    protected ParquetSplit read(DataInputStream in) throws IOException {
        String path = in.readUTF();
        FileIdentity identity = new FileIdentity(in.readUTF(), in.readLong(), in.readUTF());
        int partitions = in.readInt();
        if (partitions < 0) throw new IOException("negative partition count " + partitions + " in the split of " + path);
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < partitions; i++) {
            String key = in.readUTF();
            byte tag = in.readByte();
            values.put(key, switch (tag) {
                case 0 -> null;
                case 1 -> in.readLong();
                case 2 -> in.readUTF();
                default -> throw new IOException("unknown partition value tag " + tag + " in the split of " + path);
            });
        }
        return new ParquetSplit(new DatasetFile(path, identity, values), in.readInt(), in.readLong(), in.readLong(), in.readLong(),
                in.readLong());
    }
}
