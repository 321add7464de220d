package io.pqflux.internal.format;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.pqflux.error.ParquetException;
import io.pqflux.format.meta.Footer;
import io.pqflux.io.BytesInputFile;
import io.pqflux.schema.SchemaBuilder;
import io.pqflux.testkit.fuzz.FuzzInvariants;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * The footer parser: arbitrary bytes as the Thrift FileMetaData of a file that is otherwise well formed (magic,
 * length, magic), decoded and its schema built, as opening a file does. Seeds: the footers of small corpus files.
 */
class FooterFuzzTest {

    /** A decoded footer is a few objects per Thrift field; a field takes at least one byte. */
    private static final FuzzInvariants INVARIANTS = FuzzInvariants.allowing(1024, ParquetException.class);
    private static final byte[] MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);

    @FuzzTest
    @Timeout(value = 5, unit = TimeUnit.SECONDS)
    void fileMetaData(byte[] thrift) {
        INVARIANTS.check(thrift.length, () -> {
            Footer footer = FooterReader.read(new BytesInputFile("fuzzed.parquet", withFooter(thrift)));
            SchemaBuilder.build(footer.metaData().schema());
        });
    }

    /** A file of only {@code thrift} as its footer: magic, the footer, its length, magic. */
    private static byte[] withFooter(byte[] thrift) {
        return ByteBuffer.allocate(thrift.length + 12).order(ByteOrder.LITTLE_ENDIAN)
                .put(MAGIC).put(thrift).putInt(thrift.length).put(MAGIC).array();
    }
}
