package io.pqflux.internal.decode;

import io.pqflux.column.ColumnVector;
import io.pqflux.error.CorruptFileException;
import io.pqflux.error.ParquetException;
import io.pqflux.error.ResourceLimitException;
import io.pqflux.error.SourceLocation;
import io.pqflux.error.UnsupportedFeatureException;
import io.pqflux.filter.RowRanges;
import io.pqflux.format.meta.DataPageHeader;
import io.pqflux.format.meta.DataPageHeaderV2;
import io.pqflux.format.meta.Encoding;
import io.pqflux.format.meta.PhysicalType;
import io.pqflux.internal.codec.simd.DefinitionLevels;
import io.pqflux.internal.decode.levels.BitPackedLevels;
import io.pqflux.internal.decode.levels.HybridLevels;
import io.pqflux.internal.decode.levels.LevelDecoder;
import io.pqflux.internal.decode.values.ValueDecoder;
import io.pqflux.internal.decode.values.ValueDecoders;
import io.pqflux.internal.page.Page;
import io.pqflux.internal.page.PageReader;
import io.pqflux.schema.ColumnDescriptor;
import java.lang.foreign.MemorySegment;

/**
 * Decodes the pages of one column chunk into a {@link ColumnVector}, keeping every row or only chosen ones. Per
 * data page: the levels ({@link LevelDecoder}), the runs of entries of kept and skipped rows ({@link RowSelection}),
 * then the values of kept rows read and the others skipped ({@link ValueDecoder}, one per page and encoding).
 * What the buffers reserve and how they grow is {@link ColumnBuffers}' business; a chunk kept in dictionary form
 * leaves it at the first page that is not dictionary-encoded. Buffers are owned by the vector once it is built;
 * on failure they are freed.
 */
public final class ColumnChunkDecoder implements AutoCloseable {

    private final ColumnDescriptor column;
    private final DecodeOptions options;
    private final SourceLocation location;
    private final int maxDef;
    private final int maxRep;
    private final ColumnBuffers buffers;
    private final ValueDecoders values;

    private RowSelection rows;
    private long expectedValues;
    /** Entries of the pages so far, kept or skipped. */
    private long entries;
    /** Whether the last value met so far was kept rather than skipped. */
    private boolean lastValueKept;
    private long pageOffset;
    /** Non-null values per run of the current page. */
    private int[] runValues = new int[8];

    public ColumnChunkDecoder(ColumnDescriptor column, DecodeOptions options, SourceLocation location) {
        this.column = column;
        this.options = options;
        this.location = location;
        this.maxDef = column.maxDefinitionLevel();
        this.maxRep = column.maxRepetitionLevel();
        boolean byteArrays = column.physicalType() == PhysicalType.BYTE_ARRAY;
        this.buffers = new ColumnBuffers(column, options.maxColumnBytes(), options.dictionaryForm().keeps(byteArrays));
        this.values = new ValueDecoders(column, options.kernels());
    }

    /**
     * Decodes every row of {@code pages}; the decoder is spent afterwards.
     *
     * @param expectedValues the pages' declared level count
     * @param sourceBytes    the compressed bytes of the pages, which bound how much memory is reserved up front
     */
    public ColumnVector decode(PageReader pages, long expectedValues, long sourceBytes) {
        return decode(pages, expectedValues, sourceBytes, RowSelection.everyRow(options.kernels()), expectedValues);
    }

    /**
     * Decodes the rows {@code keep} of {@code pages}, counted from their first row, and skips the others; the
     * decoder is spent afterwards.
     *
     * @param pageRows the rows the pages hold, which with {@code keep} estimates the entries to reserve
     */
    public ColumnVector decode(PageReader pages, long expectedValues, long sourceBytes, RowRanges keep, long pageRows) {
        long reserved = pageRows <= 0 ? expectedValues
                : (long) Math.ceil((double) expectedValues * keep.rowCount() / pageRows);
        return decode(pages, expectedValues, sourceBytes, RowSelection.of(keep, options.kernels()), reserved);
    }

    private ColumnVector decode(PageReader pages, long expectedValues, long sourceBytes, RowSelection selection,
                                long reservedEntries) {
        this.expectedValues = expectedValues;
        this.rows = selection;
        buffers.presize(reservedEntries, sourceBytes);
        try {
            for (Page page = pages.next(); page != null; page = pages.next()) {
                pageOffset = page.fileOffset();
                switch (page) {
                    case Page.DictionaryPage d -> values.readDictionary(d.header().dictionaryPageHeader(), d.data());
                    case Page.DataPageV1 v1 -> readDataPageV1(v1);
                    case Page.DataPageV2 v2 -> readDataPageV2(v2);
                }
            }
            if (entries != expectedValues) {
                throw corrupt("pages hold " + entries + " values but the column chunk declares " + expectedValues);
            }
            return buffers.build(values.dictionary());
        } catch (ParquetException e) {
            throw e.locatedIn(location.withOffset(pageOffset));
        }
    }

    /** Rows the decoded pages held, kept or not: entries, or for a nested column records (repetition level 0). */
    public long rowCount() {
        return rows.rowCount();
    }

