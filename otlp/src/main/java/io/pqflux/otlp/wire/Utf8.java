package io.pqflux.otlp.wire;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** Whether stored bytes are well-formed UTF-8 (RFC 3629): no overlong form, encoded surrogate or code point past U+10FFFF. */
public final class Utf8 {

    private Utf8() {
    }

    /** The offset of the first byte of {@code bytes[from, to)} that begins no well-formed character, or -1 when none. */
    public static long firstMalformed(MemorySegment bytes, long from, long to) {
        long i = from;
        while (i < to) {
            int lead = bytes.get(ValueLayout.JAVA_BYTE, i);
            if (lead >= 0) {
                i++;
                continue;
            }
            lead &= 0xFF;
            int continuations;
            int low = 0x80, high = 0xBF; // the range of the byte after the lead
            if (lead >= 0xC2 && lead <= 0xDF) {
                continuations = 1;
            } else if (lead >= 0xE0 && lead <= 0xEF) {
                continuations = 2;
                if (lead == 0xE0) low = 0xA0;
                else if (lead == 0xED) high = 0x9F;
            } else if (lead >= 0xF0 && lead <= 0xF4) {
                continuations = 3;
                if (lead == 0xF0) low = 0x90;
                else if (lead == 0xF4) high = 0x8F;
            } else {
                return i;
            }
            if (to - i <= continuations) return i;
            int second = bytes.get(ValueLayout.JAVA_BYTE, i + 1) & 0xFF;
            if (second < low || second > high) return i;
            for (int k = 2; k <= continuations; k++) {
                if ((bytes.get(ValueLayout.JAVA_BYTE, i + k) & 0xC0) != 0x80) return i;
            }
            i += continuations + 1;
        }
        return -1;
    }
}
