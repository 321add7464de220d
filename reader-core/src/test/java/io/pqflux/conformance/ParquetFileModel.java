package io.pqflux.conformance;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.parquet.format.ColumnChunk;
import org.apache.parquet.format.ColumnMetaData;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.PageHeader;
import org.apache.parquet.format.PageType;
import org.apache.parquet.format.RowGroup;
import org.apache.parquet.format.SchemaElement;
import org.apache.parquet.format.Util;

/**
 * A Parquet file taken apart with parquet-format-structures (the Thrift oracle): its footer and, per row
 * group and column, its pages as header + stored body. {@link #layOut} writes it back with fresh offsets
 * and chunk sizes, so a page header can change size without breaking the layout around it. Page index and
 * bloom filter references are dropped: they would point into the old layout. So are logical type
 * annotations from the future, which the Thrift classes read as empty unions and cannot write back; the
 * leaves read the same without them.
 */
final class ParquetFileModel {

    private static final byte[] MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);

    /** A page as stored: its header and its (compressed) body. */
    record Page(PageHeader header, byte[] body) {
    }

    private final FileMetaData footer;
    /** [row group][column] -> pages in file order. */
    private final List<List<List<Page>>> chunks;

    private ParquetFileModel(FileMetaData footer, List<List<List<Page>>> chunks) {
        this.footer = footer;
        this.chunks = chunks;
    }

    static ParquetFileModel parse(byte[] file) {
        try {
            int footerLength = ByteBuffer.wrap(file, file.length - 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
            int footerStart = file.length - 8 - footerLength;
            FileMetaData footer = Util.readFileMetaData(new ByteArrayInputStream(file, footerStart, footerLength));
            List<List<List<Page>>> chunks = new ArrayList<>();
            for (RowGroup rowGroup : footer.getRow_groups()) {
                List<List<Page>> columns = new ArrayList<>();
                for (ColumnChunk column : rowGroup.getColumns()) columns.add(pages(file, column.getMeta_data()));
                chunks.add(columns);
            }
            return new ParquetFileModel(footer, chunks);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A chunk declaring no values has no pages to speak of; writers leave its offsets pointing anywhere. */
    private static List<Page> pages(byte[] file, ColumnMetaData meta) throws IOException {
        if (meta.getNum_values() == 0) return new ArrayList<>();
        long start = meta.isSetDictionary_page_offset() && meta.getDictionary_page_offset() > 0
                && meta.getDictionary_page_offset() < meta.getData_page_offset()
                ? meta.getDictionary_page_offset() : meta.getData_page_offset();
        int end = Math.toIntExact(start + meta.getTotal_compressed_size());
        ByteArrayInputStream in = new ByteArrayInputStream(file, (int) start, end - (int) start);
        List<Page> pages = new ArrayList<>();
        while (in.available() > 0) {
            PageHeader header = Util.readPageHeader(in);
            pages.add(new Page(header, in.readNBytes(header.getCompressed_page_size())));
        }
        return pages;
    }

    /** A copy whose footer and page headers can be changed without touching this one (bodies are shared, never written). */
    ParquetFileModel copy() {
        List<List<List<Page>>> copied = new ArrayList<>();
        for (List<List<Page>> rowGroup : chunks) {
            List<List<Page>> columns = new ArrayList<>();
            for (List<Page> pages : rowGroup) {
                columns.add(new ArrayList<>(pages.stream().map(p -> new Page(p.header().deepCopy(), p.body())).toList()));
            }
            copied.add(columns);
        }
        return new ParquetFileModel(footer.deepCopy(), copied);
    }

    FileMetaData footer() {
        return footer;
    }

    /** The pages of one column chunk; the list may be edited (a page replaced by one with another body). */
    List<Page> pages(int rowGroup, int column) {
        return chunks.get(rowGroup).get(column);
    }

    int rowGroupCount() {
        return chunks.size();
    }

    int columnCount() {
        return chunks.isEmpty() ? 0 : chunks.getFirst().size();
    }

    /**
     * Writes the file: magic, every chunk's pages back to back, then the footer with the offsets and sizes
     * of this layout, after {@code footerEdit} has had its say on them.
     */
    byte[] layOut(Consumer<FileMetaData> footerEdit) {
        try {
            FileMetaData meta = footer.deepCopy();
            for (SchemaElement element : meta.getSchema()) {
                if (element.isSetLogicalType() && element.getLogicalType().getSetField() == null) element.unsetLogicalType();
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(MAGIC);
            for (int g = 0; g < chunks.size(); g++) {
                RowGroup rowGroup = meta.getRow_groups().get(g);
                long rowGroupStart = out.size();
                for (int c = 0; c < chunks.get(g).size(); c++) layOutChunk(chunks.get(g).get(c), rowGroup.getColumns().get(c), out);
                rowGroup.setFile_offset(rowGroupStart);
                rowGroup.setTotal_compressed_size(out.size() - rowGroupStart);
            }
            footerEdit.accept(meta);
            ByteArrayOutputStream footerBytes = new ByteArrayOutputStream();
            Util.writeFileMetaData(meta, footerBytes);
            footerBytes.writeTo(out);
            out.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(footerBytes.size()).array());
            out.write(MAGIC);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void layOutChunk(List<Page> pages, ColumnChunk column, ByteArrayOutputStream out) throws IOException {
        ColumnMetaData meta = column.getMeta_data();
        long chunkStart = out.size();
        long firstDataPage = -1;
        meta.unsetDictionary_page_offset();
        for (Page page : pages) {
            if (page.header().getType() == PageType.DICTIONARY_PAGE && !meta.isSetDictionary_page_offset()) {
                meta.setDictionary_page_offset(out.size());
            } else if (firstDataPage < 0) {
                firstDataPage = out.size();
            }
            Util.writePageHeader(page.header(), out);
            out.write(page.body());
        }
        meta.setData_page_offset(firstDataPage < 0 ? chunkStart : firstDataPage);
        meta.setTotal_compressed_size(out.size() - chunkStart);
        meta.unsetIndex_page_offset();
        meta.unsetBloom_filter_offset();
        meta.unsetBloom_filter_length();
        column.setFile_offset(meta.getData_page_offset());
        column.unsetColumn_index_offset();
        column.unsetColumn_index_length();
        column.unsetOffset_index_offset();
        column.unsetOffset_index_length();
    }
}
