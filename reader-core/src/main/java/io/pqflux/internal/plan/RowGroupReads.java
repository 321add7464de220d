package io.pqflux.internal.plan;

import io.pqflux.io.InputFile;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.function.Supplier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * The reads of one row group's column chunks: the byte ranges of every chunk's {@link ChunkPlan}, merged across
 * chunks into fewer, larger reads ({@link CoalescingOptions}). Each merged read is fetched from the file when a
 * chunk first asks for its bytes, and its memory released when the last chunk using it is done, so a scan holds
 * little more than the chunks being decoded. Chunks may be decoded on several threads at once.
 *
 * <p>A range that does not lie within the file is never merged: it is read on its own, and the error that read
 * raises belongs to its chunk alone.
 *
 * <p>The chunks' bytes are taken through {@linkplain #lease leases}: a slice of the row group leases the ranges of
 * the pages it decodes, which lie within its chunks' planned ranges, so slices of one row group share one fetch of
 * it. The plan holds every read until it {@linkplain #releasePlanHold gives up its hold} (no more slices will lease),
 * after which a read is freed as its last lease is released.
 *
 * <p>The bytes of a read may also come from elsewhere ({@link #supply}): an asynchronous fetch of the
 * {@linkplain #fetchRanges() ranges} that hands its buffers over, owner and all. Either way a read's memory has one
 * release point, its last user's release or {@link #close()}.
 */
public final class RowGroupReads implements AutoCloseable {

    private final InputFile file;
    private final boolean shared;
    private final List<Read> reads = new ArrayList<>();
    private final List<ChunkPlan> chunks;
    /** Per chunk, per range: the read holding it. */
    private final Read[][] readOf;
    private final boolean[] released;
    private boolean closed;

    /**
     * @param shared whether chunks are decoded on other threads than this one, so fetched bytes must be readable
     *               from any thread (a shared arena, whose closing costs a JVM-wide handshake); otherwise every
     *               call must come from this thread
     */
    public RowGroupReads(InputFile file, List<ChunkPlan> chunks, CoalescingOptions options, boolean shared) {
        this.file = file;
        this.shared = shared;
        this.chunks = List.copyOf(chunks);
        this.readOf = new Read[chunks.size()][];
        this.released = new boolean[chunks.size()];
        record Member(int chunk, int range, ByteRange bytes) {
        }
        List<Member> members = new ArrayList<>();
        for (int c = 0; c < chunks.size(); c++) {
            List<ByteRange> ranges = chunks.get(c).ranges();
            readOf[c] = new Read[ranges.size()];
            for (int r = 0; r < ranges.size(); r++) members.add(new Member(c, r, ranges.get(r)));
        }
        members.sort(Comparator.comparingLong(m -> m.bytes().start()));
        Read open = null;
        for (Member member : members) {
            ByteRange range = member.bytes();
            boolean mergeable = range.start() >= 0 && range.start() <= range.end() && range.end() <= file.length();
            long gap = open == null ? 0 : Math.max(0, range.start() - open.end);
            long needed = open == null ? 0 : open.needed + Math.max(0, range.end() - Math.max(open.end, range.start()));
            if (open == null || !mergeable || !open.mergeable || gap > options.maxGap()
                    || Math.max(open.end, range.end()) - open.start > options.maxReadSize()
                    || open.gaps + gap > options.maxGapShare() * needed) {
                open = new Read(range.start(), range.end(), mergeable);
                open.needed = range.length();
                reads.add(open);
            } else {
                open.end = Math.max(open.end, range.end());
                open.gaps += gap;
                open.needed = needed;
            }
            readOf[member.chunk()][member.range()] = open;
        }
        for (Read[] chunkReads : readOf) {
            for (Read read : distinct(chunkReads)) read.users++;
        }
    }

    /** The merged reads within the file, in file order: what an asynchronous fetch {@linkplain #supply supplies}. */
    public List<io.pqflux.io.ByteRange> fetchRanges() {
        List<io.pqflux.io.ByteRange> ranges = new ArrayList<>();
        for (Read read : reads) {
            if (read.mergeable && read.end > read.start) ranges.add(new io.pqflux.io.ByteRange(read.start, read.end - read.start));
        }
        return ranges;
    }

    /**
     * Gives the bytes of the fetch range at {@code offset} (one of {@link #fetchRanges()}), and the ownership of
     * {@code owner}, which is closed once no chunk needs the bytes any more. Nothing is read from the file for that
     * range then. When these reads are closed, every chunk of the range is done, or the range has its bytes already,
     * {@code owner} is closed at once.
     *
     * @throws IllegalArgumentException when no fetch range starts at {@code offset} with the length of {@code bytes}
     */
    public void supply(long offset, MemorySegment bytes, AutoCloseable owner) {
        Read read = null;
        for (Read candidate : reads) {
            if (candidate.mergeable && candidate.start == offset && candidate.end - candidate.start == bytes.byteSize()) {
                read = candidate;
                break;
            }
        }
        boolean taken;
        synchronized (this) {
            taken = read != null && !closed && read.supplied(bytes, owner);
        }
        if (taken) return;
        closeQuietly(owner);
        if (read == null) {
            throw new IllegalArgumentException("no fetch range is [" + offset + ", " + (offset + bytes.byteSize()) + ")");
        }
    }

    /** Reads from the file every fetch range not supplied: blocking, when the file blocks. */
    public void fetchAll() {
        for (Read read : reads) {
            if (read.mergeable) read.fetch();
        }
    }

    /**
     * Chunk {@code chunk}'s bytes over {@code ranges}, each within one of the chunk's planned ranges (a slice of the
     * row group reads some of its pages), held until the lease is released.
     *
     * @throws IllegalStateException when a range lies outside the chunk's planned ranges, or its bytes were freed
     *                               already (leased after the plan gave up its hold and every lease was released)
     */
    public Lease lease(int chunk, List<ByteRange> ranges) {
        List<ByteRange> planned = chunks.get(chunk).ranges();
        Read[] holding = new Read[ranges.size()];
        for (int r = 0; r < ranges.size(); r++) {
            ByteRange range = ranges.get(r);
            for (int p = 0; p < planned.size() && holding[r] == null; p++) {
                ByteRange plannedRange = planned.get(p);
                if (plannedRange.start() <= range.start() && range.end() <= plannedRange.end()) holding[r] = readOf[chunk][p];
            }
            if (holding[r] == null) {
                throw new IllegalStateException("[" + range.start() + ", " + range.end() + ") lies outside chunk " + chunk
                        + "'s planned ranges " + planned);
            }
        }
        Read[] distinct = distinct(holding);
        for (int r = 0; r < distinct.length; r++) {
            try {
                distinct[r].acquire();
            } catch (IllegalStateException e) {
                for (int acquired = 0; acquired < r; acquired++) distinct[acquired].release();
                throw e;
            }
        }
        return new Lease(List.copyOf(ranges), holding);
    }

    /**
     * The plan's hold on every read, given up: no more leases will be taken. A read no lease holds is freed now, the
     * others with their last lease. Idempotent.
     */
    public synchronized void releasePlanHold() {
        for (int chunk = 0; chunk < readOf.length; chunk++) {
            if (released[chunk]) continue;
            released[chunk] = true;
            releaseEach(readOf[chunk]);
        }
    }

    /** Bytes of one chunk held for a slice: {@link #bytes()} until {@link #release()}. */
    public static final class Lease {

        private final List<ByteRange> ranges;
        private final Read[] reads;
        private boolean released;

        private Lease(List<ByteRange> ranges, Read[] reads) {
            this.ranges = ranges;
            this.reads = reads;
        }

        public List<ByteRange> ranges() {
            return ranges;
        }

        /** The bytes of the ranges, in order: fetched now if nothing fetched them before. Valid until released. */
        public List<MemorySegment> bytes() {
            List<MemorySegment> bytes = new ArrayList<>(ranges.size());
            for (int r = 0; r < ranges.size(); r++) {
                ByteRange range = ranges.get(r);
                bytes.add(reads[r].bytes().asSlice(range.start() - reads[r].start, range.length()));
            }
            return bytes;
        }

        /** Gives the bytes up: reads nothing else holds are freed. Idempotent. */
        public void release() {
            synchronized (this) {
                if (released) return;
                released = true;
            }
            releaseEach(reads);
        }
    }

    /** Releases each read of {@code reads} once, however many of the ranges it holds. */
    private static void releaseEach(Read[] reads) {
        for (Read read : distinct(reads)) read.release();
    }

    /**
     * The reads of {@code reads}, each once. This runs for every lease of every chunk, and a stream's hash set showed
     * in a search's allocation profile: most chunks have a few ranges, scanned without a set.
     */
    private static Read[] distinct(Read[] reads) {
        if (reads.length > 16) {
            Set<Read> seen = Collections.newSetFromMap(new IdentityHashMap<>());
            return Arrays.stream(reads).filter(seen::add).toArray(Read[]::new);
        }
        Read[] distinct = new Read[reads.length];
        int count = 0;
        next:
        for (Read read : reads) {
            for (int d = 0; d < count; d++) {
                if (distinct[d] == read) continue next;
            }
            distinct[count++] = read;
        }
        return count == reads.length ? distinct : Arrays.copyOf(distinct, count);
    }

    /** Frees every read, also those of chunks never released (a failed or abandoned decode). */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        for (Read read : reads) read.free();
    }

    private static void closeQuietly(AutoCloseable owner) {
        try {
            owner.close();
        } catch (Exception e) {
            // releasing memory nobody will use; there is nobody to tell but the owner's own safety net
        }
    }

    /** One read from the file, covering ranges of one or more chunks. */
    private final class Read {

        final long start;
        long end;
        final boolean mergeable;
        /** Bytes of the ranges merged into this read, and of the gaps between them (planning only). */
        long needed;
        long gaps;
        int users;
        private Arena arena;
        private MemorySegment bytes;
        /** Owns supplied bytes, instead of the arena. */
        private AutoCloseable owner;

        Read(long start, long end, boolean mergeable) {
            this.start = start;
            this.end = end;
            this.mergeable = mergeable;
        }

        synchronized MemorySegment bytes() {
            if (bytes == null) {
                if (arena == null) arena = new LazyArena(shared ? Arena::ofShared : Arena::ofConfined);
                bytes = file.read(start, end - start, arena);
            }
            return bytes;
        }

        /** Fetches the bytes unless they are there, or no chunk needs them any more. */
        synchronized void fetch() {
            if (users > 0) bytes();
        }

        /** False when the read has bytes already, or no chunk needs them any more. */
        synchronized boolean supplied(MemorySegment supplied, AutoCloseable suppliedOwner) {
            if (bytes != null || users == 0) return false;
            bytes = supplied;
            owner = suppliedOwner;
            return true;
        }

        synchronized void acquire() {
            if (users == 0) throw new IllegalStateException("the bytes [" + start + ", " + end + ") were freed already");
            users++;
        }

        synchronized void release() {
            if (--users == 0) free();
        }

        synchronized void free() {
            if (arena != null) arena.close();
            if (owner != null) closeQuietly(owner);
            arena = null;
            owner = null;
            bytes = null;
        }
    }

    /**
     * An arena made on first allocation: a read that is a view of a mapping allocates nothing, and then closing costs
     * nothing either (closing a shared arena is a JVM-wide handshake).
     */
    private static final class LazyArena implements Arena {

        private final Supplier<Arena> factory;
        private Arena arena;

        LazyArena(Supplier<Arena> factory) {
            this.factory = factory;
        }

        private synchronized Arena arena() {
            if (arena == null) arena = factory.get();
            return arena;
        }

        @Override
        public MemorySegment allocate(long byteSize, long byteAlignment) {
            return arena().allocate(byteSize, byteAlignment);
        }

        @Override
        public MemorySegment.Scope scope() {
            return arena().scope();
        }

        @Override
        public synchronized void close() {
            if (arena != null) arena.close();
        }
    }
}
