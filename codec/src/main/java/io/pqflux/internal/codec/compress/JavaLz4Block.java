package io.pqflux.internal.codec.compress;

import io.pqflux.internal.codec.encoding.LittleEndian;
import io.pqflux.error.CorruptFileException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The LZ4 block format in plain Java over MemorySegments: sequences of a token, literals and a back
 * reference into the output. Every length and offset is checked before it is used, and the segments
 * check every access besides, so no input can reach memory outside them.
 */
final class JavaLz4Block implements Lz4Block {
    private static final int MIN_MATCH = 4;
    private static final int LAST_LITERALS = 5;
    /** No match may start within the last 12 bytes of the output (the format's MFLIMIT). */
    private static final int MATCH_FREE_TAIL = 12;
    /** After a sequence's literals, another sequence needs its offset, a token and the 5 final literals. */
    private static final int MIN_SEQUENCE_TAIL = 2 + 1 + LAST_LITERALS;

    /**
     * The block must end exactly at the end of {@code in}, with a sequence of literals only. The format's
     * end-of-block rules are enforced as liblz4's safe decoder does, relative to the output's capacity, so
     * both decoders accept the same blocks: the last 5 bytes are literals, and a sequence whose literals end
     * within the last 12 output bytes or the last 8 input bytes must be the final one.
     */
    @Override
    public long decode(MemorySegment in, MemorySegment out) {
        long inEnd = in.byteSize();
        long outEnd = out.byteSize();
        long ip = 0;
        long op = 0;
        while (true) {
            if (ip >= inEnd) throw corrupt("block ends at offset " + ip + " before its final literals");
            long sequence = ip;
            int token = in.get(ValueLayout.JAVA_BYTE, ip++) & 0xFF;
            long literals = token >>> 4;
            if (literals == 15) {
                long extension = readLengthExtension(in, ip, inEnd);
                literals += extension;
                ip += extension / 255 + 1;
            }
            if (literals > inEnd - ip) {
                throw corrupt(literals + " literals at offset " + ip + " run past the block's end at " + inEnd);
            }
            if (literals > outEnd - op) throw tooLong(outEnd);
            boolean last = literals == inEnd - ip;
            if (!last && (literals > outEnd - MATCH_FREE_TAIL - op || literals > inEnd - MIN_SEQUENCE_TAIL - ip)) {
                throw corrupt("sequence at offset " + sequence + " ends too close to the end of the block to be followed by another");
            }
            MemorySegment.copy(in, ip, out, op, literals);
            ip += literals;
            op += literals;
            if (last) return op;
            int offset = in.get(LittleEndian.SHORT, ip) & 0xFFFF;
            if (offset == 0 || offset > op) {
                throw corrupt("match offset " + offset + " at offset " + ip + " points before the start of the output");
            }
            ip += 2;
            long match = token & 15;
            if (match == 15) {
                long extension = readLengthExtension(in, ip, inEnd);
                match += extension;
                ip += extension / 255 + 1;
            }
            match += MIN_MATCH;
            if (match > outEnd - op) throw tooLong(outEnd);
            if (match > outEnd - LAST_LITERALS - op) {
                throw corrupt("match of sequence at offset " + sequence + " reaches into the last " + LAST_LITERALS
                        + " bytes of the output, which must be literals");
            }
            copyMatch(out, op - offset, op, match);
            op += match;
        }
    }

    /**
     * A length continues in bytes of 255 until one below 255; their sum is added to the token's 15, and
     * {@code sum / 255 + 1} is the number of bytes they take.
     */
    private static long readLengthExtension(MemorySegment in, long ip, long inEnd) {
        long sum = 0;
        for (long p = ip; ; p++) {
            if (p >= inEnd) throw corrupt("length starting at offset " + ip + " runs past the block's end at " + inEnd);
            int b = in.get(ValueLayout.JAVA_BYTE, p) & 0xFF;
            sum += b;
            if (b != 255) return sum;
        }
    }

    /**
     * Copies a back reference that may overlap its own output (offset below length repeats a pattern): each
     * bulk copy takes only bytes already written, doubling the run it can copy next.
     */
    private static void copyMatch(MemorySegment out, long from, long to, long length) {
        long distance = to - from;
        long done = 0;
        while (done < length) {
            long n = Math.min(length - done, distance + done);
            MemorySegment.copy(out, from, out, to + done, n);
            done += n;
        }
    }

    private static CorruptFileException tooLong(long capacity) {
        return new CorruptFileException("block decodes to more than the " + capacity + " bytes declared for it");
    }

    private static CorruptFileException corrupt(String reason) {
        return new CorruptFileException(reason);
    }
}
