package io.pqflux.internal.page;

import io.pqflux.codec.CompressionCodec;
import io.pqflux.internal.codec.compress.Decompressor;
import io.pqflux.error.ChecksumException;
import io.pqflux.error.CorruptFileException;
import io.pqflux.error.ParquetException;
import io.pqflux.error.ResourceLimitException;
import io.pqflux.error.SourceLocation;
import io.pqflux.format.meta.DataPageHeaderV2;
import io.pqflux.format.meta.PageHeader;
import io.pqflux.internal.codec.encoding.LittleEndian;
import io.pqflux.internal.crypto.ModuleType;
import io.pqflux.internal.page.PageHeaderWalker.RawPage;
import java.lang.foreign.MemorySegment;
import java.util.zip.CRC32;

/**
 * Turns the pages of one column chunk into decodable pages: on top of {@link PageHeaderWalker}'s checks,
 * verifies the CRC when asked, checks sizes against the limits, and decompresses into a scratch buffer
 * reused from page to page; an encrypted page is first decrypted into a second such buffer (after the CRC check: the
 * CRC covers the stored, encrypted bytes). Index pages are skipped. Not thread-safe; one instance per chunk being read.
 */
public final class PageReader implements AutoCloseable {

    private final RawPageSource pages;
    private final CompressionCodec codec;
    private final Decompressor decompressor;
    private final PageReadOptions options;
    private final SourceLocation location;
    private final ScratchBuffer scratch = new ScratchBuffer();
    private final ScratchBuffer decrypted = new ScratchBuffer();

    /**
     * @param chunk           the compressed bytes of the column chunk
     * @param chunkFileOffset where {@code chunk} starts in the file
     * @param expectedValues  the chunk's {@code num_values}: reading stops once the data pages hold that many
     */
    public PageReader(MemorySegment chunk, long chunkFileOffset, CompressionCodec codec, Decompressor decompressor,
                      long expectedValues, PageReadOptions options, SourceLocation location) {
        this(new PageHeaderWalker(chunk, chunkFileOffset, expectedValues, location), codec, decompressor, options, location);
    }

    /** Reads the pages {@code pages} yields: a whole chunk, or some of its pages (with its dictionary page first). */
    public PageReader(RawPageSource pages, CompressionCodec codec, Decompressor decompressor, PageReadOptions options,
                      SourceLocation location) {
        this.pages = pages;
        this.codec = codec;
        this.decompressor = decompressor;
        this.options = options;
        this.location = location;
    }

    /** The next dictionary or data page, or null when the chunk's values have all been read. */
    public Page next() {
        for (RawPage raw = pages.next(); raw != null; raw = pages.next()) {
            PageHeader header = raw.header();
            long headerOffset = raw.fileOffset();
            if (options.verifyCrc() && header.crc() != null) verifyCrc(header, raw.body(), headerOffset);
            switch (header.type()) {
                case DICTIONARY_PAGE -> {
                    MemorySegment body = plaintext(raw, ModuleType.DICTIONARY_PAGE);
                    return new Page.DictionaryPage(header, headerOffset, decompress(body, header.uncompressedPageSize(), headerOffset));
                }
                case DATA_PAGE -> {
                    MemorySegment body = plaintext(raw, ModuleType.DATA_PAGE);
                    return new Page.DataPageV1(header, headerOffset, decompress(body, header.uncompressedPageSize(), headerOffset));
                }
                case DATA_PAGE_V2 -> {
                    return splitV2(raw);
                }
                case INDEX_PAGE -> { }
            }
        }
        return null;
    }

    /** The page's body, decrypted when it is encrypted. */
    private MemorySegment plaintext(RawPage raw, ModuleType type) {
        return raw.decryptor() == null ? raw.body() : decrypt(raw, raw.body(), type);
    }

    private MemorySegment decrypt(RawPage raw, MemorySegment module, ModuleType type) {
        return raw.decryptor().decryptPage(module, type, raw.dataPageOrdinal(), decrypted, location.withOffset(raw.fileOffset()));
    }

