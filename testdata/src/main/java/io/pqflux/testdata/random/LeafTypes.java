package io.pqflux.testdata.random;

import static org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit.MICROS;
import static org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit.MILLIS;
import static org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit.NANOS;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

/**
 * Every primitive column type parquet-java can write — each physical type bare and under each logical
 * type it allows — with values that respect the type (decimal precision, time-of-day ranges, int widths)
 * and lean on edge cases (extremes, signed zeros, NaN payloads, empty and multi-byte strings).
 */
final class LeafTypes {

    private static final TimeUnit[] UNITS = {MILLIS, MICROS, NANOS};
    private static final String[] ENUM_NAMES = {"RED", "GREEN", "BLUE", "", "CYAN_WITH_A_LONG_NAME"};
    private static final int[] ALPHABET = "abcxyzABC019 _-/\"\\\té中😀".codePoints().toArray();
    private static final int[] FLOAT_EDGES = {0x00000000, 0x80000000, 0x7fc00000, 0x7fc00001, 0xffc00000, 0x7f800001,
            0x7f800000, 0xff800000, 0x00000001, 0x7f7fffff, 0xff7fffff};
    private static final long[] DOUBLE_EDGES = {0L, 0x8000000000000000L, 0x7ff8000000000000L, 0x7ff8000000000001L,
            0xfff8000000000000L, 0x7ff0000000000001L, 0x7ff0000000000000L, 0xfff0000000000000L, 1L,
            0x7fefffffffffffffL, 0xffefffffffffffffL};

    private LeafTypes() {
    }

    /** Any type, for a leaf anywhere in the schema. */
    static LeafType any(SplittableRandom r) {
        return switch (r.nextInt(10)) {
            case 0 -> new LeafType(PrimitiveTypeName.BOOLEAN, 0, null, LeafTypes::bool);
            case 1 -> int32(r);
            case 2 -> int64(r);
            case 3 -> new LeafType(PrimitiveTypeName.INT96, 0, null, x -> bytes(x, 12));
            case 4 -> r.nextBoolean()
                    ? new LeafType(PrimitiveTypeName.FLOAT, 0, null, x -> Float.intBitsToFloat(floatBits(x)))
                    : new LeafType(PrimitiveTypeName.DOUBLE, 0, null, x -> Double.longBitsToDouble(doubleBits(x)));
            case 5, 6 -> binary(r);
            case 7 -> fixed(r);
            case 8 -> decimal(r);
            default -> r.nextInt(4) == 0
                    ? new LeafType(PrimitiveTypeName.INT32, 0, LogicalTypeAnnotation.unknownType(), x -> null, true)
                    : binary(r);
        };
    }

    /** A type fit for a map key: never null, comparable. */
    static LeafType key(SplittableRandom r) {
        return switch (r.nextInt(3)) {
            case 0 -> new LeafType(PrimitiveTypeName.BINARY, 0, LogicalTypeAnnotation.stringType(), LeafTypes::string);
            case 1 -> int32(r);
            default -> int64(r);
        };
    }

    private static LeafType int32(SplittableRandom r) {
        return switch (r.nextInt(6)) {
            case 0 -> new LeafType(PrimitiveTypeName.INT32, 0, null, LeafTypes::anyInt);
            case 1 -> {
                int bits = 8 << r.nextInt(3);
                boolean signed = r.nextBoolean();
                yield new LeafType(PrimitiveTypeName.INT32, 0, LogicalTypeAnnotation.intType(bits, signed),
                        x -> intOfWidth(x, bits, signed));
            }
            case 2 -> new LeafType(PrimitiveTypeName.INT32, 0, LogicalTypeAnnotation.dateType(), LeafTypes::anyInt);
            case 3 -> new LeafType(PrimitiveTypeName.INT32, 0, LogicalTypeAnnotation.timeType(r.nextBoolean(), MILLIS),
                    x -> (int) timeOfDay(x, MILLIS));
            case 4 -> {
                int precision = 1 + r.nextInt(9);
                yield decimalOn(PrimitiveTypeName.INT32, 0, precision, r,
                        x -> unscaled(x, precision).intValueExact());
            }
            default -> new LeafType(PrimitiveTypeName.INT32, 0, null, x -> x.nextInt(-50, 50));
        };
    }

