package io.pqflux.internal.decode;

import io.pqflux.codec.CompressionCodec;
import io.pqflux.column.ColumnVector;
import io.pqflux.error.CorruptFileException;
import io.pqflux.error.SourceLocation;
import io.pqflux.format.meta.FieldRepetitionType;
import io.pqflux.format.meta.PhysicalType;
import io.pqflux.internal.codec.compress.Decompressor;
import io.pqflux.internal.codec.compress.Decompressors;
import io.pqflux.internal.page.ChunkBuilder;
import io.pqflux.internal.page.PageReadOptions;
import io.pqflux.internal.page.PageReader;
import io.pqflux.schema.ColumnDescriptor;
import io.pqflux.testkit.codec.ParquetBytes;
import java.io.ByteArrayOutputStream;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Random;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.column.values.ValuesWriter;
import org.apache.parquet.column.values.bitpacking.BitPackingValuesWriter;
import org.apache.parquet.column.values.rle.RunLengthBitPackingHybridEncoder;
import org.apache.parquet.column.values.rle.RunLengthBitPackingHybridValuesWriter;
import org.apache.parquet.format.Encoding;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Pages parquet-java does not write today, built with its own level and value writers: deprecated
 * BIT_PACKED levels, RLE booleans in V1 and V2 pages, all-null pages without value bytes, and encodings
 * the spec does not define for a type.
 */
class CraftedPagesTest {

    @Test
    void bitPackedDefinitionLevelsOfEveryWidth() throws Exception {
        Random random = new Random(1);
        for (int maxDef = 1; maxDef <= 7; maxDef++) {
            int[] levels = random.ints(1001, 0, maxDef + 1).toArray();
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            body.writeBytes(bytes(new BitPackingValuesWriter(maxDef, 64, 1 << 20, allocator()), levels));
            for (int level : levels) if (level == maxDef) body.writeBytes(le(level * 1000 + 7));
            byte[] chunk = new ChunkBuilder().dataPageV1(levels.length, Encoding.PLAIN, Encoding.BIT_PACKED, body.toByteArray()).bytes();
            try (ColumnVector vector = decode(column(PhysicalType.INT32, maxDef), chunk, levels.length)) {
                int value = 0;
                for (int i = 0; i < levels.length; i++) {
                    assertThat(vector.definitionLevel(i)).as("max %d entry %d", maxDef, i).isEqualTo(levels[i]);
                    if (levels[i] == maxDef) assertThat(vector.getInt(value++)).isEqualTo(maxDef * 1000 + 7);
                }
                assertThat(vector.valueCount()).isEqualTo(value);
            }
        }
    }

    @Test
    void rleBooleansInV1AndV2Pages() throws Exception {
        Random random = new Random(2);
        int[] levels = random.ints(700, 0, 2).toArray();
        boolean[] values = new boolean[700];
        int nonNull = 0;
        RunLengthBitPackingHybridValuesWriter booleans = new RunLengthBitPackingHybridValuesWriter(1, 64, 1 << 20, allocator());
        for (int level : levels) {
            if (level == 0) continue;
            // runs and noise, so both run kinds occur
            values[nonNull] = nonNull % 100 < 50 || random.nextBoolean();
            booleans.writeBoolean(values[nonNull++]);
        }
        byte[] rleValues = ParquetBytes.of(booleans.getBytes());
        ByteArrayOutputStream v1 = new ByteArrayOutputStream();
        v1.writeBytes(bytes(new RunLengthBitPackingHybridValuesWriter(1, 64, 1 << 20, allocator()), levels));
        v1.writeBytes(rleValues);
        RunLengthBitPackingHybridEncoder v2Levels = new RunLengthBitPackingHybridEncoder(1, 64, 1 << 20, allocator());
        for (int level : levels) v2Levels.writeInt(level);
        byte[] chunk = new ChunkBuilder()
                .dataPageV1(levels.length, Encoding.RLE, Encoding.RLE, v1.toByteArray())
                .dataPageV2(levels.length, levels.length - nonNull, Encoding.RLE, ParquetBytes.of(v2Levels.toBytes()), rleValues)
                .bytes();
        try (ColumnVector vector = decode(column(PhysicalType.BOOLEAN, 1), chunk, 2 * levels.length)) {
            assertThat(vector.valueCount()).isEqualTo(2 * nonNull);
            for (int i = 0; i < 2 * nonNull; i++) assertThat(vector.getBoolean(i)).as("value %d", i).isEqualTo(values[i % nonNull]);
            for (int i = 0; i < 2 * levels.length; i++) assertThat(vector.isNull(i)).isEqualTo(levels[i % levels.length] == 0);
        }
    }

