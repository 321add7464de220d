package io.pqflux.internal.page;

import io.pqflux.error.SourceLocation;
import io.pqflux.internal.page.PageHeaderWalker.RawPage;
import java.lang.foreign.MemorySegment;
import java.util.List;

/**
 * Pages read as separate runs of whole pages (the dictionary page, then the data pages a read needs), walked
 * one run after the other as if they were one chunk.
 */
public final class PageRuns implements RawPageSource {

    /**
     * Bytes holding whole pages, and where they start in the file.
     *
     * @param firstDataPageOrdinal the number, among the chunk's data pages, of the first data page in the run
     */
    public record Run(MemorySegment bytes, long fileOffset, int firstDataPageOrdinal) {
    }

    private final List<Run> runs;
    private final PageHeaderWalker.Encryption encryption;
    private final SourceLocation location;
    private int next;
    private PageHeaderWalker current;

    /** @param encryption how the chunk's pages are encrypted, or null when they are not */
    public PageRuns(List<Run> runs, PageHeaderWalker.Encryption encryption, SourceLocation location) {
        this.runs = List.copyOf(runs);
        this.encryption = encryption;
        this.location = location;
    }

    @Override
    public RawPage next() {
        while (true) {
            if (current != null) {
                RawPage page = current.next();
                if (page != null) return page;
            }
            if (next == runs.size()) return null;
            Run run = runs.get(next++);
            current = PageHeaderWalker.untilEnd(run.bytes(), run.fileOffset(), encryption, run.firstDataPageOrdinal(), location);
        }
    }

    /** The values the data pages of {@code runs} declare, from their headers alone. */
    public static long valueCount(List<Run> runs, PageHeaderWalker.Encryption encryption, SourceLocation location) {
        PageRuns pages = new PageRuns(runs, encryption, location);
        long values = 0;
        for (RawPage page = pages.next(); page != null; page = pages.next()) values += page.header().dataValues();
        return values;
    }
}
