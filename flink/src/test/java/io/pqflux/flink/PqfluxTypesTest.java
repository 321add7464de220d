package io.pqflux.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.proto.logs.v1.LogsData;
import io.pqflux.otap.generator.OtlpSamples;
import io.pqflux.tempo.SpanWithContext;
import io.pqflux.tempo.TempoBlock;
import io.pqflux.tempo.Trace;
import io.pqflux.tempo.TraceForm;
import io.pqflux.tempo.TraceReadOptions;
import io.pqflux.testdata.Corpus;
import java.io.IOException;
import java.util.List;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/** The records' Flink serializers: what goes over the wire or into state comes back equal, snapshots restore them. */
class PqfluxTypesTest {

    private static <T> T roundTrip(TypeInformation<T> type, T value) throws IOException {
        TypeSerializer<T> serializer = type.createSerializer(new SerializerConfigImpl());
        DataOutputSerializer out = new DataOutputSerializer(64);
        serializer.serialize(value, out);
        // restored from its snapshot, as after a job restart
        DataOutputSerializer snapshot = new DataOutputSerializer(64);
        TypeSerializerSnapshot<T> written = serializer.snapshotConfiguration();
        written.writeSnapshot(snapshot);
        @SuppressWarnings("unchecked") // Flink instantiates a snapshot from its class name, as here, then reads it
        TypeSerializerSnapshot<T> read = (TypeSerializerSnapshot<T>) instantiate(written.getClass());
        read.readSnapshot(written.getCurrentVersion(), new DataInputDeserializer(snapshot.getCopyOfBuffer()), PqfluxTypesTest.class.getClassLoader());
        assertThat(read.resolveSchemaCompatibility(written).isCompatibleAsIs()).isTrue();
        return read.restoreSerializer().deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
    }

    private static Object instantiate(Class<?> type) {
        try {
            return type.getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void otlpMessagesAsProtobufBytes() throws IOException {
        for (LogsData logs : OtlpSamples.logs(3, 4, 20)) {
            assertThat(roundTrip(PqfluxTypes.protobuf(LogsData.class), logs)).isEqualTo(logs);
        }
    }

    @Test
    void tracesAndSpansWithEveryField() throws IOException {
        TempoBlock block = TempoBlock.open(Corpus.tempoBlock());
        List<Trace> traces = block.traces(TraceReadOptions.defaults()).collectList().block();
        assertThat(traces).isNotEmpty();
        for (Trace trace : traces) {
            Trace back = roundTrip(PqfluxTypes.traces(), trace);
            assertThat(back.traceIdHex()).isEqualTo(trace.traceIdHex());
            assertThat(back.serviceStats()).isEqualTo(trace.serviceStats());
            assertThat(List.of(back.startTimeUnixNano(), back.endTimeUnixNano(), back.durationNano()))
                    .isEqualTo(List.of(trace.startTimeUnixNano(), trace.endTimeUnixNano(), trace.durationNano()));
            assertThat(back.rootServiceName() + "/" + back.rootSpanName()).isEqualTo(trace.rootServiceName() + "/" + trace.rootSpanName());
            assertThat(back.toTracesData()).isEqualTo(trace.toTracesData());
        }
        // a trace read encoded ships its encoding as it is
        List<Trace> encoded = block.traces(TraceReadOptions.defaults().withForm(TraceForm.ENCODED)).collectList().block();
        for (int i = 0; i < encoded.size(); i++) {
            Trace back = roundTrip(PqfluxTypes.traces(), encoded.get(i));
            assertThat(back.tracesData()).isEqualTo(encoded.get(i).tracesData());
            assertThat(back.spanCount()).isEqualTo(traces.get(i).spanCount());
            assertThat(back.toTracesData()).isEqualTo(traces.get(i).toTracesData());
        }
        for (SpanWithContext span : block.spans(TraceReadOptions.defaults()).take(200).collectList().block()) {
            assertThat(roundTrip(PqfluxTypes.spans(), span)).isEqualTo(span);
        }
    }

    @Test
    void bytesThatAreNotTheMessageFailTyped() {
        TypeSerializer<LogsData> serializer = PqfluxTypes.protobuf(LogsData.class).createSerializer(new SerializerConfigImpl());
        DataInputDeserializer garbage = new DataInputDeserializer(new byte[] {0, 0, 0, 3, (byte) 0xff, (byte) 0xff, (byte) 0xff});
        assertThatThrownBy(() -> serializer.deserialize(garbage)).isInstanceOf(IOException.class).hasMessageContaining("not a LogsData");
        DataInputDeserializer negative = new DataInputDeserializer(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xfe});
        assertThatThrownBy(() -> serializer.deserialize(negative)).isInstanceOf(IOException.class).hasMessageContaining("negative record length");
    }
}
