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
 * sha256, outcome ({@code identical} or {@code error}), and for errors the exception's simple class name
 * and a fragment its message must contain, separated by ": ".
 */
public record Manifest(List<Entry> entries) {

    public static final String FILE_NAME = "corpus-manifest.tsv";

    public enum Outcome { IDENTICAL, ERROR }

    public record Entry(String path, String sha256, Outcome outcome, String errorType, String errorFragment) {

        public String describe() {
            return outcome == Outcome.IDENTICAL ? "identical" : "error " + errorType + ": " + errorFragment;
        }
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
                String type = null, fragment = null;
                if (outcome == Outcome.ERROR) {
                    int colon = f[3].indexOf(": ");
                    if (colon < 0) throw new IllegalStateException(file + ":" + lineNumber + ": error detail needs 'Type: fragment'");
                    type = f[3].substring(0, colon);
                    fragment = f[3].substring(colon + 2);
                }
                entries.add(new Entry(f[0], f[1], outcome, type, fragment));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Manifest(List.copyOf(entries));
    }
}
