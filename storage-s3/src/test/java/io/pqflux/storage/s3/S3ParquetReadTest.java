package io.pqflux.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.pqflux.io.MappedInputFile;
import io.pqflux.reader.ParquetReader;
import io.pqflux.reader.ReadOptions;
import io.pqflux.reader.RowCursor;
import io.pqflux.storage.http.HttpInputFile;
import io.pqflux.storage.http.testkit.NoBufferLeaks;
import io.pqflux.storage.s3.testkit.LocalS3;
import io.pqflux.testdata.Corpus;
import io.pqflux.testdata.WideTestFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** ParquetReader over HttpInputFile reads value for value what it reads from the same file on disk. */
@ExtendWith(NoBufferLeaks.class)
class S3ParquetReadTest {

    private static final String BUCKET = "parquet";

    @TempDir
    static Path temp;

    private static LocalS3 s3;
    private static S3Storage storage;
    private static Path wide;

    @BeforeAll
    static void start() throws Exception {
        s3 = new LocalS3();
        s3.createBucket(BUCKET);
        wide = WideTestFile.write(temp, 60_000, 42);
        s3.put(BUCKET, "wide.parquet", Files.readAllBytes(wide));
        s3.put(BUCKET, "alltypes_plain.parquet", Files.readAllBytes(Corpus.file("data/alltypes_plain.parquet")));
        storage = S3Storage.create(s3.config());
    }

    @AfterAll
    static void stop() throws Exception {
        storage.close();
        s3.close();
    }

    @Test
    void aSmallFileIsReadWholeWithOneGetAndMatchesTheLocalFile() {
        Path local = Corpus.file("data/alltypes_plain.parquet");
        HttpInputFile remote = storage.openInputFile(S3Location.parse("s3://parquet/alltypes_plain.parquet"));
        List<String> fromS3 = rows(ParquetReader.open(remote, ReadOptions.defaults()));
        assertThat(fromS3).isEqualTo(rows(ParquetReader.open(local))).hasSize(8);
        // HEAD, then the whole object; every later read is a view of it
        assertThat(remote.metrics().requests()).isEqualTo(2);
        assertThat(remote.metrics().bytesFetched()).isEqualTo(local.toFile().length());
    }

    @Test
    void aLargerFileIsReadByRangesAndMatchesTheLocalFile() throws Exception {
        assertThat(Files.size(wide)).isGreaterThan(S3Config.defaults().transfer().smallObjectBytes());
        HttpInputFile remote = storage.openInputFile(S3Location.parse("s3://parquet/wide.parquet"));
        try (ParquetReader reader = ParquetReader.open(remote, ReadOptions.defaults())) {
            assertThat(reader.rowGroupCount()).isGreaterThan(1);
            assertThat(rows(reader)).isEqualTo(rows(ParquetReader.open(wide)));
        }
        assertThat(remote.metrics().retries()).isZero();
    }

    @Test
    void aProjectionFetchesOnlyItsColumns() throws Exception {
        ReadOptions projection = ReadOptions.defaults().withColumns(List.of("id", "quantity", "category"));
        HttpInputFile remote = storage.openInputFile(S3Location.parse("s3://parquet/wide.parquet"));
        List<String> fromS3 = rows(ParquetReader.open(remote, projection));
        assertThat(fromS3).isEqualTo(rows(ParquetReader.open(MappedInputFile.open(wide), projection)));
        assertThat(remote.metrics().bytesFetched()).isLessThan(Files.size(wide) / 2);
    }

    @Test
    void aFooterSizeHintMakesTheSuffixReadCoverTheFooter() throws Exception {
        long footerLength;
        try (ParquetReader local = ParquetReader.open(wide)) {
            footerLength = local.footer().length();
        }
        HttpInputFile remote = storage.openInputFile(S3Location.parse("s3://parquet/wide.parquet"), footerLength);
        try (ParquetReader reader = ParquetReader.open(remote, ReadOptions.defaults())) {
            // HEAD + the head magic and the suffix, in parallel: the footer needs no further request
            assertThat(remote.metrics().requests()).isEqualTo(3);
            assertThat(reader.rowGroupCount()).isGreaterThan(1);
        }
    }

    /** Every row as text, field by field (byte arrays by content). */
    static List<String> rows(ParquetReader reader) {
        List<String> rows = new ArrayList<>();
        try (reader; RowCursor cursor = reader.rows()) {
            while (cursor.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 0; i < cursor.size(); i++) {
                    Object value = cursor.getObject(i);
                    row.append(value instanceof byte[] bytes ? Arrays.toString(bytes) : String.valueOf(value)).append('|');
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }
}
