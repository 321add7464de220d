package io.pqflux.reader;

import io.pqflux.column.DictionaryForm;
import io.pqflux.crypto.DecryptionProperties;
import io.pqflux.filter.Predicate;
import io.pqflux.internal.decode.DecodeOptions;
import io.pqflux.internal.format.FooterReader;
import io.pqflux.internal.page.PageReadOptions;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * What to read and how: an immutable value, built from {@link #defaults()} with {@code with…} methods, each
 * returning a copy. A final class rather than a record, so options can be added without breaking callers.
 */
public final class ReadOptions {

    private static final ReadOptions DEFAULTS = new ReadOptions(null, PageReadOptions.DEFAULT.verifyCrc(),
            DecodeOptions.DEFAULT.dictionaryForm(), PageReadOptions.DEFAULT.maxPageSize(),
            DecodeOptions.DEFAULT.maxColumnBytes(), null, null, 0, Long.MAX_VALUE, null, null, FooterReader.DEFAULT_SUFFIX_GUESS, null, false);

    private final List<String> columns;
    private final boolean verifyCrc;
    private final DictionaryForm dictionaryForm;
    private final long maxPageSize;
    private final long maxColumnBytes;
    private final Predicate filter;
    private final Predicate pruning;
    private final long firstRow;
    private final long endRow;
    private final Executor decodeExecutor;
    private final FooterCache footerCache;
    private final int footerSuffix;
    private final DecryptionProperties decryption;
    private final boolean lenientAnnotations;

    private ReadOptions(List<String> columns, boolean verifyCrc, DictionaryForm dictionaryForm, long maxPageSize,
                        long maxColumnBytes, Predicate filter, Predicate pruning, long firstRow, long endRow, Executor decodeExecutor,
                        FooterCache footerCache, int footerSuffix, DecryptionProperties decryption,
                        boolean lenientAnnotations) {
        this.columns = columns;
        this.verifyCrc = verifyCrc;
        this.dictionaryForm = dictionaryForm;
        this.maxPageSize = maxPageSize;
        this.maxColumnBytes = maxColumnBytes;
        this.filter = filter;
        this.pruning = pruning;
        this.firstRow = firstRow;
        this.endRow = endRow;
        this.decodeExecutor = decodeExecutor;
        this.footerCache = footerCache;
        this.footerSuffix = footerSuffix;
        this.decryption = decryption;
        this.lenientAnnotations = lenientAnnotations;
    }

    /**
     * Every column, every row, CRCs unchecked, dictionary-encoded strings kept as ids, decoding on the caller's thread,
     * annotations checked against their columns' types.
     */
    public static ReadOptions defaults() {
        return DEFAULTS;
    }

    /**
     * Reads only the columns these dotted paths name, in this order: field {@code i} of rows and batch column {@code i}
     * come from {@code paths.get(i)} (a group path selects every leaf below it, in file order). Groups without
     * columns ({@link io.pqflux.schema.MessageSchema#emptyGroups()}) are fields
     * of the rows, null in every row, when a path names them, an ancestor or a node inside them (their parent must
     * then be read: a top-level group, or a group with a selected column). Null reads every column and every empty
     * group.
     */
    public ReadOptions withColumns(List<String> paths) {
        return new ReadOptions(paths == null ? null : List.copyOf(paths), verifyCrc, dictionaryForm, maxPageSize,
                maxColumnBytes, filter, pruning, firstRow, endRow, decodeExecutor, footerCache, footerSuffix, decryption, lenientAnnotations);
    }

    /** Checks page CRCs where the file has them (off by default, as in other readers). */
    public ReadOptions withVerifyCrc(boolean verify) {
        return new ReadOptions(columns, verify, dictionaryForm, maxPageSize, maxColumnBytes, filter, pruning,
                firstRow, endRow, decodeExecutor, footerCache, footerSuffix, decryption, lenientAnnotations);
    }

    /** Whether dictionary-encoded chunks are decoded to values or kept as ids + dictionary; see {@link DictionaryForm}. */
    public ReadOptions withDictionaryForm(DictionaryForm form) {
        return new ReadOptions(columns, verifyCrc, Objects.requireNonNull(form, "form"), maxPageSize, maxColumnBytes,
                filter, pruning, firstRow, endRow, decodeExecutor, footerCache, footerSuffix, decryption, lenientAnnotations);
    }

    /** The largest decompressed page and the largest decoded column chunk accepted, in bytes. */
    public ReadOptions withLimits(long pageSize, long columnBytes) {
        if (pageSize <= 0 || columnBytes <= 0) {
            throw new IllegalArgumentException("limits must be positive: page " + pageSize + ", column " + columnBytes);
        }
        return new ReadOptions(columns, verifyCrc, dictionaryForm, pageSize, columnBytes, filter, pruning,
                firstRow, endRow, decodeExecutor, footerCache, footerSuffix, decryption, lenientAnnotations);
    }

    /** Only rows matching {@code predicate} (null: every row); the predicate is checked against the schema on open. */
    public ReadOptions withFilter(Predicate predicate) {
        return new ReadOptions(columns, verifyCrc, dictionaryForm, maxPageSize, maxColumnBytes, predicate, pruning,
                firstRow, endRow, decodeExecutor, footerCache, footerSuffix, decryption, lenientAnnotations);
    }

    /**
     * Skips the row groups and pages in which no row can satisfy {@code predicate} (null: no such pruning), reading
     * statistics, dictionaries, bloom filters and page indexes as a filter does, but filters no rows: every row of what
     * is left is read, for a caller that tests its own, richer condition on them. A leaf on a repeated column asks
     * whether <em>some</em> value of the row satisfies it, so such a leaf may not be negated or test for null
     * ({@code notEq} is allowed: some value differs). Combines with {@link #withFilter}.
     */
    public ReadOptions withPruning(Predicate predicate) {
        return new ReadOptions(columns, verifyCrc, dictionaryForm, maxPageSize, maxColumnBytes, filter, predicate,
                firstRow, endRow, decodeExecutor, footerCache, footerSuffix, decryption, lenientAnnotations);
    }

    /** Starts reading at row {@code row} of the file, locating it through offset indexes where the file has them. */
    public ReadOptions withFirstRow(long row) {
        if (row < 0) throw new IllegalArgumentException("negative first row " + row);
        return new ReadOptions(columns, verifyCrc, dictionaryForm, maxPageSize, maxColumnBytes, filter, pruning,
                row, endRow, decodeExecutor, footerCache, footerSuffix, decryption, lenientAnnotations);
    }

    /**
     * Reads only rows {@code [first, end)} of the file: row groups wholly outside are skipped without reading their
     * data (a split of a file by row groups is the range from its first row group's first row to the next group's),
     * and within a row group the rows are located through offset indexes where the file has them.
     */
    public ReadOptions withRows(long first, long end) {
        if (first < 0 || end < first) throw new IllegalArgumentException("bad row range [" + first + ", " + end + ")");
        return new ReadOptions(columns, verifyCrc, dictionaryForm, maxPageSize, maxColumnBytes, filter, pruning,
                first, end, decodeExecutor, footerCache, footerSuffix, decryption, lenientAnnotations);
    }

    /**
     * Decodes the column chunks of each row group as tasks on {@code executor} (for instance a pool with one
     * thread per core), so one row group uses several cores; null (the default) decodes on the caller's thread.
     */
    public ReadOptions withDecodeExecutor(Executor executor) {
        return new ReadOptions(columns, verifyCrc, dictionaryForm, maxPageSize, maxColumnBytes, filter, pruning,
                firstRow, endRow, executor, footerCache, footerSuffix, decryption, lenientAnnotations);
    }

    /**
     * Takes footers from {@code cache} and puts the ones it parses there, so opening a file again parses nothing;
     * null (the default) parses every footer.
     */
    public ReadOptions withFooterCache(FooterCache cache) {
        return new ReadOptions(columns, verifyCrc, dictionaryForm, maxPageSize, maxColumnBytes, filter, pruning, firstRow, endRow,
                decodeExecutor, cache, footerSuffix, decryption, lenientAnnotations);
    }

    /**
     * How many bytes the read of the file's end asks for, to get the footer with its 8-byte tail in one request: the
     * default guess ({@value FooterReader#DEFAULT_SUFFIX_GUESS}) covers most footers, a second read fetches a longer
     * one. When the footer's length is known beforehand (Tempo's {@code meta.footerSize}), its length + 8 makes the
     * read exact.
     */
    public ReadOptions withFooterSuffix(int bytes) {
        if (bytes < 8) throw new IllegalArgumentException("the footer suffix read needs at least the 8-byte tail: " + bytes);
        return new ReadOptions(columns, verifyCrc, dictionaryForm, maxPageSize, maxColumnBytes, filter, pruning, firstRow, endRow,
                decodeExecutor, footerCache, bytes, decryption, lenientAnnotations);
    }

    /**
     * Decrypts files written with Parquet modular encryption with these keys (null, the default: no keys). Without
     * them a file with an encrypted footer does not open, and one with a plaintext footer reads only its plaintext
     * columns; with them, the columns whose key is unknown fail when read, so a projection without them reads the
     * rest. A reader with decryption properties does not use the {@link #withFooterCache footer cache}.
     */
    public ReadOptions withDecryption(DecryptionProperties properties) {
        return new ReadOptions(columns, verifyCrc, dictionaryForm, maxPageSize, maxColumnBytes, filter, pruning, firstRow, endRow,
                decodeExecutor, footerCache, footerSuffix, properties, lenientAnnotations);
    }

    /**
     * Whether a column whose logical annotation cannot annotate its physical type (a DECIMAL on a BOOLEAN, a STRING on
     * an INT32, a UUID on FIXED_LEN_BYTE_ARRAY(8), …) is read as its physical type, the annotation dropped. Off by
     * default: such a file contradicts the format, and opening it fails with an
     * {@link io.pqflux.error.InvalidAnnotationException} naming the column, as parquet-java and DuckDB refuse it.
     */
    public ReadOptions withLenientAnnotations(boolean lenient) {
        return new ReadOptions(columns, verifyCrc, dictionaryForm, maxPageSize, maxColumnBytes, filter, pruning, firstRow, endRow,
                decodeExecutor, footerCache, footerSuffix, decryption, lenient);
    }

    /** The requested column paths in the order asked for, or null for every column. */
    public List<String> columns() {
        return columns;
    }

    public boolean verifyCrc() {
        return verifyCrc;
    }

    public DictionaryForm dictionaryForm() {
        return dictionaryForm;
    }

    public long maxPageSize() {
        return maxPageSize;
    }

    public long maxColumnBytes() {
        return maxColumnBytes;
    }

    /** The row filter, or null. */
    public Predicate filter() {
        return filter;
    }

    /** The pruning-only predicate ({@link #withPruning}), or null. */
    public Predicate pruning() {
        return pruning;
    }

    public long firstRow() {
        return firstRow;
    }

    /** The row after the last to read ({@code Long.MAX_VALUE}: the end of the file). */
    public long endRow() {
        return endRow;
    }

    /** The executor that decodes column chunks in parallel, or null. */
    public Executor decodeExecutor() {
        return decodeExecutor;
    }

    /** The footer cache, or null. */
    public FooterCache footerCache() {
        return footerCache;
    }

    /** Bytes of the footer's suffix read; see {@link #withFooterSuffix(int)}. */
    public int footerSuffix() {
        return footerSuffix;
    }

    /** The keys encrypted files are decrypted with, or null. */
    public DecryptionProperties decryption() {
        return decryption;
    }

    /** Whether annotations that cannot annotate their columns' types are dropped; see {@link #withLenientAnnotations}. */
    public boolean lenientAnnotations() {
        return lenientAnnotations;
    }

    PageReadOptions pageOptions() {
        return new PageReadOptions(verifyCrc, maxPageSize);
    }

    DecodeOptions decodeOptions() {
        return new DecodeOptions(dictionaryForm, maxColumnBytes, DecodeOptions.DEFAULT.kernels());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ReadOptions o && verifyCrc == o.verifyCrc && maxPageSize == o.maxPageSize
                && maxColumnBytes == o.maxColumnBytes && firstRow == o.firstRow && endRow == o.endRow && Objects.equals(columns, o.columns)
                && dictionaryForm == o.dictionaryForm && Objects.equals(filter, o.filter) && Objects.equals(pruning, o.pruning)
                && Objects.equals(decodeExecutor, o.decodeExecutor) && Objects.equals(footerCache, o.footerCache)
                && footerSuffix == o.footerSuffix && Objects.equals(decryption, o.decryption)
                && lenientAnnotations == o.lenientAnnotations;
    }

    @Override
    public int hashCode() {
        return Objects.hash(columns, verifyCrc, dictionaryForm, maxPageSize, maxColumnBytes, filter, pruning, firstRow, endRow, decodeExecutor,
                footerCache, footerSuffix, decryption, lenientAnnotations);
    }

    @Override
    public String toString() {
        return "ReadOptions[columns=" + (columns == null ? "all" : columns) + ", verifyCrc=" + verifyCrc
                + ", dictionaryForm=" + dictionaryForm + ", maxPageSize=" + maxPageSize + ", maxColumnBytes="
                + maxColumnBytes + ", filter=" + filter + (pruning == null ? "" : ", pruning=" + pruning) + ", firstRow=" + firstRow + (endRow == Long.MAX_VALUE ? "" : ", endRow=" + endRow)
                + (decodeExecutor == null ? "" : ", decodeExecutor=" + decodeExecutor)
                + (footerCache == null ? "" : ", footerCache=" + footerCache)
                + (decryption == null ? "" : ", decryption=" + decryption)
                + (lenientAnnotations ? ", lenientAnnotations" : "") + "]";
    }
}
