package io.pqflux.conformance;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Unstructured damage: truncation, bit flips anywhere, byte overwrites near the end (footer and last pages). */
public final class RandomCorruption {

    private RandomCorruption() {
    }

    /** Variant {@code variant} of {@code original}: a third each of the three kinds, drawn from {@code random}. */
    public static byte[] variant(byte[] original, int variant, SplittableRandom random) {
        switch (variant % 3) {
            case 0 -> {
                return Arrays.copyOf(original, random.nextInt(original.length));
            }
            case 1 -> {
                byte[] copy = original.clone();
                for (int i = 0, n = 1 + random.nextInt(8); i < n; i++) copy[random.nextInt(copy.length)] ^= (byte) (1 << random.nextInt(8));
                return copy;
            }
            default -> {
                byte[] copy = original.clone();
                int from = copy.length - Math.max(16, copy.length / 10);
                for (int i = 0, n = 1 + random.nextInt(4); i < n; i++) {
                    copy[from + random.nextInt(copy.length - from)] = (byte) random.nextInt(256);
                }
                return copy;
            }
        }
    }
}
