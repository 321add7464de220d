package io.pqflux.internal.codec.compress;

import io.pqflux.error.CorruptFileException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * GZIP (RFC 1952) pages: one or more gzip members, each a header, a raw deflate stream and a CRC-32/size
 * trailer. The headers are parsed here so the JDK's {@link Inflater} can work on the segments' buffers
 * directly, without the heap copies {@code GZIPInputStream} would make.
 */
final class GzipDecompressor implements Decompressor {

    private static final int FHCRC = 0x02;
    private static final int FEXTRA = 0x04;
    private static final int FNAME = 0x08;
    private static final int FCOMMENT = 0x10;
    private static final int RESERVED_FLAGS = 0xE0;
    private static final int FIXED_HEADER_SIZE = 10;
    private static final int TRAILER_SIZE = 8;

    private final Inflater inflater = new Inflater(true);
    private final CRC32 crc = new CRC32();
    /** Receives output once the segment is full, to tell a finished stream from one that wants more room. */
    private final byte[] overflowProbe = new byte[1];

    @Override
    public String name() {
        return "gzip";
    }

    @Override
    public void decompress(MemorySegment input, MemorySegment output) {
        ByteBuffer in = ByteBuffers.view(input, "gzip").order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer out = ByteBuffers.view(output, "gzip");
        // Concatenated members are legal gzip and some writers emit them within one page.
        while (in.hasRemaining()) {
            int memberOutputStart = out.position();
            in.position(skipHeader(in, in.position()));
            inflateMember(in, out);
            verifyTrailer(in, out, memberOutputStart);
        }
        if (out.hasRemaining()) {
            throw new CorruptFileException("gzip: declared uncompressed size " + output.byteSize()
                    + " but stream holds " + out.position());
        }
    }

    /** Returns the offset of the deflate data of the member whose header starts at {@code start}. */
    private static int skipHeader(ByteBuffer in, int start) {
        int limit = in.limit();
        if (limit - start < FIXED_HEADER_SIZE) {
            throw new CorruptFileException("gzip: member header at offset " + start + " needs " + FIXED_HEADER_SIZE
                    + " bytes but only " + (limit - start) + " remain");
        }
        int magic = in.getShort(start) & 0xFFFF;
        if (magic != 0x8B1F) {
            throw new CorruptFileException("gzip: expected magic 1f 8b at offset " + start + " but found "
                    + String.format("%02x %02x", magic & 0xFF, magic >>> 8));
        }
        int method = in.get(start + 2) & 0xFF;
        if (method != 8) {
            throw new CorruptFileException("gzip: expected compression method 8 (deflate) at offset " + (start + 2)
                    + " but found " + method);
        }
        int flags = in.get(start + 3) & 0xFF;
        if ((flags & RESERVED_FLAGS) != 0) {
            throw new CorruptFileException("gzip: reserved header flag bits set at offset " + (start + 3)
                    + ": " + String.format("0x%02x", flags));
        }
        int pos = start + FIXED_HEADER_SIZE;
        if ((flags & FEXTRA) != 0) {
            requireHeaderBytes(in, pos, 2, "FEXTRA length");
            int extraLength = in.getShort(pos) & 0xFFFF;
            requireHeaderBytes(in, pos + 2, extraLength, "FEXTRA field");
            pos += 2 + extraLength;
        }
        if ((flags & FNAME) != 0) pos = skipZeroTerminated(in, pos, "FNAME");
        if ((flags & FCOMMENT) != 0) pos = skipZeroTerminated(in, pos, "FCOMMENT");
        if ((flags & FHCRC) != 0) {
            // The header CRC guards only the bytes just parsed, which the checks above already validated.
            requireHeaderBytes(in, pos, 2, "FHCRC");
            pos += 2;
        }
        return pos;
    }

