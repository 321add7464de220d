package io.pqflux.otap.generatortest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORParser;
import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.pqflux.otap.generator.CborValues;
import java.io.IOException;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class CborValuesTest {

    private static AnyValue array(AnyValue... items) {
        ArrayValue.Builder array = ArrayValue.newBuilder();
        for (AnyValue item : items) array.addValues(item);
        return AnyValue.newBuilder().setArrayValue(array).build();
    }

    private static AnyValue d(double v) {
        return AnyValue.newBuilder().setDoubleValue(v).build();
    }

    private static AnyValue i(long v) {
        return AnyValue.newBuilder().setIntValue(v).build();
    }

    private static String hex(AnyValue value) {
        return HexFormat.of().formatHex(CborValues.encode(value));
    }

    @Test
    void floatsTakeTheShortestLosslessWidth() {
        assertThat(hex(array(d(1.5)))).isEqualTo("9f" + "f93e00" + "ff");
        assertThat(hex(array(d(65504.0)))).isEqualTo("9f" + "f97bff" + "ff");
        assertThat(hex(array(d(-0.0)))).isEqualTo("9f" + "f98000" + "ff");
        assertThat(hex(array(d(Double.NaN)))).isEqualTo("9f" + "f97e00" + "ff");
        assertThat(hex(array(d(Double.POSITIVE_INFINITY)))).isEqualTo("9f" + "f97c00" + "ff");
        assertThat(hex(array(d(100000.5)))).isEqualTo("9f" + "fa47c35040" + "ff");
        assertThat(hex(array(d(0.1)))).isEqualTo("9f" + "fb3fb999999999999a" + "ff");
    }

    @Test
    void integersTakeTheShortestHead() {
        assertThat(hex(array(i(0), i(23), i(24), i(255), i(256), i(65536), i(-1), i(-25))))
                .isEqualTo("9f" + "00" + "17" + "1818" + "18ff" + "190100" + "1a00010000" + "20" + "3818" + "ff");
        assertThat(hex(array(i(Long.MIN_VALUE), i(Long.MAX_VALUE))))
                .isEqualTo("9f" + "3b7fffffffffffffff" + "1b7fffffffffffffff" + "ff");
    }

    @Test
    void mapsAndArraysAreIndefiniteWithTextKeysAndNullForEmpty() {
        AnyValue map = AnyValue.newBuilder().setKvlistValue(KeyValueList.newBuilder()
                .addValues(KeyValue.newBuilder().setKey("a").setValue(AnyValue.getDefaultInstance()))
                .addValues(KeyValue.newBuilder().setKey("b").setValue(array(AnyValue.newBuilder().setBoolValue(true).build(),
                        AnyValue.newBuilder().setBytesValue(ByteString.copyFrom(new byte[] {1, 2})).build(),
                        AnyValue.newBuilder().setStringValue("é").build())))).build();
        assertThat(hex(map)).isEqualTo("bf" + "6161" + "f6" + "6162" + "9f" + "f5" + "420102" + "62c3a9" + "ff" + "ff");
    }

    @Test
    void jacksonReadsWhatTheEncoderWrites() throws IOException {
        AnyValue value = array(d(1.5), d(100000.5), d(0.1), i(-7), i(Long.MAX_VALUE));
        try (CBORParser parser = new CBORFactory().createParser(CborValues.encode(value))) {
            assertThat(parser.nextToken()).isEqualTo(JsonToken.START_ARRAY);
            parser.nextToken();
            assertThat(parser.getDoubleValue()).isEqualTo(1.5);
            parser.nextToken();
            assertThat(parser.getDoubleValue()).isEqualTo(100000.5);
            parser.nextToken();
            assertThat(parser.getDoubleValue()).isEqualTo(0.1);
            parser.nextToken();
            assertThat(parser.getLongValue()).isEqualTo(-7);
            parser.nextToken();
            assertThat(parser.getLongValue()).isEqualTo(Long.MAX_VALUE);
            assertThat(parser.nextToken()).isEqualTo(JsonToken.END_ARRAY);
        }
    }
}
