package io.pqflux.otap.receiver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Message;
import io.opentelemetry.proto.logs.v1.LogsData;
import io.opentelemetry.proto.trace.v1.TracesData;
import io.pqflux.otap.BatchPosition;
import io.pqflux.otap.ReplayedBatch;
import io.pqflux.otap.Signal;
import io.pqflux.otlp.testing.OtlpJsonDecoder;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSinkTest {

    @TempDir
    Path dir;

    @Test
    void appendsOneOtlpJsonObjectPerLineAndReportsTheLength() throws Exception {
        Path out = dir.resolve("out.jsonl");
        long afterSecond;
        try (FileSink sink = FileSink.of(out)) {
            sink.start(0);
            long afterFirst = sink.deliver(batch(Signal.LOGS, "first")).block();
            assertThat(afterFirst).isEqualTo(Files.size(out));
            afterSecond = sink.deliver(batch(Signal.TRACES, "second")).block();
        }
        assertThat(afterSecond).isEqualTo(Files.size(out));
        List<String> lines = Files.readAllLines(out);
        assertThat(lines).hasSize(2);
        assertThat(OtlpJsonDecoder.decode(lines.get(0), LogsData.getDefaultInstance())).isEqualTo(FakeExport.data(Signal.LOGS, "first"));
        assertThat(OtlpJsonDecoder.decode(lines.get(1), TracesData.getDefaultInstance())).isEqualTo(FakeExport.data(Signal.TRACES, "second"));
    }

    @Test
    void startTruncatesWhatACrashLeftAfterTheCommittedLengthAndAppendsFromThere() throws Exception {
        Path out = dir.resolve("out.jsonl");
        long committed;
        try (FileSink sink = FileSink.of(out)) {
            sink.start(0);
            committed = sink.deliver(batch(Signal.LOGS, "kept")).block();
            sink.deliver(batch(Signal.LOGS, "appended but never checkpointed")).block();
        }
        Files.write(out, "{\"resourceLogs\":[{\"torn".getBytes(StandardCharsets.UTF_8), java.nio.file.StandardOpenOption.APPEND);

        try (FileSink sink = FileSink.of(out)) {
            sink.start(committed);
            assertThat(Files.size(out)).isEqualTo(committed);
            sink.deliver(batch(Signal.LOGS, "resumed")).block();
        }
        assertThat(Files.readAllLines(out)).map(line -> FakeExport.text(OtlpJsonDecoder.decode(line, LogsData.getDefaultInstance())))
                .containsExactly("kept", "resumed");
    }

    @Test
    void aFileShorterThanTheCheckpointIsATypedErrorAndStaysUntouched() throws Exception {
        Path out = dir.resolve("out.jsonl");
        Files.writeString(out, "{}\n");
        FileSink sink = FileSink.of(out);
        assertThatThrownBy(() -> sink.start(100)).isInstanceOf(ReceiverException.class)
                .hasMessage(out + ": 3 bytes, but the checkpoint recorded 100 delivered; the output was changed or replaced");
        assertThat(Files.readString(out)).isEqualTo("{}\n");
        assertThatThrownBy(() -> sink.deliver(batch(Signal.LOGS, "x")).block()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void protobufAppendsEachBatchDelimitedAsParseDelimitedFromReadsIt() throws Exception {
        Path out = dir.resolve("out.binpb");
        ReplayedBatch<Message> large = batch(Signal.LOGS, "x".repeat(70_000)); // a length of three varint bytes
        long afterFirst;
        long afterSecond;
        try (FileSink sink = FileSink.protobuf(out, Signal.LOGS)) {
            sink.start(0);
            afterFirst = sink.deliver(batch(Signal.LOGS, "first")).block();
            afterSecond = sink.deliver(large).block();
        }
        assertThat(afterSecond).isEqualTo(Files.size(out));
        try (InputStream in = Files.newInputStream(out)) {
            assertThat(LogsData.parseDelimitedFrom(in)).isEqualTo(FakeExport.data(Signal.LOGS, "first"));
            assertThat(afterFirst).isEqualTo(Files.size(out) - in.available());
            assertThat(LogsData.parseDelimitedFrom(in)).isEqualTo(FakeExport.data(Signal.LOGS, "x".repeat(70_000)));
            assertThat(LogsData.parseDelimitedFrom(in)).as("end of file").isNull();
        }
    }

    @Test
    void protobufRestartTruncatesATornMessageAndAppendsFromTheCommittedLength() throws Exception {
        Path out = dir.resolve("out.binpb");
        long committed;
        try (FileSink sink = FileSink.protobuf(out, Signal.TRACES)) {
            sink.start(0);
            committed = sink.deliver(batch(Signal.TRACES, "kept")).block();
            sink.deliver(batch(Signal.TRACES, "appended but never checkpointed")).block();
        }
        byte[] torn = FakeExport.data(Signal.TRACES, "torn").toByteArray();
        Files.write(out, java.util.Arrays.copyOf(torn, torn.length / 2), java.nio.file.StandardOpenOption.APPEND);

        try (FileSink sink = FileSink.protobuf(out, Signal.TRACES)) {
            sink.start(committed);
            sink.deliver(batch(Signal.TRACES, "resumed")).block();
        }
        List<String> texts = new java.util.ArrayList<>();
        try (InputStream in = Files.newInputStream(out)) {
            for (TracesData data; (data = TracesData.parseDelimitedFrom(in)) != null; ) texts.add(FakeExport.text(data));
        }
        assertThat(texts).containsExactly("kept", "resumed");
    }

    @Test
    void protobufRefusesAnotherSignalsBatchNamingTheFile() throws Exception {
        Path out = dir.resolve("out.binpb");
        try (FileSink sink = FileSink.protobuf(out, Signal.LOGS)) {
            sink.start(0);
            assertThatThrownBy(() -> sink.deliver(batch(Signal.METRICS, "x")).block()).isInstanceOf(ReceiverException.class)
                    .hasMessage(out + ": a protobuf output holds one signal, logs, but a metrics batch was delivered");
        }
        assertThat(Files.size(out)).isZero();
    }

    static ReplayedBatch<Message> batch(Signal signal, String text) {
        return new ReplayedBatch<>(signal, new BatchPosition("", "f", 1), FakeExport.data(signal, text), 1, List.of());
    }
}
