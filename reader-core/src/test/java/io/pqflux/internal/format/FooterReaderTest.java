package io.pqflux.internal.format;

import io.pqflux.format.meta.Footer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pqflux.error.CorruptFileException;
import io.pqflux.error.ParquetException;
import io.pqflux.io.BytesInputFile;
import io.pqflux.testdata.Corpus;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class FooterReaderTest {

    private static byte[] valid() throws Exception {
        return Files.readAllBytes(Corpus.file("data/alltypes_plain.parquet"));
    }

    private static Footer read(byte[] bytes) {
        return FooterReader.read(new BytesInputFile("test.parquet", bytes));
    }

    @Test
    void smallSuffixGuessNeedsASecondReadAndGivesTheSameFooter() throws Exception {
        byte[] bytes = valid();
        Footer big = read(bytes);
        Footer small = FooterReader.read(new BytesInputFile("test.parquet", bytes), 16);
        assertThat(small).isEqualTo(big);
        assertThat(big.offset() + big.length() + 8).isEqualTo(bytes.length);
    }

    @Test
    void tooShortFiles() {
        for (int n = 0; n < 12; n++) {
            byte[] bytes = Arrays.copyOf("PAR1".getBytes(StandardCharsets.US_ASCII), n);
            assertThatThrownBy(() -> read(bytes)).isInstanceOf(CorruptFileException.class)
                    .hasMessageContaining("test.parquet").hasMessageContaining("too short");
        }
    }

    @Test
    void magicAtBothEnds() throws Exception {
        byte[] head = valid();
        head[0] = 'X';
        assertThatThrownBy(() -> read(head)).isInstanceOf(CorruptFileException.class)
                .hasMessageContaining("start of the file").hasMessageContaining("offset 0");
        byte[] tail = valid();
        tail[tail.length - 1] = 'X';
        assertThatThrownBy(() -> read(tail)).isInstanceOf(CorruptFileException.class).hasMessageContaining("end of the file");
        // an encrypted footer's magic at the end needs the same magic at the start
        byte[] encrypted = valid();
        encrypted[encrypted.length - 1] = 'E';
        assertThatThrownBy(() -> read(encrypted)).isInstanceOf(CorruptFileException.class)
                .hasMessageContaining("no PARE magic at the start of the file");
    }

    @Test
    void footerLengthMustFitInTheFile() throws Exception {
        for (int length : new int[] {-1, Integer.MAX_VALUE, 0x7fff_0000}) {
            byte[] bytes = valid();
            ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(bytes.length - 8, length);
            assertThatThrownBy(() -> read(bytes)).isInstanceOf(CorruptFileException.class)
                    .hasMessageContaining("does not fit");
        }
    }

    /** Every truncation of the footer bytes themselves fails cleanly: a typed error, never another exception. */
    @Test
    void everyTruncatedFooterIsATypedError() throws Exception {
        byte[] bytes = valid();
        Footer footer = read(bytes);
        for (int cut = 0; cut < footer.length(); cut++) {
            byte[] truncated = bytes.clone();
            // keep the file intact but claim a shorter footer that starts later
            ByteBuffer.wrap(truncated).order(ByteOrder.LITTLE_ENDIAN).putInt(truncated.length - 8, cut);
            try {
                read(truncated);
            } catch (ParquetException expected) {
                assertThat(expected.getMessage()).contains("test.parquet");
            }
        }
    }
}
