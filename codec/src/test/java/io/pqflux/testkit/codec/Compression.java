package io.pqflux.testkit.codec;

import io.pqflux.codec.CompressionCodec;

import com.aayushatharva.brotli4j.Brotli4jLoader;
import com.aayushatharva.brotli4j.encoder.Encoder;
import com.github.luben.zstd.Zstd;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import net.jpountz.lz4.LZ4Factory;
import org.xerial.snappy.Snappy;

/** Reference compressors for the tests (also reader-core's, through the test-jar): the libraries' own encoders. */
public final class Compression {

    private Compression() {}

    public static byte[] compress(CompressionCodec codec, byte[] data) {
        try {
            return switch (codec) {
                case UNCOMPRESSED -> data.clone();
                case SNAPPY -> Snappy.compress(data);
                case ZSTD -> Zstd.compress(data, 3);
                case GZIP -> gzip(data);
                case LZ4_RAW -> lz4Block(data);
                case LZ4 -> hadoopLz4(data, 64 * 1024);
                case BROTLI -> brotli(data);
                default -> throw new IllegalArgumentException(codec.name());
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write(data);
        }
        return bytes.toByteArray();
    }

    public static byte[] lz4Block(byte[] data) {
        return LZ4Factory.fastestInstance().fastCompressor().compress(data);
    }

    /**
     * Hadoop's LZ4 framing as parquet-java wrote it: per frame of up to {@code frameSize} input bytes, the
     * big-endian uncompressed and compressed lengths and one LZ4 block.
     */
    public static byte[] hadoopLz4(byte[] data, int frameSize) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = 0;
        do {
            byte[] frame = Arrays.copyOfRange(data, at, Math.min(data.length, at + frameSize));
            byte[] block = lz4Block(frame);
            out.writeBytes(ByteBuffer.allocate(8).putInt(frame.length).putInt(block.length).array());
            out.writeBytes(block);
            at += frame.length;
        } while (at < data.length);
        return out.toByteArray();
    }

    public static byte[] brotli(byte[] data) throws IOException {
        Brotli4jLoader.ensureAvailability();
        return Encoder.compress(data);
    }

    /** Half random bytes, half repetitive text, so every codec finds both literals and matches. */
    public static byte[] sample(java.util.Random random, int size) {
        byte[] data = new byte[size];
        for (int i = 0; i < size; i++) {
            data[i] = i % 64 < 32 ? (byte) random.nextInt() : (byte) ("parquet".charAt(i % 7));
        }
        return data;
    }
}
