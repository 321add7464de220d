package io.pqflux.flink.internal.types;

import io.pqflux.tempo.Trace;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.util.LinkedHashMap;
import java.util.Map;

/** A Tempo trace: its summary fields, service stats, span count and content (its {@code TracesData} encoding). */
public record TraceCodec() implements Codec<Trace> {

    @Override
    public Class<Trace> type() {
        return Trace.class;
    }

    @Override
    public byte[] encode(Trace trace) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            byte[] id = trace.traceId();
            out.writeByte(id.length);
            out.write(id);
            out.writeLong(trace.startTimeUnixNano());
            out.writeLong(trace.endTimeUnixNano());
            out.writeLong(trace.durationNano());
            out.writeUTF(trace.rootServiceName());
            out.writeUTF(trace.rootSpanName());
            out.writeInt(trace.serviceStats().size());
            for (Map.Entry<String, Trace.ServiceStats> service : trace.serviceStats().entrySet()) {
                out.writeUTF(service.getKey());
                out.writeLong(service.getValue().spanCount());
                out.writeLong(service.getValue().errorCount());
            }
            // the content as its TracesData encoding: free for a trace read encoded, one serialization otherwise
            ByteBuffer content = trace.tracesData();
            out.writeInt(trace.spanCount());
            out.writeInt(content.remaining());
            Channels.newChannel(out).write(content);
        }
        return bytes.toByteArray();
    }

    @Override
    public Trace decode(byte[] bytes) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
        byte[] id = in.readNBytes(in.readUnsignedByte());
        long start = in.readLong();
        long end = in.readLong();
        long duration = in.readLong();
        String rootService = in.readUTF();
        String rootSpan = in.readUTF();
        int services = in.readInt();
        Map<String, Trace.ServiceStats> stats = new LinkedHashMap<>();
        for (int i = 0; i < services; i++) stats.put(in.readUTF(), new Trace.ServiceStats(in.readLong(), in.readLong()));
        int spanCount = in.readInt();
        // decoded when asked for (Trace.resourceSpans)
        return Trace.encoded(id, start, end, duration, rootService, rootSpan, stats, in.readNBytes(in.readInt()), spanCount);
    }
}
