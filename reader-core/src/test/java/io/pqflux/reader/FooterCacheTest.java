package io.pqflux.reader;

import static org.assertj.core.api.Assertions.assertThat;

import io.pqflux.format.meta.Footer;
import io.pqflux.io.FileIdentity;
import io.pqflux.io.MappedInputFile;
import io.pqflux.testdata.Corpus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FooterCacheTest {

    @TempDir
    Path directory;

    private Path copy(String corpusFile, String name) throws Exception {
        return Files.copy(Corpus.file(corpusFile), directory.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void aFileOpenedAgainIsNotParsedAgainAndReadsTheSame() throws Exception {
        Path file = copy("data/alltypes_plain.parquet", "a.parquet");
        FooterCache cache = FooterCache.ofMaxBytes(1 << 20);
        ReadOptions options = ReadOptions.defaults().withFooterCache(cache);
        Footer first;
        try (ParquetReader reader = ParquetReader.open(file, options)) {
            first = reader.footer();
        }
        try (ParquetReader reader = ParquetReader.open(file, options); RowCursor rows = reader.rows()) {
            assertThat(reader.footer()).isSameAs(first);
            int count = 0;
            while (rows.next()) count++;
            assertThat(count).isEqualTo(8);
        }
        assertThat(cache.metrics()).isEqualTo(new FooterCacheMetrics(1, 1, 0, 1, first.length()));
        try (MappedInputFile mapped = MappedInputFile.open(file)) {
            assertThat(mapped.identity()).isEqualTo(FileIdentity.of(file,
                    Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class)));
            assertThat(cache.cached(mapped.identity())).isSameAs(first);
        }
    }

    @Test
    void aReplacedFileIsParsedAnew() throws Exception {
        Path file = copy("data/alltypes_plain.parquet", "a.parquet");
        FooterCache cache = FooterCache.ofMaxBytes(1 << 20);
        ReadOptions options = ReadOptions.defaults().withFooterCache(cache);
        try (ParquetReader reader = ParquetReader.open(file, options)) {
            assertThat(reader.schema().columns()).hasSize(11);
        }
        copy("data/alltypes_plain.snappy.parquet", "a.parquet");
        Files.setLastModifiedTime(file, FileTime.fromMillis(0));
        try (ParquetReader reader = ParquetReader.open(file, options)) {
            assertThat(reader.metaData().rowGroups().getFirst().numRows()).isEqualTo(2);
        }
        assertThat(cache.metrics().misses()).isEqualTo(2);
        assertThat(cache.metrics().hits()).isZero();
    }

    @Test
    void theLeastRecentlyUsedFootersGoFirstOnceTheBoundIsExceeded() throws Exception {
        Path a = copy("data/alltypes_plain.parquet", "a.parquet");
        Path b = copy("data/alltypes_plain.parquet", "b.parquet");
        Path c = copy("data/alltypes_plain.parquet", "c.parquet");
        long footer;
        try (MappedInputFile file = MappedInputFile.open(a)) {
            footer = FooterCache.ofMaxBytes(1 << 20).footer(file).length();
        }
        FooterCache cache = FooterCache.ofMaxBytes(2 * footer);
        for (Path p : new Path[] {a, b, a, c}) {
            try (MappedInputFile file = MappedInputFile.open(p)) {
                cache.footer(file);
            }
        }
        // a was used after b, so b went when c came
        assertThat(cache.metrics()).isEqualTo(new FooterCacheMetrics(1, 3, 1, 2, 2 * footer));
        try (MappedInputFile file = MappedInputFile.open(b)) {
            assertThat(cache.cached(file.identity())).isNull();
        }
    }
}
