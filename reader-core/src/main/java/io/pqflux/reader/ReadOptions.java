package io.pqflux.reader;

import io.pqflux.column.DecodeOptions;
import io.pqflux.page.PageReadOptions;
import java.util.List;

/**
 * What to read and how.
 *
 * @param columns        dotted column paths to read (a group path selects every leaf below it); null for all
 * @param verifyCrc      check page CRCs where present (off by default, like other readers)
 * @param keepDictionary return dictionary-encoded chunks as ids + dictionary
 * @param maxPageSize    largest decompressed page accepted, in bytes
 * @param maxColumnBytes largest decoded column chunk accepted, in bytes
 */
public record ReadOptions(List<String> columns, boolean verifyCrc, boolean keepDictionary, long maxPageSize,
                          long maxColumnBytes) {

    public static ReadOptions defaults() {
        return new ReadOptions(null, PageReadOptions.DEFAULT.verifyCrc(), DecodeOptions.DEFAULT.keepDictionary(),
                PageReadOptions.DEFAULT.maxPageSize(), DecodeOptions.DEFAULT.maxColumnBytes());
    }

    public ReadOptions withColumns(List<String> paths) {
        return new ReadOptions(paths == null ? null : List.copyOf(paths), verifyCrc, keepDictionary, maxPageSize, maxColumnBytes);
    }

    public ReadOptions withVerifyCrc(boolean verify) {
        return new ReadOptions(columns, verify, keepDictionary, maxPageSize, maxColumnBytes);
    }

    public ReadOptions withKeepDictionary(boolean keep) {
        return new ReadOptions(columns, verifyCrc, keep, maxPageSize, maxColumnBytes);
    }

    public ReadOptions withLimits(long pageSize, long columnBytes) {
        return new ReadOptions(columns, verifyCrc, keepDictionary, pageSize, columnBytes);
    }

    PageReadOptions pageOptions() {
        return new PageReadOptions(verifyCrc, maxPageSize);
    }

    DecodeOptions decodeOptions() {
        return new DecodeOptions(keepDictionary, maxColumnBytes);
    }
}
