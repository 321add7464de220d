package io.pqflux.otap.internal.rows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORParser;
import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.pqflux.otlp.wire.ProtoWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link CborReader} duelled against Jackson's CBOR parser, which builds the same {@code AnyValue}s with protobuf-java:
 * generated values in every encoding CBOR allows for them (each head width, definite and indefinite containers, whole
 * and chunked strings, the three float widths) give the same bytes; damaged values are refused whenever Jackson
 * refuses them, and when accepted give what Jackson gives. Where the reader is stricter than Jackson (the OTAP Rust
 * decoder's rules) it says so case by case below.
 */
class CborReaderTest {

    private static final CBORFactory JACKSON = new CBORFactory();
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void generatedValuesReadAsJacksonReadsThem() throws Exception {
        Random random = new Random(20261129);
        for (int i = 0; i < 4_000; i++) {
            boolean map = random.nextBoolean();
            byte[] cbor = new Cbor(random).container(map, 0);
            byte[] expected = jackson(cbor, map).toByteArray();
            assertThat(read(cbor, map, random)).as("%s", HEX.formatHex(cbor)).isEqualTo(expected);
        }
    }

    @Test
    void damagedValuesAreRefusedWhereJacksonRefusesThem() throws IOException {
        Random random = new Random(7);
        int bothRead = 0, bothRefused = 0;
        for (int i = 0; i < 20_000; i++) {
            boolean map = random.nextBoolean();
            byte[] cbor = damage(new Cbor(random).container(map, 0), random);
            AnyValue oracle;
            try {
                oracle = jackson(cbor, map);
            } catch (IOException | RuntimeException e) {
                oracle = null;
            }
            byte[] ours;
            try {
                ours = read(cbor, map, random);
            } catch (CborReader.MalformedCborException e) {
                ours = null;
            }
            if (ours == null) {
                // Jackson may have read it: the reader is stricter (see whatTheRustDecoderRefusesIsRefused)
                if (oracle == null) bothRefused++;
                continue;
            }
            assertThat(oracle).as("Jackson refuses %s, which was read", HEX.formatHex(cbor)).isNotNull();
            // equals compares doubles by doubleToLongBits: a half NaN's payload, which Jackson drops, does not count
            assertThat(AnyValue.parseFrom(ours)).as("%s", HEX.formatHex(cbor)).isEqualTo(oracle);
            bothRead++;
        }
        assertThat(bothRead).isGreaterThan(500);
        assertThat(bothRefused).isGreaterThan(10_000);
    }

    @Test
    void whatTheRustDecoderRefusesIsRefused() {
        // an integer key, which Jackson reads as the text "1"
        assertRefused("bf01f5ff", true, "byte 1: a map key is an unsigned integer, not text");
        // a simple value other than false, true, null and undefined, which Jackson reads as an integer
        assertRefused("9ff0ff", false, "byte 1: the CBOR simple value 16 is not an AnyValue");
        assertRefused("9ff820ff", false, "byte 1: the CBOR simple value 32 is not an AnyValue");
        // text that is not UTF-8: an overlong NUL, an encoded surrogate, a code point past U+10FFFF, a stray continuation
        assertRefused("9f62c080ff", false, "byte 2: text that is not UTF-8 (byte 0xc0)");
        assertRefused("9f63eda080ff", false, "byte 2: text that is not UTF-8 (byte 0xed)");
        assertRefused("9f64f4908080ff", false, "byte 2: text that is not UTF-8 (byte 0xf4)");
        assertRefused("9f6180ff", false, "byte 2: text that is not UTF-8 (byte 0x80)");
        assertRefused("9f61c3ff", false, "byte 2: text that is not UTF-8 (byte 0xc3)");
        // a character split between two chunks of a text string
        assertRefused("9f7f61c36181ffff", false, "byte 3: text that is not UTF-8 (byte 0xc3)");
        // tags, integers past 64 bits
        assertRefused("9fc11a00000001ff", false, "byte 1: a CBOR tag (1)");
        assertRefused("c2bfff", true, "byte 0: a tag where a map belongs");
        assertRefused("9f1b8000000000000000ff", false, "byte 1: integer 9223372036854775808 does not fit 64 bits");
        assertRefused("9f3b8000000000000000ff", false, "byte 1: integer -1-9223372036854775808 does not fit 64 bits");
    }

    @Test
    void malformedStructureIsRefusedWithTheByteItStartsAt() {
        assertRefused("", true, "byte 0: the value ends early");
        assertRefused("9f", false, "byte 1: the value ends early");
        assertRefused("bf6161ff", true, "byte 3: a break where a value belongs");
        assertRefused("8101ff", false, "byte 2: 1 bytes follow the value");
        assertRefused("9f1c", false, "byte 1: reserved additional information 28");
        assertRefused("9f1f", false, "byte 1: an unsigned integer of indefinite length");
        assertRefused("9f5f6161ffff", false, "byte 2: a text string inside an indefinite-length byte string, which holds only whole ones");
        assertRefused("9f1a0000", false, "byte 2: the value ends early");
        assertRefused("9f65616263ff", false, "byte 1: a string of 5 bytes where 4 remain");
        // a count no input could hold is refused before anything is read or allocated
        assertRefused("9bffffffffffffffff", false, "byte 0: a container of 18446744073709551615 items in 0 bytes");
        assertRefused("ba7fffffff00", true, "byte 0: a container of 2147483647 items in 1 bytes");
        assertRefused("a1", true, "byte 0: a container of 1 items in 0 bytes");
    }

    @Test
    void nestingStopsAtSixtyFourLevelsBelowTheValue() throws Exception {
        byte[] deepest = new byte[65];
        Arrays.fill(deepest, (byte) 0x81);
        deepest[64] = (byte) 0x80;
        // as bytes: protobuf-java parses messages 100 deep at most, two per level here
        assertThat(read(deepest, false, new Random(1))).isEqualTo(jackson(deepest, false).toByteArray());
        byte[] tooDeep = Arrays.copyOf(deepest, 66);
        tooDeep[64] = (byte) 0x81;
        tooDeep[65] = (byte) 0x80;
        assertRefused(HEX.formatHex(tooDeep), false, "byte 65: nests deeper than 64 levels");
    }

    @Test
    void undefinedIsTheEmptyValueAndAHalfNanKeepsItsSign() throws Exception {
        assertThat(AnyValue.parseFrom(read(HEX.parseHex("9ff7f6ff"), false, new Random(1))))
                .isEqualTo(AnyValue.newBuilder().setArrayValue(ArrayValue.newBuilder()
                        .addValues(AnyValue.getDefaultInstance()).addValues(AnyValue.getDefaultInstance())).build());
        AnyValue negativeNan = AnyValue.parseFrom(read(HEX.parseHex("81f9fe00"), false, new Random(1)));
        assertThat(Double.doubleToRawLongBits(negativeNan.getArrayValue().getValues(0).getDoubleValue()))
                .isEqualTo(0xfff8_0000_0000_0000L);
    }

    // ---- the two readers

    /** The reader under test, on the value placed amid other bytes of a larger store. */
    private static byte[] read(byte[] cbor, boolean map, Random random) throws CborReader.MalformedCborException {
        int before = random.nextInt(8), after = random.nextInt(8);
        byte[] store = new byte[before + cbor.length + after];
        random.nextBytes(store);
        System.arraycopy(cbor, 0, store, before, cbor.length);
        ProtoWriter out = new ProtoWriter(16);
        new CborReader().write(MemorySegment.ofArray(store), before, cbor.length, map, out);
        return out.toByteArray();
    }

    private static void assertRefused(String hex, boolean map, String message) {
        assertThatThrownBy(() -> read(HEX.parseHex(hex), map, new Random(1)))
                .isInstanceOf(CborReader.MalformedCborException.class).hasMessage(message);
    }

    /** Jackson's parser, checked as the Rust decoder checks (tags, 64-bit integers, depth), into protobuf-java objects. */
    private static AnyValue jackson(byte[] cbor, boolean map) throws IOException {
        try (CBORParser parser = JACKSON.createParser(cbor)) {
            if (parser.nextToken() != (map ? JsonToken.START_OBJECT : JsonToken.START_ARRAY)) {
                throw new IOException("not a " + (map ? "map" : "array"));
            }
            AnyValue value = jacksonValue(parser, 0);
            if (parser.nextToken() != null) throw new IOException("bytes after the value");
            return value;
        }
    }

    private static AnyValue jacksonValue(CBORParser parser, int depth) throws IOException {
        if (depth > CborReader.MAX_DEPTH) throw new IOException("too deep");
        if (parser.getCurrentTag() != -1) throw new IOException("a tag");
        AnyValue.Builder value = AnyValue.newBuilder();
        switch (parser.currentToken()) {
            case START_OBJECT -> {
                KeyValueList.Builder list = KeyValueList.newBuilder();
                while (parser.nextToken() != JsonToken.END_OBJECT) {
                    String key = parser.currentName();
                    parser.nextToken();
                    list.addValues(KeyValue.newBuilder().setKey(key).setValue(jacksonValue(parser, depth + 1)));
                }
                value.setKvlistValue(list);
            }
            case START_ARRAY -> {
                ArrayValue.Builder array = ArrayValue.newBuilder();
                while (parser.nextToken() != JsonToken.END_ARRAY) array.addValues(jacksonValue(parser, depth + 1));
                value.setArrayValue(array);
            }
            case VALUE_STRING -> value.setStringValue(parser.getText());
            case VALUE_NUMBER_INT -> {
                if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) throw new IOException("past 64 bits");
                value.setIntValue(parser.getLongValue());
            }
            case VALUE_NUMBER_FLOAT -> value.setDoubleValue(parser.getDoubleValue());
            case VALUE_TRUE, VALUE_FALSE -> value.setBoolValue(parser.getBooleanValue());
            case VALUE_EMBEDDED_OBJECT -> value.setBytesValue(ByteString.copyFrom(parser.getBinaryValue()));
            case VALUE_NULL -> { }
            default -> throw new IOException("unexpected " + parser.currentToken());
        }
        return value.build();
    }

    // ---- inputs

    /** One to three bytes changed, inserted, removed, or the value cut short. */
    private static byte[] damage(byte[] cbor, Random random) {
        byte[] damaged = cbor;
        for (int n = 1 + random.nextInt(3); n > 0; n--) {
            int at = damaged.length == 0 ? 0 : random.nextInt(damaged.length);
            damaged = switch (random.nextInt(4)) {
                case 0 -> {
                    byte[] changed = damaged.clone();
                    if (changed.length > 0) changed[at] = (byte) random.nextInt(256);
                    yield changed;
                }
                case 1 -> {
                    byte[] longer = new byte[damaged.length + 1];
                    System.arraycopy(damaged, 0, longer, 0, at);
                    longer[at] = (byte) random.nextInt(256);
                    System.arraycopy(damaged, at, longer, at + 1, damaged.length - at);
                    yield longer;
                }
                case 2 -> {
                    if (damaged.length == 0) yield damaged;
                    byte[] shorter = new byte[damaged.length - 1];
                    System.arraycopy(damaged, 0, shorter, 0, at);
                    System.arraycopy(damaged, at + 1, shorter, at, damaged.length - at - 1);
                    yield shorter;
                }
                default -> Arrays.copyOf(damaged, at);
            };
        }
        return damaged;
    }

    /** Random CBOR of AnyValues in every encoding the format allows them. */
    private static final class Cbor {
        private static final int[] CODE_POINTS = {'a', 'Z', '0', ' ', 0, 0x7F, 0xE9, 0x7FF, 0x800, 0x20AC, 0x4E2D, 0xFFFD,
            0xFFFF, 0x10000, 0x1F600, 0x10FFFF};
        private final Random random;
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Cbor(Random random) {
            this.random = random;
        }

        byte[] container(boolean map, int depth) {
            if (map) map(depth);
            else array(depth);
            return out.toByteArray();
        }

        private void value(int depth) {
            switch (random.nextInt(depth < 4 ? 12 : 10)) {
                case 0 -> head(0, random.nextLong() >>> (1 + random.nextInt(63)));
                case 1 -> head(1, random.nextLong() >>> (1 + random.nextInt(63)));
                case 2 -> {
                    short half;
                    do {
                        half = (short) random.nextInt(0x10000);
                    } while ((half & 0x7C00) == 0x7C00 && (half & 0x3FF) != 0); // Jackson drops a NaN's sign and payload
                    out.write(0xF9);
                    bigEndian(half & 0xFFFF, 2);
                }
                case 3 -> {
                    out.write(0xFA);
                    bigEndian(Float.floatToIntBits(random.nextFloat() * random.nextInt(1 << 20) - 1000), 4);
                }
                case 4 -> {
                    out.write(0xFB);
                    bigEndian(Double.doubleToLongBits(random.nextGaussian() * Math.pow(10, random.nextInt(40) - 20)), 8);
                }
                case 5 -> out.write(random.nextBoolean() ? 0xF5 : 0xF4);
                case 6 -> out.write(random.nextBoolean() ? 0xF6 : 0xF7);
                case 7 -> string(2, randomBytes());
                case 8, 9 -> string(3, text());
                case 10 -> array(depth + 1);
                default -> map(depth + 1);
            }
        }

        private void array(int depth) {
            int count = random.nextInt(5);
            boolean indefinite = random.nextBoolean();
            if (indefinite) out.write(0x9F);
            else head(4, count);
            for (int i = 0; i < count; i++) value(depth);
            if (indefinite) out.write(0xFF);
        }

        private void map(int depth) {
            int count = random.nextInt(5);
            boolean indefinite = random.nextBoolean();
            if (indefinite) out.write(0xBF);
            else head(5, count);
            for (int i = 0; i < count; i++) {
                string(3, text());
                value(depth);
            }
            if (indefinite) out.write(0xFF);
        }

        /** A string whole, or in chunks (text split between characters), each head of any width that holds its length. */
        private void string(int major, byte[] bytes) {
            if (random.nextInt(4) != 0) {
                head(major, bytes.length);
                out.writeBytes(bytes);
                return;
            }
            out.write(major << 5 | 31);
            int from = 0;
            while (from < bytes.length) {
                int to = Math.min(bytes.length, from + random.nextInt(6));
                while (major == 3 && to < bytes.length && (bytes[to] & 0xC0) == 0x80) to++;
                head(major, to - from);
                out.write(bytes, from, to - from);
                from = to;
            }
            if (random.nextBoolean()) head(major, 0); // an empty chunk
            out.write(0xFF);
        }

        /** The head of an item: its argument in the shortest width or, one time in four, a wider one. */
        private void head(int major, long argument) {
            int shortest = argument < 24 && argument >= 0 ? 0 : Long.compareUnsigned(argument, 0xFF) <= 0 ? 1
                    : Long.compareUnsigned(argument, 0xFFFF) <= 0 ? 2 : Long.compareUnsigned(argument, 0xFFFF_FFFFL) <= 0 ? 3 : 4;
            int width = random.nextInt(4) == 0 ? shortest + random.nextInt(5 - shortest) : shortest;
            if (width == 0) {
                out.write(major << 5 | (int) argument);
            } else {
                out.write(major << 5 | (23 + width));
                bigEndian(argument, 1 << (width - 1));
            }
        }

        private void bigEndian(long value, int bytes) {
            for (int i = bytes - 1; i >= 0; i--) out.write((int) (value >>> (8 * i)));
        }

        private byte[] randomBytes() {
            byte[] bytes = new byte[random.nextInt(12)];
            random.nextBytes(bytes);
            return bytes;
        }

        private byte[] text() {
            StringBuilder text = new StringBuilder();
            for (int n = random.nextInt(10); n > 0; n--) {
                text.appendCodePoint(random.nextInt(3) == 0 ? CODE_POINTS[random.nextInt(CODE_POINTS.length)]
                        : 'a' + random.nextInt(26));
            }
            return text.toString().getBytes(StandardCharsets.UTF_8);
        }
    }
}
