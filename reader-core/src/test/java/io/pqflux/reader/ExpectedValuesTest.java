package io.pqflux.reader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pqflux.testdata.Corpus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The expectations check itself: its CSV reading, and that it notices any wrong value, null or row. */
class ExpectedValuesTest {

    private static final Path LZ4 = Corpus.file("data/hadoop_lz4_compressed.parquet");
    private static final String GOOD = "c0,c1,v11\n1593604800,\"abc\",42.0\n1593604800,\"def\",7.7\n"
            + "1593604801,\"abc\",42.125\n1593604801,\"def\",7.7\n";

    @TempDir
    Path dir;

    @Test
    void csvFieldsKeepQuotesCommasAndTellNullFromEmpty() throws Exception {
        Path csv = dir.resolve("a.csv");
        Files.writeString(csv, "a,b,c\r\n\"x, \"\"y\"\"\",,\"\"\n1,\"\",\n");
        List<List<String>> records = ExpectedValues.parse(csv);
        assertThat(records).hasSize(3);
        assertThat(records.get(1)).containsExactly("x, \"y\"", null, "");
        assertThat(records.get(2)).containsExactly("1", "", null);
    }

    @Test
    void theDocumentedValuesMatch() throws Exception {
        ExpectedValues.assertMatches(LZ4, write(GOOD));
    }

    @Test
    void anyDifferenceFails() throws Exception {
        for (String wrong : List.of(
                GOOD.replace("42.125", "42.12"),
                GOOD.replace("\"def\",7.7\n1593604801", "\"deg\",7.7\n1593604801"),
                GOOD.replace("1593604801,\"abc\"", "1593604802,\"abc\""),
                GOOD.replace("\"abc\",42.0", ",42.0"),
                GOOD.replace("1593604801,\"def\",7.7\n", ""),
                GOOD + "1593604801,\"def\",7.7\n",
                GOOD.replace("c0,c1,v11", "c0,c1"))) {
            Path csv = write(wrong);
            assertThatThrownBy(() -> ExpectedValues.assertMatches(LZ4, csv)).as(Arrays.toString(wrong.split("\n")))
                    .isInstanceOf(AssertionError.class);
        }
    }

    private Path write(String content) throws Exception {
        Path csv = Files.createTempFile(dir, "expect", ".csv");
        Files.writeString(csv, content);
        return csv;
    }
}