    private static LeafType int64(SplittableRandom r) {
        return switch (r.nextInt(5)) {
            case 0 -> new LeafType(PrimitiveTypeName.INT64, 0, null, LeafTypes::anyLong);
            case 1 -> new LeafType(PrimitiveTypeName.INT64, 0, LogicalTypeAnnotation.intType(64, r.nextBoolean()),
                    LeafTypes::anyLong);
            case 2 -> {
                TimeUnit unit = r.nextBoolean() ? MICROS : NANOS;
                yield new LeafType(PrimitiveTypeName.INT64, 0, LogicalTypeAnnotation.timeType(r.nextBoolean(), unit),
                        x -> timeOfDay(x, unit));
            }
            case 3 -> new LeafType(PrimitiveTypeName.INT64, 0,
                    LogicalTypeAnnotation.timestampType(r.nextBoolean(), UNITS[r.nextInt(3)]), LeafTypes::anyLong);
            default -> {
                int precision = 1 + r.nextInt(18);
                yield decimalOn(PrimitiveTypeName.INT64, 0, precision, r,
                        x -> unscaled(x, precision).longValueExact());
            }
        };
    }

    private static LeafType binary(SplittableRandom r) {
        return switch (r.nextInt(7)) {
            case 0 -> new LeafType(PrimitiveTypeName.BINARY, 0, null, x -> bytes(x, shortOrLong(x)));
            case 1, 2 -> new LeafType(PrimitiveTypeName.BINARY, 0, LogicalTypeAnnotation.stringType(), LeafTypes::string);
            case 3 -> new LeafType(PrimitiveTypeName.BINARY, 0, LogicalTypeAnnotation.enumType(),
                    x -> Binary.fromString(ENUM_NAMES[x.nextInt(ENUM_NAMES.length)]));
            case 4 -> new LeafType(PrimitiveTypeName.BINARY, 0, LogicalTypeAnnotation.jsonType(),
                    x -> Binary.fromString("{\"k\":" + x.nextInt() + ",\"s\":\"" + text(x) + "\"}"));
            case 5 -> new LeafType(PrimitiveTypeName.BINARY, 0, LogicalTypeAnnotation.bsonType(), x -> bytes(x, 5 + x.nextInt(20)));
            default -> r.nextBoolean()
                    ? new LeafType(PrimitiveTypeName.BINARY, 0, LogicalTypeAnnotation.geometryType(null), LeafTypes::wkbPoint)
                    : new LeafType(PrimitiveTypeName.BINARY, 0, LogicalTypeAnnotation.geographyType(), LeafTypes::wkbPoint);
        };
    }

    private static LeafType fixed(SplittableRandom r) {
        return switch (r.nextInt(4)) {
            case 0 -> {
                int length = 1 + r.nextInt(24);
                yield new LeafType(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY, length, null, x -> bytes(x, length));
            }
            case 1 -> new LeafType(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY, 16, LogicalTypeAnnotation.uuidType(), x -> bytes(x, 16));
            case 2 -> new LeafType(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY, 2, LogicalTypeAnnotation.float16Type(),
                    x -> x.nextInt(4) == 0 ? float16Edge(x) : bytes(x, 2));
            default -> new LeafType(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY, 12, LogicalTypeAnnotation.intervalType(),
                    x -> bytes(x, 12));
        };
    }

    private static LeafType decimal(SplittableRandom r) {
        if (r.nextBoolean()) {
            int precision = 1 + r.nextInt(38);
            return decimalOn(PrimitiveTypeName.BINARY, 0, precision, r,
                    x -> Binary.fromConstantByteArray(unscaled(x, precision).toByteArray()));
        }
        int length = 1 + r.nextInt(16);
        int precision = 1 + r.nextInt(maxPrecision(length));
        return decimalOn(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY, length, precision, r,
                x -> Binary.fromConstantByteArray(signExtended(unscaled(x, precision), length)));
    }

    private static LeafType decimalOn(PrimitiveTypeName physical, int length, int precision, SplittableRandom r,
                                      ValueSource values) {
        int scale = r.nextInt(precision + 1);
        return new LeafType(physical, length, LogicalTypeAnnotation.decimalType(scale, precision), values);
    }

    /** Digits an n-byte two's complement number always holds. */
    private static int maxPrecision(int bytes) {
        return (int) Math.floor(Math.log10(Math.pow(2, 8 * bytes - 1) - 1));
    }

