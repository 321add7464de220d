package io.pqflux.reader;

import io.pqflux.crypto.DecryptionProperties;
import io.pqflux.error.ParquetException;
import io.pqflux.error.SourceLocation;
import io.pqflux.format.meta.Footer;
import io.pqflux.internal.format.FooterReader;
import io.pqflux.io.FileIdentity;
import io.pqflux.io.InputFile;
import io.pqflux.schema.MessageSchema;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parsed footers shared by readers ({@link ReadOptions#withFooterCache}), keyed by {@link FileIdentity} (name, length
 * and version: modification time, ETag), so a file read again is not parsed again and a replaced file is parsed
 * anew; each with the schema built and checked from it, which readers would otherwise build again on every open. Bounded by the footers' serialized lengths: the least recently used footers go first once their sum exceeds
 * the bound (the parsed objects take a few times their serialized length on the heap). Files without an identity
 * are parsed every time. Readers with decryption properties ({@link ReadOptions#withDecryption}) do not use the
 * cache: a footer decrypted with one caller's keys is not handed to another. Thread-safe; two threads missing the same
 * footer at once may both parse it.
 */
public final class FooterCache {

    private final long maxBytes;
    private final Map<FileIdentity, ParsedFooter> footers = new LinkedHashMap<>(16, 0.75f, true);
    private long bytes;
    private long hits;
    private long misses;
    private long evictions;

    private FooterCache(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** A cache holding footers of at most {@code maxBytes} serialized bytes in total. */
    public static FooterCache ofMaxBytes(long maxBytes) {
        if (maxBytes <= 0) throw new IllegalArgumentException("footer cache bound must be positive: " + maxBytes);
        return new FooterCache(maxBytes);
    }

    /**
     * The footer of {@code file}: cached, or read and parsed (and cached when the file has an identity). The file
     * stays open. Annotations that do not fit their columns' types are the schema's concern ({@link #schema}, a
     * reader's {@link ReadOptions#withLenientAnnotations}), so such a footer is returned as the file holds it.
     */
    public Footer footer(InputFile file) {
        return footer(file, FooterReader.DEFAULT_SUFFIX_GUESS);
    }

    /** As {@link #footer(InputFile)}, reading a miss with a suffix read of {@code suffixGuess} bytes. */
    public Footer footer(InputFile file, int suffixGuess) {
        return parsed(file, suffixGuess, true).footer();
    }

    /**
     * As {@link #footer(InputFile)} for a file that may be encrypted: with decryption properties (not null) the footer
     * is read and decrypted with them, and neither taken from the cache nor put there.
     */
    public Footer footer(InputFile file, DecryptionProperties decryption) {
        if (decryption == null) return footer(file);
        try {
            return FooterReader.open(file, FooterReader.DEFAULT_SUFFIX_GUESS, decryption).footer();
        } catch (ParquetException e) {
            throw e.locatedIn(SourceLocation.ofFile(file.name()));
        }
    }

    /**
     * The schema of {@code file}, built and checked once per cached footer (annotations included: a column whose
     * annotation does not fit its type is an {@link io.pqflux.error.InvalidAnnotationException}); the file stays open.
     */
    public MessageSchema schema(InputFile file) {
        return schema(file, FooterReader.DEFAULT_SUFFIX_GUESS);
    }

    /**
     * The schema of {@code file}, built and checked once per cached footer (a file without an identity: every time),
     * reading a miss's footer with a suffix read of {@code suffixGuess} bytes. The file stays open.
     */
    public MessageSchema schema(InputFile file, int suffixGuess) {
        return parsed(file, suffixGuess, false).schema();
    }

    /**
     * As {@link #footer(InputFile, int)}, with the footer's schema: lenient or not about annotations that do not fit
     * their columns' types ({@link ReadOptions#withLenientAnnotations}).
     */
    ParsedFooter parsed(InputFile file, int suffixGuess, boolean lenientAnnotations) {
        FileIdentity identity = file.identity();
        ParsedFooter parsed;
        try {
            if (identity != null) {
                ParsedFooter cached = lookup(identity);
                if (cached != null) return cached.forReader(lenientAnnotations);
            }
            parsed = ParsedFooter.of(FooterReader.open(file, suffixGuess, null), lenientAnnotations);
        } catch (ParquetException e) {
            throw e.locatedIn(SourceLocation.ofFile(file.name()));
        }
        synchronized (this) {
            misses++;
            if (identity != null) store(identity, parsed);
        }
        return parsed;
    }

    /** The footer cached for this content, or null; counts as a hit when there is one, never as a miss. */
    public Footer cached(FileIdentity identity) {
        ParsedFooter cached = lookup(identity);
        return cached == null ? null : cached.footer();
    }

    private synchronized ParsedFooter lookup(FileIdentity identity) {
        ParsedFooter parsed = footers.get(identity);
        if (parsed != null) hits++;
        return parsed;
    }

    private void store(FileIdentity identity, ParsedFooter parsed) {
        long length = parsed.footer().length();
        if (length > maxBytes) return;
        ParsedFooter previous = footers.put(identity, parsed);
        if (previous != null) bytes -= previous.footer().length();
        bytes += length;
        for (Iterator<ParsedFooter> oldest = footers.values().iterator(); bytes > maxBytes && oldest.hasNext(); ) {
            bytes -= oldest.next().footer().length();
            oldest.remove();
            evictions++;
        }
    }

    public synchronized FooterCacheMetrics metrics() {
        return new FooterCacheMetrics(hits, misses, evictions, footers.size(), bytes);
    }
}
