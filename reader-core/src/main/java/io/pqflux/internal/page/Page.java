package io.pqflux.internal.page;

import io.pqflux.format.meta.PageHeader;
import java.lang.foreign.MemorySegment;

/**
 * A page whose bytes are ready to decode: decompressed, and for V2 split into its three sections.
 * Segments are valid until the {@link PageReader} moves to the next page.
 */
public sealed interface Page {

    PageHeader header();

    /** File offset of the page header. */
    long fileOffset();

    record DictionaryPage(PageHeader header, long fileOffset, MemorySegment data) implements Page { }

    /** V1: repetition levels, definition levels and values, in that order, in one segment. */
    record DataPageV1(PageHeader header, long fileOffset, MemorySegment data) implements Page { }

    /** V2: levels are stored uncompressed ahead of the values, with their lengths in the header. */
    record DataPageV2(PageHeader header, long fileOffset, MemorySegment repetitionLevels,
                      MemorySegment definitionLevels, MemorySegment values) implements Page { }
}