    /**
     * Splits a V2 page into its levels and values. Encrypted V2 pages come in two layouts: parquet-java keeps the levels
     * in plaintext and encrypts the values section alone, Parquet C++ encrypts the whole page as one module. The length
     * prefix a values module starts with must account for exactly the bytes after the levels, which tells the two apart
     * (a page without levels is the same in both).
     */
    private Page splitV2(RawPage raw) {
        PageHeader header = raw.header();
        long headerOffset = raw.fileOffset();
        DataPageHeaderV2 v2 = header.dataPageHeaderV2();
        long repLength = v2.repetitionLevelsByteLength();
        long defLength = v2.definitionLevelsByteLength();
        long levels = repLength + defLength;
        boolean valuesAloneEncrypted = raw.decryptor() != null && startsModuleToEnd(raw.body(), repLength, defLength);
        MemorySegment body = valuesAloneEncrypted ? raw.body() : plaintext(raw, ModuleType.DATA_PAGE);
        if (repLength < 0 || defLength < 0 || levels > body.byteSize()) {
            throw corrupt("V2 level lengths " + repLength + " + " + defLength + " exceed the page's "
                    + body.byteSize() + " bytes", headerOffset);
        }
        long valuesUncompressed = header.uncompressedPageSize() - levels;
        if (valuesUncompressed < 0) {
            throw corrupt("V2 level lengths exceed the uncompressed page size " + header.uncompressedPageSize(), headerOffset);
        }
        MemorySegment compressedValues = valuesAloneEncrypted ? decrypt(raw, body.asSlice(levels), ModuleType.DATA_PAGE)
                : body.asSlice(levels);
        MemorySegment values = v2.valuesCompressed()
                ? decompress(compressedValues, valuesUncompressed, headerOffset)
                : checkedUncompressed(compressedValues, valuesUncompressed, headerOffset);
        return new Page.DataPageV2(header, headerOffset, body.asSlice(0, repLength), body.asSlice(repLength, defLength), values);
    }

    /** True when the bytes after a V2 page's levels are one whole encrypted module, by the length it starts with. */
    private static boolean startsModuleToEnd(MemorySegment body, long repLength, long defLength) {
        long levels = repLength + defLength;
        if (repLength < 0 || defLength < 0 || levels == 0 || body.byteSize() - levels < Integer.BYTES) return false;
        return Integer.toUnsignedLong(body.get(LittleEndian.INT, levels)) == body.byteSize() - levels - Integer.BYTES;
    }

    private MemorySegment decompress(MemorySegment input, long uncompressedSize, long headerOffset) {
        if (codec == CompressionCodec.UNCOMPRESSED) return checkedUncompressed(input, uncompressedSize, headerOffset);
        // An empty section has nothing to decompress; some writers store no bytes at all for it.
        if (uncompressedSize == 0 && input.byteSize() == 0) return input;
        if (uncompressedSize > options.maxPageSize()) {
            throw new ResourceLimitException("page declares " + uncompressedSize + " uncompressed bytes, above the limit of "
                    + options.maxPageSize() + " (ReadOptions.withLimits)", location.withOffset(headerOffset));
        }
        try {
            // the codec reserves only what the compressed bytes can justify, not what the header claims
            return decompressor.decompress(input, uncompressedSize, scratch);
        } catch (ParquetException e) {
            throw e.locatedIn(location.withOffset(headerOffset));
        }
    }

    private MemorySegment checkedUncompressed(MemorySegment input, long uncompressedSize, long headerOffset) {
        if (input.byteSize() != uncompressedSize) {
            throw corrupt("uncompressed page holds " + input.byteSize() + " bytes but declares " + uncompressedSize,
                    headerOffset);
        }
        return input;
    }

    private void verifyCrc(PageHeader header, MemorySegment body, long headerOffset) {
        CRC32 crc = new CRC32();
        crc.update(body.asByteBuffer());
        int actual = (int) crc.getValue();
        if (actual != header.crc()) {
            throw new ChecksumException(String.format("%s CRC mismatch: header says 0x%08x, page bytes give 0x%08x",
                    header.type(), header.crc(), actual), location.withOffset(headerOffset));
        }
    }

    private CorruptFileException corrupt(String reason, long offset) {
        return new CorruptFileException(reason, location.withOffset(offset));
    }

    @Override
    public void close() {
        scratch.close();
        decrypted.close();
    }
}
