package io.pqflux.reactive;

import static org.assertj.core.api.Assertions.assertThat;

import io.pqflux.column.ColumnVector;
import io.pqflux.crypto.DecryptionProperties;
import io.pqflux.error.DecryptionException;
import io.pqflux.reactive.testkit.OffHeapReleased;
import io.pqflux.reader.ParquetReader;
import io.pqflux.reader.ReadOptions;
import io.pqflux.reader.RowGroupBatch;
import io.pqflux.testdata.Corpus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.test.StepVerifier;

/**
 * {@link ParquetFlux} decrypts with the decryption properties of its read options: its batches of an encrypted corpus
 * file hold what {@link ParquetReader} reads (which reader-core's tests check against parquet-java), and without the keys
 * the scan fails with the reader's typed error.
 */
@ExtendWith(OffHeapReleased.class)
class EncryptedFluxTest {

    private static final Path FILE = Corpus.file("data/encrypt_columns_and_footer_ctr.parquet.encrypted");
    /** parquet-testing's keys (its data/README.md). */
    private static final DecryptionProperties KEYS = DecryptionProperties.builder()
            .footerKey(ascii("0123456789012345"))
            .columnKey("double_field", ascii("1234567890123450"))
            .columnKey("float_field", ascii("1234567890123451"))
            .build();
    private static final List<String> COLUMNS = List.of("int32_field", "float_field", "double_field");

    @Test
    void batchesHoldWhatTheReaderDecrypts() {
        ReadOptions read = ReadOptions.defaults().withColumns(COLUMNS).withDecryption(KEYS);
        List<String> expected = new ArrayList<>();
        try (ParquetReader reader = ParquetReader.open(FILE, read)) {
            for (int g = 0; g < reader.rowGroupCount(); g++) {
                try (RowGroupBatch batch = reader.readRowGroup(g)) {
                    expected.addAll(values(batch));
                }
            }
        }
        assertThat(expected).isNotEmpty();
        List<String> scanned = ParquetFlux.batches(FILE, ScanOptions.defaults().withBatchRows(7).withReadOptions(read))
                .concatMapIterable(batch -> {
                    try (batch) {
                        return values(batch.batch());
                    }
                })
                .collectList().block();
        assertThat(scanned).isEqualTo(expected);
    }

    @Test
    void withoutKeysTheScanFailsWithTheReadersError() {
        StepVerifier.create(ParquetFlux.batches(FILE, ScanOptions.defaults()))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(DecryptionException.class)
                        .hasMessageContaining("the footer is encrypted and no footer key is given"))
                .verify();
    }

    /** Each row's int32, float and double value as text. */
    private static List<String> values(RowGroupBatch batch) {
        ColumnVector ints = batch.columns().get(0);
        ColumnVector floats = batch.columns().get(1);
        ColumnVector doubles = batch.columns().get(2);
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < ints.valueCount(); i++) {
            rows.add(ints.getInt(i) + " " + floats.getFloat(i) + " " + doubles.getDouble(i));
        }
        return rows;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
