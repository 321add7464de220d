package io.pqflux.tempo.internal.assembly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.protobuf.ByteString;
import com.google.protobuf.util.JsonFormat;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The protobuf-JSON of AnyValues as golang's jsonpb writes them, read back exactly; malformed text is refused. */
class AnyValueJsonTest {

    @Test
    void everyKindOfValueRoundTripsThroughProtobufJson() throws Exception {
        AnyValue nested = AnyValue.newBuilder().setKvlistValue(KeyValueList.newBuilder()
                .addValues(KeyValue.newBuilder().setKey("s").setValue(AnyValue.newBuilder().setStringValue("é中\"\\")))
                .addValues(KeyValue.newBuilder().setKey("i").setValue(AnyValue.newBuilder().setIntValue(Long.MIN_VALUE)))
                .addValues(KeyValue.newBuilder().setKey("d").setValue(AnyValue.newBuilder().setDoubleValue(-2.5e300)))
                .addValues(KeyValue.newBuilder().setKey("b").setValue(AnyValue.newBuilder().setBoolValue(true)))
                .addValues(KeyValue.newBuilder().setKey("bytes").setValue(AnyValue.newBuilder()
                        .setBytesValue(ByteString.copyFrom(new byte[] {0, -1, 42}))))
                .addValues(KeyValue.newBuilder().setKey("empty").setValue(AnyValue.getDefaultInstance()))
                .addValues(KeyValue.newBuilder().setKey("no value"))
                .addValues(KeyValue.newBuilder().setKey("array").setValue(AnyValue.newBuilder().setArrayValue(ArrayValue.newBuilder()
                        .addValues(AnyValue.newBuilder().setIntValue(7))
                        .addValues(AnyValue.newBuilder().setArrayValue(ArrayValue.getDefaultInstance()))
                        .addValues(AnyValue.newBuilder().setDoubleValue(Double.NaN))))))
                .build();
        for (AnyValue value : List.of(nested, AnyValue.getDefaultInstance(),
                AnyValue.newBuilder().setDoubleValue(Double.NEGATIVE_INFINITY).build())) {
            String json = JsonFormat.printer().print(value);
            assertThat(AnyValueJson.parse(json)).as(json).isEqualTo(value);
            assertThat(AnyValueJson.parse(json.getBytes(StandardCharsets.UTF_8))).as("from UTF-8: " + json).isEqualTo(value);
            String snakeCase = JsonFormat.printer().preservingProtoFieldNames().print(value);
            assertThat(AnyValueJson.parse(snakeCase)).as(snakeCase).isEqualTo(value);
        }
    }

    @Test
    void numbersMayBeWrittenAsJsonNumbersAndNullFieldsAreSkipped() {
        assertThat(AnyValueJson.parse("{\"intValue\": 12, \"stringValue\": null}"))
                .isEqualTo(AnyValue.newBuilder().setIntValue(12).build());
        assertThat(AnyValueJson.parse("{\"doubleValue\": 0.5}")).isEqualTo(AnyValue.newBuilder().setDoubleValue(0.5).build());
        assertThat(AnyValueJson.parse("{\"doubleValue\": -0.0}").getDoubleValue()).isEqualTo(-0.0d);
        assertThat(AnyValueJson.parse("{\"arrayValue\": {}}"))
                .isEqualTo(AnyValue.newBuilder().setArrayValue(ArrayValue.getDefaultInstance()).build());
    }

    @Test
    void aByteThatStartsNoUtf8SequenceIsReplacedAsGoDecodesIt() {
        byte[] json = {'{', '"', 's', 't', 'r', 'i', 'n', 'g', 'V', 'a', 'l', 'u', 'e', '"', ':', '"',
            'a', (byte) 0xFF, 'b', (byte) 0xC3, (byte) 0xA9, '"', '}'};
        assertThat(AnyValueJson.parse(json)).isEqualTo(AnyValue.newBuilder().setStringValue("a\uFFFDb\u00E9").build());
    }