    private void readDataPageV1(Page.DataPageV1 page) {
        DataPageHeader header = page.header().dataPageHeader();
        int n = checkedCount(header.numValues());
        MemorySegment data = page.data();
        long limit = data.byteSize();
        long pos = 0;
        LevelDecoder repetition = null;
        LevelDecoder definition = null;
        if (maxRep > 0) {
            repetition = levelsV1(data, pos, limit, header.repetitionLevelEncoding(), maxRep, n, "repetition");
            pos = repetition.end();
        }
        if (maxDef > 0) {
            definition = levelsV1(data, pos, limit, header.definitionLevelEncoding(), maxDef, n, "definition");
            pos = definition.end();
        }
        readDataPage(n, repetition, definition, header.encoding(), data, pos, -1);
    }

    private void readDataPageV2(Page.DataPageV2 page) {
        DataPageHeaderV2 header = page.header().dataPageHeaderV2();
        int n = checkedCount(header.numValues());
        LevelDecoder repetition = maxRep > 0 ? HybridLevels.of(page.repetitionLevels(), maxRep, options.kernels()) : null;
        LevelDecoder definition = maxDef > 0 ? HybridLevels.of(page.definitionLevels(), maxDef, options.kernels()) : null;
        readDataPage(n, repetition, definition, header.encoding(), page.values(), 0, header.numNulls());
    }

    private LevelDecoder levelsV1(MemorySegment data, long pos, long limit, Encoding encoding, int maxLevel, int n,
                                  String kind) {
        return switch (encoding) {
            case RLE -> HybridLevels.withLengthPrefix(data, pos, limit, maxLevel, options.kernels());
            case BIT_PACKED -> new BitPackedLevels(data, pos, limit, maxLevel, n, options.kernels());
            case null, default -> throw new UnsupportedFeatureException(kind + " level encoding " + encoding);
        };
    }

    private int checkedCount(int n) {
        if (n < 0) throw corrupt("page declares " + n + " values");
        if (entries + n > expectedValues) {
            throw corrupt("pages declare more than the column chunk's " + expectedValues + " values");
        }
        if ((long) buffers.size() + n > Integer.MAX_VALUE - 8) {
            throw new ResourceLimitException("column chunk holds more than " + (Integer.MAX_VALUE - 8) + " values");
        }
        return n;
    }

    /**
     * One data page of {@code n} entries: its repetition levels first (they tell where rows start), then per run
     * the definition levels, kept or skipped with their row, then the values of each run, read or skipped.
     *
     * @param declaredNulls the null count a V2 header states, or -1
     */
    private void readDataPage(int n, LevelDecoder repetition, LevelDecoder definition, Encoding encoding,
                              MemorySegment data, long valuesAt, int declaredNulls) {
        int pageStart = buffers.size();
        MemorySegment repetitionLevels = null;
        if (repetition != null) {
            repetitionLevels = buffers.reserveRepetitionLevels(n);
            repetition.read(n, repetitionLevels, pageStart);
        }
        rows.plan(n, repetitionLevels, pageStart);
        int runs = rows.runCount();
        if (runValues.length < runs) runValues = new int[Math.max(runs, 2 * runValues.length)];
        int nonNull = 0;
        int entry = 0;
        for (int run = 0; run < runs; run++) {
            int length = rows.runLength(run);
            runValues[run] = rows.runKept(run) ? keepEntries(definition, repetitionLevels, pageStart + entry, length)
                    : definition == null ? length : definition.skip(length);
            nonNull += runValues[run];
            entry += length;
        }
        if (declaredNulls >= 0 && nonNull != n - declaredNulls) {
            throw corrupt("V2 page header counts " + declaredNulls + " nulls but its definition levels give "
                    + (n - nonNull));
        }
        readValues(encoding, data, valuesAt, nonNull, runs);
        entries += n;
    }

    /**
     * Appends {@code length} entries of kept rows: their repetition levels, decoded at {@code from}, move down
     * behind the entries kept before; their definition levels are decoded in place. Returns their non-null count.
     */
    private int keepEntries(LevelDecoder definition, MemorySegment repetitionLevels, long from, int length) {
        int at = buffers.size();
        if (repetitionLevels != null && from != at) MemorySegment.copy(repetitionLevels, from, repetitionLevels, at, length);
        int nonNull = length;
        if (definition != null) {
            MemorySegment levels = buffers.reserveDefinitionLevels(length);
            definition.read(length, levels, at);
            nonNull = DefinitionLevels.countNonNull(options.kernels(), levels, at, length, maxDef);
        }
        buffers.entriesWritten(length);
        return nonNull;
    }

    private void readValues(Encoding encoding, MemorySegment data, long valuesAt, int nonNull, int runs) {
        values.requireDecodable(encoding);
        if (!encoding.isDictionary()) buffers.materializeIds(values.dictionary(), options.kernels());
        // an all-null page may store nothing at all for its values, not even an encoding's header
        if (nonNull == 0) return;
        ValueDecoder decoder = values.open(encoding, data, valuesAt, data.byteSize(), nonNull, buffers, lastValueKept);
        for (int run = 0; run < runs; run++) {
            int count = runValues[run];
            if (count == 0) continue;
            boolean keep = rows.runKept(run);
            if (keep) decoder.read(count, buffers);
            else decoder.skip(count);
            lastValueKept = keep;
        }
    }

    private CorruptFileException corrupt(String reason) {
        return new CorruptFileException(reason, location.withOffset(pageOffset));
    }

    @Override
    public void close() {
        buffers.close();
        values.close();
    }
}
