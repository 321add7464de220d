package io.pqflux.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pqflux.crypto.DecryptionProperties;
import io.pqflux.error.DecryptionException;
import io.pqflux.flink.tempo.TempoSource;
import io.pqflux.tempo.TempoTenant;
import io.pqflux.tempo.Trace;
import io.pqflux.tempo.TraceReadOptions;
import io.pqflux.tempo.generator.TempoBlockWriter;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.parquet.crypto.ColumnEncryptionProperties;
import org.apache.parquet.crypto.FileEncryptionProperties;
import org.apache.parquet.hadoop.metadata.ColumnPath;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Tempo source over blocks whose {@code data.parquet} parquet-java's writer encrypted (TraceID under a key of its
 * own, the rest under the footer key): with a {@link KeySource}, every trace once, as the single-machine scan reads
 * the same blocks written in plaintext; without one, the job fails with the reader's {@link DecryptionException}.
 */
class EncryptedTempoSourceTest {

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static final byte[] FOOTER_KEY = HexFormat.of().parseHex("00112233445566778899aabbccddeeff");
    private static final byte[] TRACE_ID_KEY = HexFormat.of().parseHex("0f0e0d0c0b0a09080706050403020100");
    private static final int BLOCKS = 2;
    private static final int TRACES = 150;

    @TempDir
    static Path plainRoot;
    @TempDir
    static Path encryptedRoot;
    static String tenant;

    @BeforeAll
    static void write() {
        FileEncryptionProperties encryption = FileEncryptionProperties.builder(FOOTER_KEY)
                .withEncryptedColumns(Map.of(ColumnPath.get("TraceID"),
                        ColumnEncryptionProperties.builder("TraceID").withKey(TRACE_ID_KEY).build()))
                .withCompleteColumnEncryption().build();
        for (int block = 0; block < BLOCKS; block++) {
            // small row groups: several splits per block
            TempoBlockWriter.Settings settings = TempoBlockWriter.Settings.defaults(70 + block).withRowGroupSizeBytes(100_000);
            TempoBlockWriter.generate(plainRoot, settings, 70 + block, TRACES);
            TempoBlockWriter.generate(encryptedRoot, settings.withEncryption(encryption), 70 + block, TRACES);
            tenant = settings.tenant();
        }
    }

    /** Made where the source runs; a real one would ask a key store. */
    static final KeySource KEYS = () -> DecryptionProperties.builder().footerKey(FOOTER_KEY)
            .columnKey("TraceID", TRACE_ID_KEY).build();

    @Test
    void readsEveryTraceWithItsKeysAsThePlaintextBlocks() throws Exception {
        List<String> expected = TempoTenant.local(plainRoot, tenant).traces(TraceReadOptions.defaults())
                .map(TempoSourceTest::describe).sort().collectList().block();
        assertThat(expected).hasSize(BLOCKS * TRACES);
        List<Trace> flink = Jobs.collect(TempoSource.traces(StoreLocation.of(encryptedRoot.toString()), tenant)
                .decryption(KEYS).build(), 2);
        assertThat(flink.stream().map(TempoSourceTest::describe).sorted().toList()).isEqualTo(expected);
    }

    @Test
    void withoutKeysTheJobFailsWithADecryptionError() {
        // Flink ships the cause serialized: its class is named in its text
        assertThatThrownBy(() -> Jobs.collect(TempoSource.traces(StoreLocation.of(encryptedRoot.toString()), tenant)
                .build(), 1)).rootCause().hasMessageContaining(DecryptionException.class.getName())
                .hasMessageContaining("data.parquet").hasMessageContaining("no footer key is given");
    }
}
