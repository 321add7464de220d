package io.pqflux.format.meta;

/**
 * Column chunk or page statistics. {@code min}/{@code max} are the deprecated signed-order bounds,
 * {@code minValue}/{@code maxValue} follow the column order. Every component is optional (nullable).
 */
public record Statistics(
        BinaryValue max,
        BinaryValue min,
        Long nullCount,
        Long distinctCount,
        BinaryValue maxValue,
        BinaryValue minValue,
        Boolean isMaxValueExact,
        Boolean isMinValueExact,
        Long nanCount) {
}
