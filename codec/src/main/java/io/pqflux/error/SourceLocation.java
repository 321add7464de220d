package io.pqflux.error;

/**
 * Where in a Parquet file something went wrong. Every part is optional: kernels that know nothing of
 * files throw with {@link #UNKNOWN} and the reader layers add what they know while the error travels up.
 *
 * @param file     file name or URI, or {@code null}
 * @param rowGroup row group index, or -1
 * @param column   dotted column path, or {@code null}
 * @param offset   absolute byte offset in the file, or -1
 */
public record SourceLocation(String file, int rowGroup, String column, long offset) {

    public static final SourceLocation UNKNOWN = new SourceLocation(null, -1, null, -1);

    public static SourceLocation ofFile(String file) {
        return new SourceLocation(file, -1, null, -1);
    }

    public SourceLocation withFile(String newFile) {
        return new SourceLocation(newFile, rowGroup, column, offset);
    }

    public SourceLocation withRowGroup(int newRowGroup) {
        return new SourceLocation(file, newRowGroup, column, offset);
    }

    public SourceLocation withColumn(String newColumn) {
        return new SourceLocation(file, rowGroup, newColumn, offset);
    }

    public SourceLocation withOffset(long newOffset) {
        return new SourceLocation(file, rowGroup, column, newOffset);
    }

    /** Fills the parts this location lacks from {@code outer}; what this location knows wins. */
    public SourceLocation orElse(SourceLocation outer) {
        return new SourceLocation(
                file != null ? file : outer.file,
                rowGroup >= 0 ? rowGroup : outer.rowGroup,
                column != null ? column : outer.column,
                offset >= 0 ? offset : outer.offset);
    }

    public boolean isUnknown() {
        return file == null && rowGroup < 0 && column == null && offset < 0;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        if (file != null) sb.append(file);
        if (rowGroup >= 0) sb.append(sb.isEmpty() ? "" : ", ").append("row group ").append(rowGroup);
        if (column != null) sb.append(sb.isEmpty() ? "" : ", ").append("column ").append(column);
        if (offset >= 0) sb.append(sb.isEmpty() ? "" : ", ").append("offset ").append(offset);
        return sb.toString();
    }
}
