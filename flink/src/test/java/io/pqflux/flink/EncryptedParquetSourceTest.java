package io.pqflux.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pqflux.crypto.DecryptionProperties;
import io.pqflux.error.DecryptionException;
import io.pqflux.filter.Predicate;
import io.pqflux.flink.parquet.ParquetSource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.crypto.ColumnEncryptionProperties;
import org.apache.parquet.crypto.FileEncryptionProperties;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.ColumnPath;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Parquet source over files parquet-java encrypted (an encrypted footer; {@code name} under a key of its own,
 * {@code id} under the footer key): with a {@link KeySource}, every row once, planned and filtered through the
 * decrypted statistics; without one, the job fails with the reader's {@link DecryptionException}.
 */
class EncryptedParquetSourceTest {

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static final MessageType SCHEMA = MessageTypeParser.parseMessageType(
            "message m { required int64 id; required binary name (STRING); }");
    private static final byte[] FOOTER_KEY = HexFormat.of().parseHex("00112233445566778899aabbccddeeff");
    private static final byte[] NAME_KEY = HexFormat.of().parseHex("ffeeddccbbaa99887766554433221100");
    private static final int FILES = 3;
    private static final int ROWS = 300;

    @TempDir
    static Path root;
    static final List<String> written = new ArrayList<>();

    @BeforeAll
    static void write() throws Exception {
        SimpleGroupFactory groups = new SimpleGroupFactory(SCHEMA);
        FileEncryptionProperties encryption = FileEncryptionProperties.builder(FOOTER_KEY)
                .withEncryptedColumns(Map.of(ColumnPath.get("name"),
                        ColumnEncryptionProperties.builder("name").withKey(NAME_KEY).build()))
                .withCompleteColumnEncryption().build();
        for (int k = 0; k < FILES; k++) {
            try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(new LocalOutputFile(
                    root.resolve("part-" + k + ".parquet"))).withConf(new PlainParquetConfiguration()).withType(SCHEMA)
                    .withRowGroupSize(4L << 10).withEncryption(encryption).build()) {
                for (long id = (long) ROWS * k; id < (long) ROWS * (k + 1); id++) {
                    writer.write(groups.newGroup().append("id", id).append("name", "n-" + id % 13));
                    written.add(id + "|n-" + id % 13);
                }
            }
        }
    }

    /** Made where the source runs; a real one would ask a key store. */
    static final KeySource KEYS = () -> DecryptionProperties.builder().footerKey(FOOTER_KEY).columnKey("name", NAME_KEY)
            .build();

    @Test
    void readsEveryRowWithItsKeys() throws Exception {
        assertThat(Jobs.collect(ParquetSourceTest.source(root).decryption(KEYS).build(), 2))
                .containsExactlyInAnyOrderElementsOf(written);
        assertThat(Jobs.collect(ParquetSourceTest.source(root).decryption(KEYS)
                .filter(Predicate.and(Predicate.gtEq("id", 250L), Predicate.ltEq("id", 349L))).build(), 2))
                .containsExactlyInAnyOrderElementsOf(written.subList(250, 350));
    }

    @Test
    void withoutKeysTheJobFailsWithADecryptionError() {
        // Flink ships the cause serialized: its class is named in its text
        assertThatThrownBy(() -> Jobs.collect(ParquetSourceTest.source(root).build(), 1)).rootCause()
                .hasMessageContaining(DecryptionException.class.getName())
                .hasMessageContaining("part-").hasMessageContaining("the footer is encrypted and no footer key is given");
    }
}
