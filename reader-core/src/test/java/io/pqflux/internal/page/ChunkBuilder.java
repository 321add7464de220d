package io.pqflux.internal.page;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.parquet.format.DataPageHeader;
import org.apache.parquet.format.DataPageHeaderV2;
import org.apache.parquet.format.Encoding;
import org.apache.parquet.format.PageHeader;
import org.apache.parquet.format.PageType;
import org.apache.parquet.format.Util;

/**
 * Builds column chunk bytes page by page, the headers written by parquet-format-structures' Thrift code, so
 * tests can state exactly what a page declares: encodings no writer at hand produces, or hostile sizes.
 */
public final class ChunkBuilder {

    private final ByteArrayOutputStream chunk = new ByteArrayOutputStream();

    /** A V1 data page whose body is stored as given; {@code uncompressedSize} is what the header declares. */
    public ChunkBuilder dataPageV1(int numValues, Encoding values, Encoding definitionLevels, byte[] body, int uncompressedSize) {
        PageHeader header = new PageHeader(PageType.DATA_PAGE, uncompressedSize, body.length);
        header.setData_page_header(new DataPageHeader(numValues, values, definitionLevels, Encoding.RLE));
        return page(header, body);
    }

    /** An uncompressed V1 data page: levels (with their encoding's framing) followed by values. */
    public ChunkBuilder dataPageV1(int numValues, Encoding values, Encoding definitionLevels, byte[] body) {
        return dataPageV1(numValues, values, definitionLevels, body, body.length);
    }

    /** An uncompressed V2 data page with definition levels only. */
    public ChunkBuilder dataPageV2(int numValues, int numNulls, Encoding values, byte[] definitionLevels, byte[] valueBytes) {
        PageHeader header = new PageHeader(PageType.DATA_PAGE_V2, definitionLevels.length + valueBytes.length,
                definitionLevels.length + valueBytes.length);
        DataPageHeaderV2 v2 = new DataPageHeaderV2(numValues, numNulls, numValues, values, definitionLevels.length, 0);
        v2.setIs_compressed(false);
        header.setData_page_header_v2(v2);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(definitionLevels);
        body.writeBytes(valueBytes);
        return page(header, body.toByteArray());
    }

    private ChunkBuilder page(PageHeader header, byte[] body) {
        try {
            Util.writePageHeader(header, chunk);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        chunk.writeBytes(body);
        return this;
    }

    public byte[] bytes() {
        return chunk.toByteArray();
    }
}
