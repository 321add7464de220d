package io.pqflux.internal.codec.compress;

import io.pqflux.testkit.codec.Compression;

import io.pqflux.codec.CompressionCodec;

import com.aayushatharva.brotli4j.Brotli4jLoader;
import com.aayushatharva.brotli4j.decoder.Decoder;
import com.aayushatharva.brotli4j.encoder.Encoder;
import io.airlift.compress.v3.lz4.Lz4JavaDecompressor;
import io.airlift.compress.v3.lz4.Lz4NativeDecompressor;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;
import org.brotli.dec.BrotliInputStream;

/**
 * Decompression throughput of the codec candidates on page-sized data: a measurement to run by hand, not a
 * test. Every candidate decodes native input into native output, the reader's situation, so heap copies a
 * library forces are part of its cost. Prints MB/s of uncompressed output, best of five rounds.
 *
 * <p>Run: {@code ./mvnw -q -B -o -pl codec -am test-compile} then
 * {@code java --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow -cp <codec test classpath>
 * io.pqflux.internal.codec.compress.CodecThroughput} (see docs/codecs.md for the exact command).
 */
public final class CodecThroughput {

    private static final int PAGE = 1 << 20;
    private static final long ROUND_NANOS = 1_000_000_000L;

    private CodecThroughput() {}

    interface Candidate {
        void decompress(MemorySegment input, MemorySegment output) throws Exception;
    }

    /** Candidates whose name contains the first argument, if any, are measured. */
    private static String filter = "";

    public static void main(String[] args) throws Exception {
        if (args.length > 0) filter = args[0];
        List<byte[]> pages = pages();
        try (Arena arena = Arena.ofConfined()) {
            List<MemorySegment> raw = new ArrayList<>();
            List<MemorySegment> lz4 = new ArrayList<>();
            List<MemorySegment> brotli = new ArrayList<>();
            List<MemorySegment> snappy = new ArrayList<>();
            List<MemorySegment> zstd = new ArrayList<>();
            List<MemorySegment> gzip = new ArrayList<>();
            Brotli4jLoader.ensureAvailability();
            for (byte[] page : pages) {
                raw.add(copy(arena, page));
                lz4.add(copy(arena, LZ4Factory.fastestInstance().fastCompressor().compress(page)));
                brotli.add(copy(arena, Encoder.compress(page, new Encoder.Parameters().setQuality(5))));
                snappy.add(copy(arena, Compression.compress(CompressionCodec.SNAPPY, page)));
                zstd.add(copy(arena, Compression.compress(CompressionCodec.ZSTD, page)));
                gzip.add(copy(arena, Compression.compress(CompressionCodec.GZIP, page)));
            }
            System.out.printf("%d pages of %d bytes; compressed: lz4 %d, brotli(q5) %d, snappy %d, zstd(3) %d, gzip %d%n",
                    pages.size(), PAGE, total(lz4), total(brotli), total(snappy), total(zstd), total(gzip));
            MemorySegment output = arena.allocate(PAGE);

            LZ4SafeDecompressor lz4Jni = LZ4Factory.nativeInstance().safeDecompressor();
            LZ4SafeDecompressor lz4JavaSafe = LZ4Factory.safeInstance().safeDecompressor();
            Lz4NativeDecompressor airNative = new Lz4NativeDecompressor();
            Lz4JavaDecompressor airJava = new Lz4JavaDecompressor();
            measure("lz4 pqflux JavaLz4Block (plain Java, MemorySegment)", lz4, raw, output,
                    new JavaLz4Block()::decode);
            measure("lz4 aircompressor-v3 native (FFM, LZ4_decompress_safe)", lz4, raw, output, airNative::decompress);
            measure("lz4 aircompressor-v3 Java (sun.misc.Unsafe)", lz4, raw, output, airJava::decompress);
            measure("lz4 lz4-java JNI safe (direct ByteBuffer)", lz4, raw, output, (in, out) ->
                    lz4Jni.decompress(in.asByteBuffer(), 0, (int) in.byteSize(), out.asByteBuffer(), 0, (int) out.byteSize()));
            measure("lz4 lz4-java pure-Java safe (direct ByteBuffer)", lz4, raw, output, (in, out) ->
                    lz4JavaSafe.decompress(in.asByteBuffer(), 0, (int) in.byteSize(), out.asByteBuffer(), 0, (int) out.byteSize()));

            byte[] chunk = new byte[64 * 1024];
            measure("brotli org.brotli:dec (pure Java stream, heap chunk -> native)", brotli, raw, output, (in, out) -> {
                try (InputStream stream = new BrotliInputStream(new ByteArrayInputStream(in.toArray(ValueLayout.JAVA_BYTE)))) {
                    long at = 0;
                    for (int n = stream.read(chunk); n >= 0; n = stream.read(chunk)) {
                        MemorySegment.copy(chunk, 0, out, ValueLayout.JAVA_BYTE, at, n);
                        at += n;
                    }
                }
            });
            measure("brotli brotli4j JNI (heap byte[] in and out, copy to native)", brotli, raw, output, (in, out) -> {
                byte[] decoded = Decoder.decompress(in.toArray(ValueLayout.JAVA_BYTE)).getDecompressedData();
                MemorySegment.copy(decoded, 0, out, ValueLayout.JAVA_BYTE, 0, decoded.length);
            });

            for (CompressionCodec codec : new CompressionCodec[] {CompressionCodec.SNAPPY, CompressionCodec.ZSTD,
                    CompressionCodec.GZIP, CompressionCodec.LZ4_RAW, CompressionCodec.BROTLI}) {
                List<MemorySegment> inputs = switch (codec) {
                    case SNAPPY -> snappy;
                    case ZSTD -> zstd;
                    case GZIP -> gzip;
                    case LZ4_RAW -> lz4;
                    default -> brotli;
                };
                try (Decompressor decompressor = Decompressors.create(codec)) {
                    measure("pqflux Decompressor " + codec, inputs, raw, output, decompressor::decompress);
                }
            }
        }
    }

