package io.pqflux.reader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.apache.parquet.column.ParquetProperties.WriterVersion;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

/**
 * A flat file written by parquet-java for filter tests: every kind of column, several row groups of many small
 * pages (column and offset indexes are on by default), dictionaries, bloom filters on some columns, nulls,
 * NaNs and signed zeros. {@code id} is the row number, so it is sorted and pages prune well on it.
 */
final class FilterTestFile {

    static final MessageType SCHEMA = MessageTypeParser.parseMessageType("""
            message filtered {
              required int64 id;
              optional int32 small (INTEGER(8,true));
              optional int32 u (INTEGER(32,false));
              optional int64 u64 (INTEGER(64,false));
              optional binary name (STRING);
              optional binary code (STRING);
              optional double score;
              optional float ratio;
              optional int32 day (DATE);
              optional int64 ts (TIMESTAMP(MICROS,true));
              optional int64 price (DECIMAL(12,2));
              optional fixed_len_byte_array(6) amount (DECIMAL(12,3));
              optional binary big (DECIMAL(30,4));
              optional boolean flag;
              optional fixed_len_byte_array(2) half (FLOAT16);
              optional fixed_len_byte_array(16) uid (UUID);
            }
            """);

    static final String[] NAMES = {"alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa",
            "lambda", "mu", "nu", "xi", "omicron", "pi", "rho", "sigma", "tau", "upsilon", "phi", "chi", "psi", "omega",
            "", "Ä", "\u00ff", "ab", "a", "b"};

    private FilterTestFile() {
    }

    /** Writes {@code rows} rows in row groups of {@code rowsPerGroup}, pages of at most 100 rows. */
    static Path write(Path path, int rows, int rowsPerGroup, WriterVersion version, boolean dictionary, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        SimpleGroupFactory groups = new SimpleGroupFactory(SCHEMA);
        try (ParquetWriter<Group> writer = ParquetJavaWriters.builder(path, SCHEMA)
                .withCompressionCodec(CompressionCodecName.SNAPPY)
                .withWriterVersion(version)
                .withDictionaryEncoding(dictionary)
                .withDictionaryEncoding("code", false)
                .withPageSize(1024)
                .withPageRowCountLimit(100)
                .withRowGroupRowCountLimit(rowsPerGroup)
                .withBloomFilterEnabled("code", true)
                .withBloomFilterEnabled("u", true)
                .withBloomFilterEnabled("score", true)
                .withBloomFilterEnabled("uid", true)
                .build()) {
            for (int i = 0; i < rows; i++) writer.write(row(groups.newGroup(), i, random));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return path;
    }

    private static Group row(Group g, int i, SplittableRandom random) {
        g.append("id", (long) i);
        if (random.nextInt(10) != 0) g.append("small", random.nextInt(-20, 21));
        if (random.nextInt(20) != 0) g.append("u", random.nextInt());
        if (random.nextInt(20) != 0) g.append("u64", random.nextLong());
        // names change slowly, so row groups and pages hold few of them
        if (random.nextInt(10) != 0) g.append("name", NAMES[(i / 700 + random.nextInt(3)) % NAMES.length]);
        if (random.nextInt(10) != 0) g.append("code", "code-" + random.nextInt(1_000_000));
        if (random.nextInt(20) != 0) g.append("score", score(random));
        if (random.nextInt(20) != 0) g.append("ratio", (float) score(random));
        if (random.nextInt(10) != 0) g.append("day", 18_000 + i / 50);
        if (random.nextInt(10) != 0) g.append("ts", 1_700_000_000_000_000L + random.nextLong(-1L << 40, 1L << 40));
        if (random.nextInt(10) != 0) g.append("price", random.nextLong(-100_000, 100_000));
        if (random.nextInt(10) != 0) g.append("amount", Binary.fromConstantByteArray(signed(random.nextLong(-1L << 40, 1L << 40), 6)));
        if (random.nextInt(10) != 0) g.append("big", Binary.fromConstantByteArray(
                java.math.BigInteger.valueOf(random.nextLong()).multiply(java.math.BigInteger.valueOf(random.nextInt(1, 1000)))
                        .toByteArray()));
        if (random.nextInt(10) != 0) g.append("flag", i % 1000 < 300 || random.nextBoolean());
        if (random.nextInt(10) != 0) g.append("half", Binary.fromConstantByteArray(half((float) score(random))));
        if (random.nextInt(10) != 0) {
            g.append("uid", Binary.fromConstantByteArray(ByteBuffer.allocate(16).putLong(random.nextLong())
                    .putLong(random.nextInt(4)).array()));
        }
        return g;
    }

    /** Mostly normal numbers, sometimes NaN or a zero of either sign. */
    private static double score(SplittableRandom random) {
        return switch (random.nextInt(40)) {
            case 0 -> Double.NaN;
            case 1 -> -0.0;
            case 2 -> 0.0;
            default -> Math.round(random.nextGaussian() * 1000) / 8.0;
        };
    }

    private static byte[] half(float value) {
        return ByteBuffer.allocate(2).order(ByteOrder.LITTLE_ENDIAN).putShort(Float.floatToFloat16(value)).array();
    }

    private static byte[] signed(long value, int length) {
        byte[] out = new byte[length];
        for (int k = length - 1; k >= 0; k--) {
            out[k] = (byte) value;
            value >>= 8;
        }
        return out;
    }
}
