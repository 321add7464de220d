package io.pqflux.testkit.codec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.parquet.bytes.BytesInput;

/**
 * The bytes parquet-java's encoders produced, as an array. {@code BytesInput.toByteArray()} is deprecated in
 * parquet-java 1.14+; writing to a stream is the form it keeps.
 */
public final class ParquetBytes {

    private ParquetBytes() {}

    public static byte[] of(BytesInput bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.toIntExact(bytes.size()));
        try {
            bytes.writeAllTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