    /** Page-sized buffers shaped like PLAIN column data: sorted timestamps, short strings, noisy doubles, ids. */
    static List<byte[]> pages() {
        Random random = new Random(20240601);
        List<byte[]> pages = new ArrayList<>();
        ByteBuffer timestamps = ByteBuffer.allocate(PAGE).order(ByteOrder.LITTLE_ENDIAN);
        long t = 1_700_000_000_000_000L;
        while (timestamps.hasRemaining()) timestamps.putLong(t += random.nextInt(5_000_000));
        pages.add(timestamps.array());
        ByteBuffer strings = ByteBuffer.allocate(PAGE).order(ByteOrder.LITTLE_ENDIAN);
        String[] names = {"alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi"};
        String[] domains = {"example.com", "mail.test", "corp.internal"};
        while (true) {
            byte[] value = (names[random.nextInt(names.length)] + "." + random.nextInt(100_000) + "@"
                    + domains[random.nextInt(domains.length)]).getBytes(StandardCharsets.UTF_8);
            if (strings.remaining() < 4 + value.length) break;
            strings.putInt(value.length).put(value);
        }
        pages.add(strings.array());
        ByteBuffer doubles = ByteBuffer.allocate(PAGE).order(ByteOrder.LITTLE_ENDIAN);
        while (doubles.hasRemaining()) doubles.putDouble(Math.round(random.nextGaussian() * 10_000) / 100.0);
        pages.add(doubles.array());
        ByteBuffer ids = ByteBuffer.allocate(PAGE).order(ByteOrder.LITTLE_ENDIAN);
        while (ids.hasRemaining()) ids.putInt(random.nextInt(1000));
        pages.add(ids.array());
        return pages;
    }

    private static void measure(String name, List<MemorySegment> inputs, List<MemorySegment> expected,
            MemorySegment output, Candidate candidate) throws Exception {
        if (!name.contains(filter)) return;
        for (int i = 0; i < inputs.size(); i++) {
            MemorySegment out = output.asSlice(0, expected.get(i).byteSize());
            out.fill((byte) 0);
            candidate.decompress(inputs.get(i), out);
            if (out.mismatch(expected.get(i)) >= 0) throw new AssertionError(name + " decoded page " + i + " wrongly");
        }
        double best = 0;
        for (int round = 0; round < 6; round++) {
            long bytes = 0;
            long start = System.nanoTime();
            long elapsed;
            do {
                for (int i = 0; i < inputs.size(); i++) {
                    candidate.decompress(inputs.get(i), output.asSlice(0, expected.get(i).byteSize()));
                    bytes += expected.get(i).byteSize();
                }
                elapsed = System.nanoTime() - start;
            } while (elapsed < ROUND_NANOS);
            // round 0 is warm-up
            if (round > 0) best = Math.max(best, bytes / (elapsed / 1e9) / 1e6);
        }
        System.out.printf("%-70s %8.0f MB/s%n", name, best);
    }

    private static MemorySegment copy(Arena arena, byte[] bytes) {
        return arena.allocate(bytes.length).copyFrom(MemorySegment.ofArray(bytes));
    }

    private static long total(List<MemorySegment> segments) {
        return segments.stream().mapToLong(MemorySegment::byteSize).sum();
    }
}
