package io.pqflux.tempo;

/**
 * The block formats this reader reads, from {@code meta.format}. A reader must dispatch on the format before it
 * touches {@code data.parquet}: the three formats nest the same trace differently, and guessing from the columns
 * alone would silently mis-map attributes.
 */
public enum TempoFormat {
    VPARQUET3,
    VPARQUET4,
    /**
     * {@code vParquet5} and Tempo's pre-release {@code vParquet5-preview*} strings. Previews map some details
     * differently (dedicated columns, attributes without value); callers that care look at {@link BlockMeta#format()}.
     */
    VPARQUET5;

    private static final String VPARQUET5_PREVIEW_PREFIX = "vParquet5-preview";

    /**
     * The format of a {@code meta.format} string, exactly as Tempo spells it (case matters: Tempo compares strings).
     *
     * @param source the block the meta belongs to, named in the error
     * @throws TempoException {@link TempoException.Reason#UNSUPPORTED_FORMAT} for any other string (vParquet2, v2,
     *                        future formats), because reading such a block with a wrong mapping would return wrong
     *                        traces rather than fail
     */
    public static TempoFormat of(String metaFormat, String source) {
        if (metaFormat != null) {
            switch (metaFormat) {
                case "vParquet3": return VPARQUET3;
                case "vParquet4": return VPARQUET4;
                case "vParquet5": return VPARQUET5;
                default:
                    if (metaFormat.startsWith(VPARQUET5_PREVIEW_PREFIX)) return VPARQUET5;
            }
        }
        throw new TempoException(TempoException.Reason.UNSUPPORTED_FORMAT, source,
                "block format " + (metaFormat == null ? "null" : '"' + metaFormat + '"')
                        + " is not supported (vParquet3, vParquet4, vParquet5, vParquet5-preview*)");
    }
}
