package io.pqflux.reader;

import static org.assertj.core.api.Assertions.assertThat;

import io.pqflux.column.ColumnVector;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ColumnVector#getBytePrefix} and {@link ColumnVector#getByteLength} against the bytes of each value
 * ({@link ColumnVector#getByteArray}): binary values of every length from 0 to 16 (the prefix zero-padded below
 * eight, big-endian), plain and dictionary-encoded (lengths 0 to 16 too), a fixed-length column of 5 and INT96.
 */
class BytePrefixTest {

    private static final MessageType SCHEMA = MessageTypeParser.parseMessageType(
            "message m { required binary plain; required binary repeated_values; required fixed_len_byte_array(5) fixed;"
                    + " required int96 time; }");

    @TempDir
    Path dir;

    @Test
    void prefixesAndLengthsAreThoseOfTheValuesBytes() throws Exception {
        SplittableRandom random = new SplittableRandom(0xb17e);
        List<byte[]> plain = new ArrayList<>();
        List<byte[]> dictionary = new ArrayList<>();
        for (int length : new int[] {0, 3, 7, 8, 9, 12, 16}) {
            byte[] value = new byte[length];
            random.nextBytes(value);
            dictionary.add(value);
        }
        Path file = dir.resolve("prefix.parquet");
        SimpleGroupFactory groups = new SimpleGroupFactory(SCHEMA);
        try (ParquetWriter<Group> writer = ParquetJavaWriters.builder(file, SCHEMA).withDictionaryEncoding("plain", false)
                .withDictionaryEncoding("repeated_values", true).build()) {
            for (int i = 0; i < 2_000; i++) {
                byte[] value = new byte[i % 17];
                random.nextBytes(value);
                plain.add(value);
                byte[] fixed = new byte[5];
                random.nextBytes(fixed);
                byte[] time = new byte[12];
                random.nextBytes(time);
                writer.write(groups.newGroup().append("plain", Binary.fromConstantByteArray(value))
                        .append("repeated_values", Binary.fromConstantByteArray(dictionary.get(i % 7)))
                        .append("fixed", Binary.fromConstantByteArray(fixed))
                        .append("time", Binary.fromConstantByteArray(time)));
            }
        }
        int checked = 0;
        try (ParquetReader reader = ParquetReader.open(file)) {
            for (int g = 0; g < reader.rowGroupCount(); g++) {
                try (RowGroupBatch batch = reader.readRowGroup(g)) {
                    for (ColumnVector vector : batch.columns()) {
                        for (int v = 0; v < vector.valueCount(); v++) {
                            byte[] bytes = vector.getByteArray(v);
                            assertThat(vector.getByteLength(v)).isEqualTo(bytes.length);
                            assertThat(vector.getBytePrefix(v)).as("%s value %d", vector.column().dottedPath(), v)
                                    .isEqualTo(prefix(bytes));
                            checked++;
                        }
                    }
                    assertThat(batch.columns().get(1).isDictionaryEncoded()).isTrue();
                }
            }
        }
        assertThat(checked).isEqualTo(4 * 2_000);
    }

    /** The reference: the first eight bytes, big-endian, zero-padded on the right. */
    private static long prefix(byte[] bytes) {
        long prefix = 0;
        for (int i = 0; i < 8; i++) prefix = prefix << 8 | (i < bytes.length ? bytes[i] & 0xff : 0);
        return prefix;
    }
}
