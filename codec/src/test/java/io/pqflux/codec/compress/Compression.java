package io.pqflux.codec.compress;

import com.github.luben.zstd.Zstd;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.GZIPOutputStream;
import org.xerial.snappy.Snappy;

/** Reference compressors for the tests: the libraries' own encoders. */
final class Compression {

    private Compression() {}

    static byte[] compress(CompressionCodec codec, byte[] data) {
        try {
            return switch (codec) {
                case UNCOMPRESSED -> data.clone();
                case SNAPPY -> Snappy.compress(data);
                case ZSTD -> Zstd.compress(data, 3);
                case GZIP -> gzip(data);
                default -> throw new IllegalArgumentException(codec.name());
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write(data);
        }
        return bytes.toByteArray();
    }

    /** Half random bytes, half repetitive text, so every codec finds both literals and matches. */
    static byte[] sample(java.util.Random random, int size) {
        byte[] data = new byte[size];
        for (int i = 0; i < size; i++) {
            data[i] = i % 64 < 32 ? (byte) random.nextInt() : (byte) ("parquet".charAt(i % 7));
        }
        return data;
    }
}