    private static void requireHeaderBytes(ByteBuffer in, int pos, int needed, String field) {
        if (in.limit() - pos < needed) {
            throw new CorruptFileException("gzip: header field " + field + " at offset " + pos + " needs " + needed
                    + " bytes but only " + (in.limit() - pos) + " remain");
        }
    }

    private static int skipZeroTerminated(ByteBuffer in, int pos, String field) {
        for (int i = pos; i < in.limit(); i++) {
            if (in.get(i) == 0) return i + 1;
        }
        throw new CorruptFileException("gzip: header field " + field + " starting at offset " + pos
                + " has no terminating zero before the end of the stream at " + in.limit());
    }

    /** Inflates one raw deflate stream from {@code in}'s position, leaving it just past the stream. */
    private void inflateMember(ByteBuffer in, ByteBuffer out) {
        int deflateStart = in.position();
        inflater.reset();
        inflater.setInput(in);
        try {
            while (!inflater.finished()) {
                if (!out.hasRemaining()) {
                    if (inflater.inflate(overflowProbe) > 0) {
                        throw new CorruptFileException("gzip: stream holds more than the declared uncompressed size "
                                + out.capacity());
                    }
                } else if (inflater.inflate(out) > 0) {
                    continue;
                }
                if (inflater.finished()) break;
                if (inflater.needsInput()) {
                    throw new CorruptFileException("gzip: deflate stream starting at offset " + deflateStart
                            + " is truncated at offset " + in.limit());
                }
                if (inflater.needsDictionary()) {
                    throw new CorruptFileException("gzip: deflate stream starting at offset " + deflateStart
                            + " asks for a preset dictionary");
                }
                // zlib stops only for lack of input, lack of room or the end of the stream; anything else
                // would spin forever, so refuse it.
                throw new CorruptFileException("gzip: deflate stream starting at offset " + deflateStart
                        + " stopped making progress");
            }
        } catch (DataFormatException e) {
            throw new CorruptFileException("gzip: invalid deflate data in the stream starting at offset "
                    + deflateStart + " (" + e.getMessage() + ")", e);
        }
        // The inflater advanced in's position by what it consumed, but it also reads ahead; the
        // remaining count is the exact end of the deflate stream.
        in.position(in.limit() - inflater.getRemaining());
    }

    private void verifyTrailer(ByteBuffer in, ByteBuffer out, int memberOutputStart) {
        int pos = in.position();
        if (in.limit() - pos < TRAILER_SIZE) {
            throw new CorruptFileException("gzip: member trailer at offset " + pos + " needs " + TRAILER_SIZE
                    + " bytes but only " + (in.limit() - pos) + " remain");
        }
        int expectedCrc = in.getInt(pos);
        int expectedSize = in.getInt(pos + 4);
        int memberSize = out.position() - memberOutputStart;
        crc.reset();
        crc.update(out.duplicate().position(memberOutputStart).limit(out.position()));
        if ((int) crc.getValue() != expectedCrc) {
            throw new CorruptFileException("gzip: member CRC-32 mismatch at offset " + pos + ": trailer says "
                    + String.format("%08x", expectedCrc) + " but data hashes to " + String.format("%08x", (int) crc.getValue()));
        }
        // ISIZE is the member's size modulo 2^32; pages are below 2 GiB, so an int compare is exact.
        if (memberSize != expectedSize) {
            throw new CorruptFileException("gzip: member trailer at offset " + pos + " says size "
                    + Integer.toUnsignedString(expectedSize) + " but member inflated to " + memberSize);
        }
        in.position(pos + TRAILER_SIZE);
    }

    /**
     * Deflate's densest code is a 258-byte match whose length and distance codes take one bit each:
     * 2 bits per 258 bytes, i.e. at most 1032 output bytes per input byte. Gzip headers and trailers
     * only add input.
     */
    @Override
    public long maxOutputSize(long inputSize) {
        return Decompressors.saturatedMultiply(inputSize, 1032);
    }

    @Override
    public void close() {
        inflater.end();
    }
}
