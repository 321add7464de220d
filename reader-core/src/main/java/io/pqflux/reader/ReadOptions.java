package io.pqflux.reader;

import io.pqflux.internal.decode.DecodeOptions;
import io.pqflux.column.DictionaryForm;
import io.pqflux.filter.Predicate;
import io.pqflux.internal.page.PageReadOptions;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * What to read and how.
 *
 * @param columns        dotted column paths to read (a group path selects every leaf below it); null for all
 * @param verifyCrc      check page CRCs where present (off by default, like other readers)
 * @param dictionaryForm dictionary-encoded chunks as values or as ids + dictionary (by default strings stay ids)
 * @param maxPageSize    largest decompressed page accepted, in bytes
 * @param maxColumnBytes largest decoded column chunk accepted, in bytes
 * @param filter         only rows matching this predicate; null for every row
 * @param firstRow       start at this row of the file (0-based), skipping earlier row groups and pages unread
 * @param decodeExecutor runs the column chunks of a row group as parallel tasks; null decodes them one after
 *                       another on the calling thread
 */
public record ReadOptions(List<String> columns, boolean verifyCrc, DictionaryForm dictionaryForm, long maxPageSize,
                          long maxColumnBytes, Predicate filter, long firstRow, Executor decodeExecutor) {

    public ReadOptions {
        if (firstRow < 0) throw new IllegalArgumentException("negative first row " + firstRow);
    }

    public static ReadOptions defaults() {
        return new ReadOptions(null, PageReadOptions.DEFAULT.verifyCrc(), DecodeOptions.DEFAULT.dictionaryForm(),
                PageReadOptions.DEFAULT.maxPageSize(), DecodeOptions.DEFAULT.maxColumnBytes(), null, 0, null);
    }

    public ReadOptions withColumns(List<String> paths) {
        return new ReadOptions(paths == null ? null : List.copyOf(paths), verifyCrc, dictionaryForm, maxPageSize,
                maxColumnBytes, filter, firstRow, decodeExecutor);
    }

    public ReadOptions withVerifyCrc(boolean verify) {
        return new ReadOptions(columns, verify, dictionaryForm, maxPageSize, maxColumnBytes, filter, firstRow, decodeExecutor);
    }

    /** {@code true}: every dictionary-encoded chunk stays ids + dictionary; {@code false}: every value is materialised. */
    public ReadOptions withKeepDictionary(boolean keep) {
        return withDictionaryForm(keep ? DictionaryForm.KEPT : DictionaryForm.MATERIALIZED);
    }

    public ReadOptions withDictionaryForm(DictionaryForm form) {
        return new ReadOptions(columns, verifyCrc, form, maxPageSize, maxColumnBytes, filter, firstRow, decodeExecutor);
    }

    public ReadOptions withLimits(long pageSize, long columnBytes) {
        return new ReadOptions(columns, verifyCrc, dictionaryForm, pageSize, columnBytes, filter, firstRow, decodeExecutor);
    }

    /** Only rows matching {@code predicate} (null: every row); the predicate is checked against the schema on open. */
    public ReadOptions withFilter(Predicate predicate) {
        return new ReadOptions(columns, verifyCrc, dictionaryForm, maxPageSize, maxColumnBytes, predicate, firstRow, decodeExecutor);
    }

    /** Starts reading at row {@code row} of the file, locating it through offset indexes where the file has them. */
    public ReadOptions withFirstRow(long row) {
        return new ReadOptions(columns, verifyCrc, dictionaryForm, maxPageSize, maxColumnBytes, filter, row, decodeExecutor);
    }

    /**
     * Decodes the column chunks of each row group as tasks on {@code executor} (for instance a pool with one
     * thread per core), so one row group uses several cores; null (the default) decodes on the caller's thread.
     */
    public ReadOptions withDecodeExecutor(Executor executor) {
        return new ReadOptions(columns, verifyCrc, dictionaryForm, maxPageSize, maxColumnBytes, filter, firstRow, executor);
    }

    PageReadOptions pageOptions() {
        return new PageReadOptions(verifyCrc, maxPageSize);
    }

    DecodeOptions decodeOptions() {
        return new DecodeOptions(dictionaryForm, maxColumnBytes);
    }
}
