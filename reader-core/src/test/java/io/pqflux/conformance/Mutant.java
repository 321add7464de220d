package io.pqflux.conformance;

import java.util.function.Supplier;

/**
 * A damaged variant of a file, built on demand (a file's variants would not all fit in memory at once).
 *
 * @param keepsValues whether a reader that does not fail must still return the original values: true when
 *                    the damage breaks an invariant a reader can check (sizes, counts, offsets, structure);
 *                    false when it may turn the file into a different readable one (another encoding, type,
 *                    codec or chunk; flipped value bytes)
 */
record Mutant(String description, boolean keepsValues, Supplier<byte[]> bytes) {
}
