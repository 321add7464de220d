package io.pqflux.error;

/**
 * A column's logical annotation cannot annotate its physical type (a DECIMAL on a BOOLEAN, a STRING on an INT32, a
 * UUID on an 8-byte FIXED_LEN_BYTE_ARRAY, a DECIMAL whose precision does not fit its type): the file contradicts the
 * format, and the readers that check annotations (parquet-java, DuckDB) refuse it. A lenient read
 * ({@code ReadOptions.withLenientAnnotations}) reads such a column as its physical type instead. The location names
 * the column; {@link #annotation()} and {@link #physicalType()} say what did not fit.
 */
public final class InvalidAnnotationException extends CorruptFileException {

    private final String annotation;
    private final String physicalType;
    private final String rule;

    /**
     * @param annotation   the annotation as the format names it, e.g. {@code DECIMAL(9,2)} or {@code UTF8}
     * @param physicalType the column's physical type, with its length for FIXED_LEN_BYTE_ARRAY
     * @param rule         what the annotation needs, e.g. "DECIMAL annotates INT32, INT64, BYTE_ARRAY or
     *                     FIXED_LEN_BYTE_ARRAY"
     */
    public InvalidAnnotationException(String annotation, String physicalType, String rule, SourceLocation location) {
        super("schema: " + annotation + " cannot annotate " + physicalType + ": " + rule
                + " (a lenient read drops the annotation)", location, null);
        this.annotation = annotation;
        this.physicalType = physicalType;
        this.rule = rule;
    }

    public String annotation() {
        return annotation;
    }

    public String physicalType() {
        return physicalType;
    }

    @Override
    protected InvalidAnnotationException withLocation(SourceLocation newLocation) {
        return new InvalidAnnotationException(annotation, physicalType, rule, newLocation);
    }
}