    @Test
    void textThatIsNotAnAnyValueIsRefused() {
        assertThatThrownBy(() -> AnyValueJson.parse("[1]")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be a JSON object");
        assertThatThrownBy(() -> AnyValueJson.parse("")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be a JSON object, not nothing");
        assertThatThrownBy(() -> AnyValueJson.parse("{\"colour\": 1}")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown AnyValue field 'colour'");
        assertThatThrownBy(() -> AnyValueJson.parse("{\"intValue\": ".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("not JSON: ");
        assertThatThrownBy(() -> AnyValueJson.parse("{\"intValue\": ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not JSON");
        assertThatThrownBy(() -> AnyValueJson.parse("{\"arrayValue\": {\"values\": [3]}}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be a JSON object, not 3");
    }

    /**
     * {@code write} gives protobuf-java's serialization of what {@code parse} makes, byte for byte, also where the text
     * is not as Go writes it (a oneof set twice, a key after its value, repeated keys, nulls, non-ASCII text), and
     * refuses what {@code parse} refuses with the same message, leaving nothing written.
     */
    @Test
    void writeIsParseSerialized() throws Exception {
        AnyValue nested = AnyValue.newBuilder().setKvlistValue(KeyValueList.newBuilder()
                .addValues(KeyValue.newBuilder().setKey("s").setValue(AnyValue.newBuilder().setStringValue("é中")))
                .addValues(KeyValue.newBuilder().setKey("").setValue(AnyValue.newBuilder().setIntValue(0)))
                .addValues(KeyValue.newBuilder().setKey("no value"))
                .addValues(KeyValue.newBuilder().setKey("a").setValue(AnyValue.newBuilder().setArrayValue(ArrayValue.newBuilder()
                        .addValues(AnyValue.newBuilder().setBytesValue(ByteString.copyFrom(new byte[] {0, -1})))
                        .addValues(AnyValue.getDefaultInstance())
                        .addValues(AnyValue.newBuilder().setBoolValue(false))
                        .addValues(AnyValue.newBuilder().setDoubleValue(Double.NaN))))))
                .build();
        List<String> texts = List.of(JsonFormat.printer().print(nested),
                JsonFormat.printer().preservingProtoFieldNames().print(nested), "{}", "{\"stringValue\": \"\"}",
                "{\"intValue\": \"12\", \"stringValue\": \"last wins\"}", "{\"boolValue\": \"true\"}",
                "{\"kvlistValue\": {\"values\": [{\"value\": {\"intValue\": 1}, \"key\": \"after\"}, {\"key\": \"k\", \"key\": \"again\"},"
                        + " 7, {\"key\": null, \"value\": null, \"other\": [1]}]}}",
                "{\"arrayValue\": {\"values\": [{}], \"values\": [{\"doubleValue\": \"-Infinity\"}], \"x\": 1}}",
                "{\"arrayValue\": 3}");
        for (String text : texts) {
            byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
            io.pqflux.otlp.wire.ProtoWriter out = new io.pqflux.otlp.wire.ProtoWriter(16);
            out.raw(new byte[] {9}, 0, 1); // something before, which stays
            AnyValueJson.write(utf8, out);
            byte[] expected = AnyValueJson.parse(utf8).toByteArray();
            byte[] written = out.toByteArray();
            assertThat(java.util.Arrays.copyOfRange(written, 1, written.length)).as(text).isEqualTo(expected);
        }
        for (String refused : List.of("[1]", "{\"colour\": 1}", "{\"intValue\": ", "{\"arrayValue\": {\"values\": [3]}}",
                "{\"intValue\": \"x\"}",
                "{\"stringValue\": \"truncated\"")) {
            io.pqflux.otlp.wire.ProtoWriter out = new io.pqflux.otlp.wire.ProtoWriter(16);
            byte[] utf8 = refused.getBytes(StandardCharsets.UTF_8);
            String message = catchThrowableOfType(IllegalArgumentException.class, () -> AnyValueJson.parse(utf8)).getMessage();
            assertThatThrownBy(() -> AnyValueJson.write(utf8, out)).as(refused).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage(message);
            assertThat(out.size()).isZero();
        }
    }
}
