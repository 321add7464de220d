package io.pqflux.flink.internal.source;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.Serializable;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * A versioned serializer over {@code DataOutput}: a subclass writes and reads one value (and may read its older
 * versions); a version it does not know fails naming what was being read.
 */
public abstract class DataSerializer<T> implements SimpleVersionedSerializer<T>, Serializable {

    private static final long serialVersionUID = 1L;

    private final String what;
    private final int version;

    protected DataSerializer(String what, int version) {
        this.what = what;
        this.version = version;
    }

    protected abstract void write(T value, DataOutputStream out) throws IOException;

    protected abstract T read(DataInputStream in) throws IOException;

    /** Reads a value of {@code serializedVersion}: this version's {@link #read(DataInputStream)}; others fail. */
    protected T read(int serializedVersion, DataInputStream in) throws IOException {
        if (serializedVersion != version) {
            throw new IOException("unknown " + what + " version " + serializedVersion + " (this reader writes " + version + ")");
        }
        return read(in);
    }

    @Override
    public final int getVersion() {
        return version;
    }

    @Override
    public final byte[] serialize(T value) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            write(value, out);
        }
        return bytes.toByteArray();
    }

    @Override
    public final T deserialize(int serializedVersion, byte[] serialized) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized));
        T value = read(serializedVersion, in);
        if (in.available() > 0) throw new IOException(in.available() + " bytes after the " + what + " (corrupt state?)");
        return value;
    }
}