    @Test
    void allNullPagesMayStoreNoValueBytesForAnyEncoding() {
        byte[] twoNulls = {0x04, 0x00};
        for (Encoding encoding : List.of(Encoding.DELTA_BINARY_PACKED, Encoding.BYTE_STREAM_SPLIT, Encoding.PLAIN)) {
            byte[] chunk = new ChunkBuilder().dataPageV2(2, 2, encoding, twoNulls, new byte[0]).bytes();
            try (ColumnVector vector = decode(column(PhysicalType.INT64, 1), chunk, 2)) {
                assertThat(vector.valueCount()).as(encoding.name()).isZero();
                assertThat(vector.isNull(0) && vector.isNull(1)).isTrue();
            }
        }
    }

    @Test
    void encodingsTheSpecDoesNotDefineForATypeAreCorrupt() {
        Object[][] forbidden = {
            {PhysicalType.DOUBLE, Encoding.DELTA_BINARY_PACKED}, {PhysicalType.INT32, Encoding.RLE},
            {PhysicalType.INT32, Encoding.BIT_PACKED}, {PhysicalType.BYTE_ARRAY, Encoding.BYTE_STREAM_SPLIT},
            {PhysicalType.INT64, Encoding.DELTA_LENGTH_BYTE_ARRAY}, {PhysicalType.INT32, Encoding.DELTA_BYTE_ARRAY},
            {PhysicalType.BOOLEAN, Encoding.BYTE_STREAM_SPLIT}, {PhysicalType.INT96, Encoding.BYTE_STREAM_SPLIT},
        };
        for (Object[] combination : forbidden) {
            PhysicalType type = (PhysicalType) combination[0];
            Encoding encoding = (Encoding) combination[1];
            byte[] chunk = new ChunkBuilder().dataPageV1(1, encoding, Encoding.RLE, new byte[16]).bytes();
            assertThatThrownBy(() -> decode(column(type, 0), chunk, 1).close())
                    .isExactlyInstanceOf(CorruptFileException.class)
                    .hasMessageContaining("value encoding " + encoding.name() + " is not defined for physical type " + type);
        }
    }

    @Test
    void aDeltaStreamHoldingFewerValuesThanThePageIsCorrupt() {
        // block 128, 4 miniblocks, 1 value (first value 5): the page has 3
        byte[] oneValue = {(byte) 0x80, 0x01, 0x04, 0x01, 0x0A};
        byte[] chunk = new ChunkBuilder().dataPageV1(3, Encoding.DELTA_BINARY_PACKED, Encoding.RLE, oneValue).bytes();
        assertThatThrownBy(() -> decode(column(PhysicalType.INT32, 0), chunk, 3).close())
                .isExactlyInstanceOf(CorruptFileException.class)
                .hasMessageContaining("DELTA_BINARY_PACKED page holds 1 values but 3 are not null");
    }

    private static ColumnVector decode(ColumnDescriptor column, byte[] chunk, long values) {
        try (Decompressor none = Decompressors.create(CompressionCodec.UNCOMPRESSED);
             PageReader pages = new PageReader(MemorySegment.ofArray(chunk), 0, CompressionCodec.UNCOMPRESSED, none, values,
                     PageReadOptions.DEFAULT, SourceLocation.ofFile("crafted.parquet"));
             ColumnChunkDecoder decoder = new ColumnChunkDecoder(column, DecodeOptions.DEFAULT, SourceLocation.ofFile("crafted.parquet"))) {
            return decoder.decode(pages, values, chunk.length);
        }
    }

    private static ColumnDescriptor column(PhysicalType type, int maxDefinitionLevel) {
        FieldRepetitionType repetition = maxDefinitionLevel == 0 ? FieldRepetitionType.REQUIRED : FieldRepetitionType.OPTIONAL;
        return new ColumnDescriptor(0, "x", List.of("x"), type, type == PhysicalType.FIXED_LEN_BYTE_ARRAY ? 4 : 0,
                repetition, maxDefinitionLevel, 0, null, null, 0, 0, List.of(repetition));
    }

    private static byte[] bytes(ValuesWriter writer, int[] values) throws Exception {
        try (writer) {
            for (int value : values) writer.writeInteger(value);
            return ParquetBytes.of(writer.getBytes());
        }
    }

    private static byte[] le(int value) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value).array();
    }

    private static HeapByteBufferAllocator allocator() {
        return HeapByteBufferAllocator.getInstance();
    }
}
