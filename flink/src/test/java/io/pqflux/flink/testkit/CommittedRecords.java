package io.pqflux.flink.testkit;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;

/**
 * A transactional sink as the failure tests need one: records seen since the last checkpoint are staged with that
 * checkpoint and committed only once it completes, or, after a restore, because the checkpoint restored from did. A
 * commit is keyed by (subtask, checkpoint), so committing twice changes nothing: what {@link #committed} holds after a
 * job with failures is what an exactly-once sink would have written. Records are kept as bytes (their encoding).
 */
public final class CommittedRecords<T> extends RichMapFunction<T, T> implements CheckpointedFunction, CheckpointListener {

    private static final Map<String, Map<String, List<byte[]>>> COMMITTED = new ConcurrentHashMap<>();

    private final String run;
    private final SerializableEncoder<T> encoder;
    private transient List<byte[]> open;
    private transient TreeMap<Long, List<byte[]>> staged;
    private transient ListState<byte[]> state;
    private transient int subtask;

    public interface SerializableEncoder<T> extends Function<T, byte[]>, java.io.Serializable {
    }

    public CommittedRecords(String run, SerializableEncoder<T> encoder) {
        this.run = run;
        this.encoder = encoder;
        COMMITTED.put(run, new ConcurrentHashMap<>());
    }

    /** Every committed record of the run, in no particular order across subtasks. */
    public static List<byte[]> committed(String run) {
        List<byte[]> all = new ArrayList<>();
        COMMITTED.getOrDefault(run, Map.of()).values().forEach(all::addAll);
        return all;
    }

    @Override
    public void open(OpenContext context) {
        subtask = getRuntimeContext().getTaskInfo().getIndexOfThisSubtask();
    }

    @Override
    public T map(T value) {
        open.add(encoder.apply(value));
        return value;
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        staged.put(context.getCheckpointId(), open);
        open = new ArrayList<>();
        state.clear();
        for (Map.Entry<Long, List<byte[]>> entry : staged.entrySet()) state.add(encode(subtask, entry.getKey(), entry.getValue()));
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        open = new ArrayList<>();
        staged = new TreeMap<>();
        state = context.getOperatorStateStore().getListState(new ListStateDescriptor<>("staged", PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
        if (context.isRestored()) {
            // staged with the checkpoint restored from, or an earlier one: those checkpoints completed
            for (byte[] batch : state.get()) commit(batch);
            state.clear();
        }
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
        var done = staged.headMap(checkpointId, true);
        for (Map.Entry<Long, List<byte[]>> entry : done.entrySet()) {
            COMMITTED.get(run).putIfAbsent(subtask + "/" + entry.getKey(), entry.getValue());
        }
        done.clear();
    }

    private void commit(byte[] batch) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(batch));
        String key = in.readInt() + "/" + in.readLong();
        int count = in.readInt();
        List<byte[]> records = new ArrayList<>(count);
        for (int i = 0; i < count; i++) records.add(in.readNBytes(in.readInt()));
        COMMITTED.get(run).putIfAbsent(key, records);
    }

    private static byte[] encode(int subtask, long checkpoint, List<byte[]> records) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(subtask);
            out.writeLong(checkpoint);
            out.writeInt(records.size());
            for (byte[] record : records) {
                out.writeInt(record.length);
                out.write(record);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
