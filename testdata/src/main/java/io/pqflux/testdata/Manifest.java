package io.pqflux.testdata;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The checked-in list of corpus files and what reading each one must produce
 * ({@code testdata/corpus-manifest.tsv}). Columns, tab-separated: path (relative to parquet-testing),
 * sha256, outcome and a detail:
 * <ul>
 *   <li>{@code identical}: every value equals parquet-java's; the detail may name an expectations file too;</li>
 *   <li>{@code expected}: parquet-java cannot read the file, so the values are checked against the
 *       expectations file the detail names;</li>
 *   <li>{@code error}: the detail is the exception's simple class name and a fragment its message must
 *       contain, separated by ": ".</li>
 * </ul>
 * Expectations files are CSV, named relative to {@code testdata/}.
 */
public record Manifest(List<Entry> entries) {

    public static final String FILE_NAME = "corpus-manifest.tsv";

    public enum Outcome { IDENTICAL, EXPECTED, ERROR }

    /** @param expectations the expectations file relative to {@code testdata/}, or null */
    public record Entry(String path, String sha256, Outcome outcome, String errorType, String errorFragment,
                        String expectations) {

        public String describe() {
            return switch (outcome) {
                case IDENTICAL -> expectations == null ? "identical" : "identical, values as in " + expectations;
                case EXPECTED -> "values as in " + expectations;
                case ERROR -> "error " + errorType + ": " + errorFragment;
            };
        }

        public Path expectationsFile() {
            return expectations == null ? null : Corpus.root().resolve(expectations);
        }
    }

    /** Paths of the files that must read without error, identically to parquet-java or as expected. */
    public List<String> readableFiles() {
        return entries.stream().filter(e -> e.outcome() != Outcome.ERROR).map(Entry::path).toList();
    }

    /** Paths of the files that must read identically to parquet-java. */
    public List<String> identicalFiles() {
        return entries.stream().filter(e -> e.outcome() == Outcome.IDENTICAL).map(Entry::path).toList();
    }

    public static Manifest load() {
        Path file = Corpus.root().resolve(FILE_NAME);
        List<Entry> entries = new ArrayList<>();
        try {
            int lineNumber = 0;
            for (String line : Files.readAllLines(file)) {
                lineNumber++;
                if (line.isBlank() || line.startsWith("#")) continue;
                String[] f = line.split("\t", -1);
                if (f.length != 4) throw new IllegalStateException(file + ":" + lineNumber + ": expected 4 tab-separated fields");
                Outcome outcome = Outcome.valueOf(f[2].toUpperCase(java.util.Locale.ROOT));
                String type = null, fragment = null, expectations = null;
                if (outcome == Outcome.ERROR) {
                    int colon = f[3].indexOf(": ");
                    if (colon < 0) throw new IllegalStateException(file + ":" + lineNumber + ": error detail needs 'Type: fragment'");
                    type = f[3].substring(0, colon);
                    fragment = f[3].substring(colon + 2);
                } else if (!f[3].isEmpty()) {
                    expectations = f[3];
                } else if (outcome == Outcome.EXPECTED) {
                    throw new IllegalStateException(file + ":" + lineNumber + ": expected outcome needs an expectations file");
                }
                entries.add(new Entry(f[0], f[1], outcome, type, fragment, expectations));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Manifest(List.copyOf(entries));
    }
}
