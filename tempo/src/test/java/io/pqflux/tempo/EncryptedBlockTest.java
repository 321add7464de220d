package io.pqflux.tempo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pqflux.crypto.DecryptionProperties;
import io.pqflux.error.DecryptionException;
import io.pqflux.reactive.testkit.OffHeapReleased;
import io.pqflux.tempo.generator.SyntheticTraces;
import io.pqflux.tempo.generator.TempoBlockWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.parquet.crypto.ColumnEncryptionProperties;
import org.apache.parquet.crypto.FileEncryptionProperties;
import org.apache.parquet.crypto.ParquetCipher;
import org.apache.parquet.hadoop.metadata.ColumnPath;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A block whose {@code data.parquet} parquet-java's writer encrypted (Tempo never encrypts; a user's pipeline may):
 * with the keys, {@code Flux<Trace>}, FindTraceByID on the block and on its tenant give what the same block written
 * in plaintext gives; without them, or with a wrong one, a {@link DecryptionException}.
 */
@ExtendWith(OffHeapReleased.class)
class EncryptedBlockTest {

    private static final long SEED = 61L;
    private static final byte[] FOOTER_KEY = HexFormat.of().parseHex("00112233445566778899aabbccddeeff");
    private static final byte[] TRACE_ID_KEY = HexFormat.of().parseHex("0f0e0d0c0b0a09080706050403020100");
    private static final byte[] NAME_KEY = HexFormat.of().parseHex("a0a1a2a3a4a5a6a7a8a9aaabacadaeaf");
    private static final String NAME = "rs.list.element.ss.list.element.Spans.list.element.Name";

    /** The footer encrypted (AES-GCM) or signed in plaintext (AES-GCM-CTR). */
    enum Layout { ENCRYPTED_FOOTER, PLAINTEXT_FOOTER }

    @TempDir
    Path plainRoot;
    @TempDir
    Path encryptedRoot;

    @ParameterizedTest
    @EnumSource(Layout.class)
    void readsWithItsKeysAsThePlaintextBlock(Layout layout) {
        SyntheticTraces traces = SyntheticTraces.sorted(SEED, 80);
        TempoBlockWriter.Settings settings = TempoBlockWriter.Settings.defaults(SEED).withRowGroupSizeBytes(64 << 10);
        Path plain = TempoBlockWriter.write(plainRoot, settings, traces.all()).directory();
        Path encrypted = TempoBlockWriter.write(encryptedRoot, settings.withEncryption(encryption(layout)), traces.all())
                .directory();
        DecryptionProperties keys = DecryptionProperties.builder().footerKey(FOOTER_KEY)
                .columnKey("TraceID", TRACE_ID_KEY).columnKey(NAME, NAME_KEY).build();

        List<Trace> expected = traces(TempoBlock.open(plain));
        List<Trace> read = traces(TempoBlock.open(encrypted, keys));
        assertThat(read).hasSize(80);
        for (int i = 0; i < expected.size(); i++) {
            assertThat(read.get(i).traceId()).isEqualTo(expected.get(i).traceId());
            assertThat(read.get(i).resourceSpans()).isEqualTo(expected.get(i).resourceSpans());
        }

        TempoBlock block = TempoBlock.open(encrypted, keys);
        TempoTenant tenant = TempoTenant.local(encryptedRoot, settings.tenant()).withDecryption(keys);
        // the meta checked against the decrypted footer
        assertThat(block.check().block(Duration.ofSeconds(30)).traces()).isEqualTo(80);
        assertThat(tenant.checkedBlocks(null, null).block(Duration.ofSeconds(30))).singleElement()
                .satisfies(checked -> assertThat(checked.traces()).isEqualTo(80));
        for (int i = 0; i < expected.size(); i += 13) {
            TraceId id = TraceId.of(expected.get(i).traceId());
            Trace found = block.findTrace(id, TracePreset.FULL, TraceReadOptions.DEFAULT_MAX_TRACE_BYTES)
                    .block(Duration.ofSeconds(30)).trace().orElseThrow();
            assertThat(found.resourceSpans()).isEqualTo(expected.get(i).resourceSpans());
            Trace fromTenant = tenant.findTrace(id, null, null, TracePreset.FULL, TraceReadOptions.DEFAULT_MAX_TRACE_BYTES,
                    TempoTenant.DEFAULT_LOOKUP_CONCURRENCY).block(Duration.ofSeconds(30)).trace().orElseThrow();
            assertThat(fromTenant.resourceSpans()).isEqualTo(expected.get(i).resourceSpans());
        }

        assertThatThrownBy(() -> traces(TempoBlock.open(encrypted))).isInstanceOf(DecryptionException.class);
        DecryptionProperties wrongNameKey = DecryptionProperties.builder().footerKey(FOOTER_KEY)
                .columnKey("TraceID", TRACE_ID_KEY).columnKey(NAME, TRACE_ID_KEY).build();
        assertThatThrownBy(() -> traces(TempoBlock.open(encrypted, wrongNameKey)))
                .isInstanceOf(DecryptionException.class).hasMessageContaining("Name");
    }

    private static List<Trace> traces(TempoBlock block) {
        return block.traces(TraceReadOptions.defaults()).collectList().block(Duration.ofMinutes(1));
    }

    /** TraceID and span names with keys of their own, every other column with the footer key. */
    private static FileEncryptionProperties encryption(Layout layout) {
        Map<ColumnPath, ColumnEncryptionProperties> columns = new LinkedHashMap<>();
        columns.put(ColumnPath.get("TraceID"), ColumnEncryptionProperties.builder("TraceID").withKey(TRACE_ID_KEY)
                .withKeyMetaData("trace-id".getBytes(StandardCharsets.UTF_8)).build());
        columns.put(ColumnPath.fromDotString(NAME), ColumnEncryptionProperties.builder(ColumnPath.fromDotString(NAME))
                .withKey(NAME_KEY).withKeyMetaData("span-name".getBytes(StandardCharsets.UTF_8)).build());
        FileEncryptionProperties.Builder builder = FileEncryptionProperties.builder(FOOTER_KEY)
                .withEncryptedColumns(columns).withCompleteColumnEncryption();
        return switch (layout) {
            case ENCRYPTED_FOOTER -> builder.withAlgorithm(ParquetCipher.AES_GCM_V1).build();
            case PLAINTEXT_FOOTER -> builder.withAlgorithm(ParquetCipher.AES_GCM_CTR_V1).withPlaintextFooter().build();
        };
    }
}
