package io.pqflux.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pqflux.error.ParquetException;
import io.pqflux.io.BytesInputFile;
import io.pqflux.internal.memory.OffHeapBuffer;
import io.pqflux.reader.ReadOptions;
import io.pqflux.testdata.random.RandomParquetFiles;
import io.pqflux.testdata.random.WriterSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.apache.parquet.column.ParquetProperties.WriterVersion;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.format.PageType;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A page header's uncompressed size is a claim; a 1 KiB file must not make the reader allocate what it
 * claims. Each case is a parquet-java file of about 1 KiB (one column of incompressible bytes, one page of
 * each kind) whose dictionary, v1 or v2 page header is edited to declare a huge uncompressed size; reading
 * it must fail with a typed error while holding at most {@link #BOUND} bytes of off-heap memory, with the
 * default limits and with the limits lifted (a caller trusting big pages must still be safe).
 */
class AllocationBoundTest {

    private static final long BOUND = 1 << 20;
    private static final MessageType SCHEMA = MessageTypeParser.parseMessageType("message m { required binary x; }");

    @TempDir
    Path directory;

    static Stream<Arguments> pages() {
        List<Arguments> cases = new ArrayList<>();
        for (CompressionCodecName codec : WriterSettings.CODECS) {
            for (PageType page : List.of(PageType.DICTIONARY_PAGE, PageType.DATA_PAGE, PageType.DATA_PAGE_V2)) {
                cases.add(Arguments.of(codec, page));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("pages")
    void twoGibibytesDeclaredInOneKibibyteAreNotAllocated(CompressionCodecName codec, PageType page) throws Exception {
        assertRefusedWithinBound(crafted(codec, page, Integer.MAX_VALUE), codec + " " + page);
    }

    /**
     * 4 MiB is below what zstd's worst-case ratio (32768 to 1, the bound docs/codecs.md chose) allows for a
     * few hundred compressed bytes, so ZSTD pages reserve it before the stream proves shorter. Frames that state
     * their content size are checked against it first (DecompressorAllocationTest), but parquet-java's streaming
     * zstd writer leaves it out; decoding into a growing output would close this.
     */
    @Disabled("ZSTD pages from parquet-java's streaming writer state no frame content size, so up to 32768 x the "
            + "compressed bytes (4 MiB here) is reserved before the stream proves shorter")
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("pages")
    void sizesWithinTheCodecRatioButBeyondTheStreamAreNotAllocated(CompressionCodecName codec, PageType page)
            throws Exception {
        assertRefusedWithinBound(crafted(codec, page, 4 << 20), codec + " " + page);
    }

    private static void assertRefusedWithinBound(byte[] file, String what) {
        assertThat(file.length).as(what + ": crafted file size").isLessThanOrEqualTo(1536);
        for (ReadOptions options : List.of(ReadOptions.defaults(), ReadOptions.defaults().withLimits(Long.MAX_VALUE, Long.MAX_VALUE))) {
            String name = what + " (max page size " + options.maxPageSize() + ")";
            long before = OffHeapBuffer.liveBytes();
            OffHeapBuffer.resetPeakBytes();
            assertThatThrownBy(() -> PqfluxLeaves.read(new BytesInputFile(name, file), options))
                    .as(name).isInstanceOf(ParquetException.class).hasMessageContaining(name);
            assertThat(OffHeapBuffer.peakBytes() - before).as(name + ": off-heap bytes held at once").isLessThanOrEqualTo(BOUND);
        }
    }

    /**
     * One column of random 24-byte values, so compression gains little and the file stays near 1 KiB: 24
     * distinct ones, or for a dictionary page 16 distinct ones three times (parquet-java drops a dictionary
     * that saves nothing).
     */
    private byte[] crafted(CompressionCodecName codec, PageType page, int declaredSize) throws Exception {
        SplittableRandom random = new SplittableRandom(42);
        boolean dictionary = page == PageType.DICTIONARY_PAGE;
        List<Binary> distinct = new ArrayList<>();
        for (int i = 0; i < (dictionary ? 16 : 24); i++) {
            byte[] value = new byte[24];
            random.nextBytes(value);
            distinct.add(Binary.fromConstantByteArray(value));
        }
        List<Group> records = new ArrayList<>();
        for (int i = 0; i < (dictionary ? 48 : 24); i++) {
            records.add(new SimpleGroupFactory(SCHEMA).newGroup().append("x", distinct.get(i % distinct.size())));
        }
        Path path = directory.resolve(codec + "-" + page + ".parquet");
        WriterVersion version = page == PageType.DATA_PAGE_V2 ? WriterVersion.PARQUET_2_0 : WriterVersion.PARQUET_1_0;
        RandomParquetFiles.write(path, SCHEMA, WriterSettings.plain(version, codec, dictionary), records);
        ParquetFileModel model = ParquetFileModel.parse(Files.readAllBytes(path));
        ParquetFileModel.Page target = model.pages(0, 0).stream().filter(p -> p.header().getType() == page).findFirst()
                .orElseThrow(() -> new AssertionError("parquet-java wrote no " + page + " with " + codec));
        target.header().setUncompressed_page_size(declaredSize);
        return model.layOut(meta -> { });
    }
}