    /** An unscaled decimal value with at most {@code precision} digits, extremes included. */
    private static BigInteger unscaled(SplittableRandom r, int precision) {
        BigInteger max = BigInteger.TEN.pow(precision).subtract(BigInteger.ONE);
        return switch (r.nextInt(6)) {
            case 0 -> max;
            case 1 -> max.negate();
            case 2 -> BigInteger.ZERO;
            default -> new BigInteger(max.bitLength() + 8, new java.util.Random(r.nextLong())).mod(max.shiftLeft(1).add(BigInteger.ONE)).subtract(max);
        };
    }

    private static byte[] signExtended(BigInteger value, int length) {
        byte[] minimal = value.toByteArray();
        byte[] out = new byte[length];
        Arrays.fill(out, 0, length - minimal.length, (byte) (value.signum() < 0 ? 0xff : 0));
        System.arraycopy(minimal, 0, out, length - minimal.length, minimal.length);
        return out;
    }

    private static Object bool(SplittableRandom r) {
        return r.nextBoolean();
    }

    private static Object anyInt(SplittableRandom r) {
        return switch (r.nextInt(8)) {
            case 0 -> Integer.MIN_VALUE;
            case 1 -> Integer.MAX_VALUE;
            case 2 -> 0;
            case 3 -> -1;
            default -> r.nextInt();
        };
    }

    private static Object anyLong(SplittableRandom r) {
        return switch (r.nextInt(8)) {
            case 0 -> Long.MIN_VALUE;
            case 1 -> Long.MAX_VALUE;
            case 2 -> 0L;
            case 3 -> r.nextLong(-1000, 1000);
            default -> r.nextLong();
        };
    }

    private static Object intOfWidth(SplittableRandom r, int bits, boolean signed) {
        if (bits == 32) return anyInt(r);
        long min = signed ? -(1L << (bits - 1)) : 0;
        long max = signed ? (1L << (bits - 1)) - 1 : (1L << bits) - 1;
        return (int) (r.nextInt(4) == 0 ? (r.nextBoolean() ? min : max) : r.nextLong(min, max + 1));
    }

    private static long timeOfDay(SplittableRandom r, TimeUnit unit) {
        long perDay = switch (unit) {
            case MILLIS -> 86_400_000L;
            case MICROS -> 86_400_000_000L;
            case NANOS -> 86_400_000_000_000L;
        };
        return r.nextInt(5) == 0 ? (r.nextBoolean() ? 0 : perDay - 1) : r.nextLong(perDay);
    }

    private static int floatBits(SplittableRandom r) {
        return r.nextInt(4) == 0 ? FLOAT_EDGES[r.nextInt(FLOAT_EDGES.length)] : Float.floatToRawIntBits((float) r.nextGaussian() * 1e6f);
    }

    private static long doubleBits(SplittableRandom r) {
        return r.nextInt(4) == 0 ? DOUBLE_EDGES[r.nextInt(DOUBLE_EDGES.length)] : Double.doubleToRawLongBits(r.nextGaussian() * 1e12);
    }

    private static Object float16Edge(SplittableRandom r) {
        int[] edges = {0x0000, 0x8000, 0x7e00, 0x7c01, 0x7c00, 0xfc00, 0x0001, 0x7bff};
        int bits = edges[r.nextInt(edges.length)];
        return Binary.fromConstantByteArray(new byte[] {(byte) bits, (byte) (bits >>> 8)});
    }

    /** Mostly short values, sometimes long enough to span several small pages. */
    private static int shortOrLong(SplittableRandom r) {
        return r.nextInt(20) == 0 ? 200 + r.nextInt(3000) : r.nextInt(33);
    }

    private static Binary bytes(SplittableRandom r, int length) {
        byte[] b = new byte[length];
        r.nextBytes(b);
        return Binary.fromConstantByteArray(b);
    }

    private static Object string(SplittableRandom r) {
        return Binary.fromString(text(r));
    }

    private static String text(SplittableRandom r) {
        int length = r.nextInt(20) == 0 ? 300 : r.nextInt(12);
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < length; i++) s.appendCodePoint(ALPHABET[r.nextInt(ALPHABET.length)]);
        return s.toString();
    }

    /** A well-formed little-endian WKB point: parquet-java parses geometry values for its statistics. */
    private static Object wkbPoint(SplittableRandom r) {
        ByteBuffer wkb = ByteBuffer.allocate(21).order(ByteOrder.LITTLE_ENDIAN);
        wkb.put((byte) 1).putInt(1).putDouble(r.nextDouble(-180, 180)).putDouble(r.nextDouble(-90, 90));
        return Binary.fromConstantByteArray(wkb.array());
    }
}
