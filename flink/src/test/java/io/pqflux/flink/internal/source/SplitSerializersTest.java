package io.pqflux.flink.internal.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pqflux.flink.SplitBacklog;
import io.pqflux.flink.internal.otap.OtapSplitSerializer;
import io.pqflux.flink.internal.parquet.ParquetSplitSerializer;
import io.pqflux.flink.internal.tempo.TempoSplitSerializer;
import io.pqflux.flink.otap.OtapSplit;
import io.pqflux.flink.parquet.ParquetSplit;
import io.pqflux.flink.tempo.TempoSplit;
import io.pqflux.io.FileIdentity;
import io.pqflux.otap.BatchPosition;
import io.pqflux.otap.PartitionProgress;
import io.pqflux.reactive.dataset.DatasetFile;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Splits and the enumerator's backlog survive a checkpoint; state from another version or corrupt state fails typed. */
class SplitSerializersTest {

    private static <T> T roundTrip(DataSerializer<T> serializer, T value) throws IOException {
        return serializer.deserialize(serializer.getVersion(), serializer.serialize(value));
    }

    @Test
    void everySplitComesBackEqual() throws IOException {
        String partition = "6a3f0e1c-5d42-4b8e-9c1a-2f7d9e0b4c11";
        BatchPosition position = new BatchPosition(partition, "logs/_part_id=" + partition + "/part-1-x.parquet", 4096);
        BatchPosition later = new BatchPosition(partition, "logs/_part_id=" + partition + "/part-2-y.parquet", 12);
        for (OtapSplit split : List.of(OtapSplit.unread(partition, 123), OtapSplit.unread("", 0),
                new OtapSplit(partition, PartitionProgress.through(position), 77),
                new OtapSplit(partition, PartitionProgress.none(partition).with(later).with(position), 78),
                new OtapSplit(partition, PartitionProgress.through(position).with(later), 79))) {
            assertThat(roundTrip(new OtapSplitSerializer(), split)).isEqualTo(split);
        }
        TempoSplit tempo = new TempoSplit(UUID.randomUUID(), 3, 1000, 2000, 17, 99_000_000);
        assertThat(roundTrip(new TempoSplitSerializer(), tempo)).isEqualTo(tempo);
        Map<String, Object> partitions = new LinkedHashMap<>();
        partitions.put("year", 2024L);
        partitions.put("region", "eu-west");
        partitions.put("zone", null);
        ParquetSplit parquet = new ParquetSplit(new DatasetFile("year=2024/region=eu-west/zone=__HIVE_DEFAULT_PARTITION__/part-0.parquet",
                new FileIdentity("s3://b/t/year=2024/region=eu-west/zone=__HIVE_DEFAULT_PARTITION__/part-0.parquet", 123_456, "\"etag\""),
                partitions), 2, 80, 120, 5, 4096);
        assertThat(roundTrip(new ParquetSplitSerializer(), parquet)).isEqualTo(parquet);
    }

    @Test
    void theBacklogKeepsPendingSplitsPlannedIdsAndTheFirstPlan() throws IOException {
        List<TempoSplit> pending = List.of(new TempoSplit(UUID.randomUUID(), 0, 0, 10, 0, 500), new TempoSplit(UUID.randomUUID(), 1, 10, 20, 4, 400));
        SplitBacklog<TempoSplit> backlog = new SplitBacklog<>(pending, Set.of("a#0", "b#1", pending.get(0).splitId()), true);
        SplitBacklog<TempoSplit> back = roundTrip(new SplitBacklogSerializer<>(new TempoSplitSerializer()), backlog);
        assertThat(back.pending()).isEqualTo(backlog.pending());
        assertThat(back.planned()).isEqualTo(backlog.planned());
        assertThat(back.firstPlanDone()).isTrue();
    }

    /** A version-1 split (one position: the last batch emitted) is restored as everything up to that position. */
    @Test
    void aVersionOneOtapSplitIsRestoredAsItsPosition() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF("p");
            out.writeBoolean(true);
            out.writeUTF("logs/_part_id=p/part-1-x.parquet");
            out.writeLong(40);
            out.writeLong(1234);
        }
        OtapSplit split = new OtapSplitSerializer().deserialize(1, bytes.toByteArray());
        assertThat(split).isEqualTo(new OtapSplit("p", PartitionProgress.through(
                new BatchPosition("p", "logs/_part_id=p/part-1-x.parquet", 40)), 1234));
        ByteArrayOutputStream unread = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(unread)) {
            out.writeUTF("p");
            out.writeBoolean(false);
            out.writeLong(5);
        }
        assertThat(new OtapSplitSerializer().deserialize(1, unread.toByteArray())).isEqualTo(OtapSplit.unread("p", 5));
    }

    @Test
    void anotherVersionOrTrailingBytesFailNamingWhat() throws IOException {
        OtapSplitSerializer serializer = new OtapSplitSerializer();
        byte[] bytes = serializer.serialize(OtapSplit.unread("p", 1));
        assertThatThrownBy(() -> serializer.deserialize(3, bytes)).isInstanceOf(IOException.class)
                .hasMessage("unknown OTAP split version 3 (this reader writes 2)");
        byte[] longer = Arrays.copyOf(bytes, bytes.length + 3);
        assertThatThrownBy(() -> serializer.deserialize(2, longer)).isInstanceOf(IOException.class)
                .hasMessageContaining("3 bytes after the OTAP split");
        assertThatThrownBy(() -> serializer.deserialize(2, Arrays.copyOf(bytes, 3))).isInstanceOf(IOException.class);
    }
}
