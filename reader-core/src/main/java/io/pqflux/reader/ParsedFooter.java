package io.pqflux.reader;

import io.pqflux.error.CorruptFileException;
import io.pqflux.error.InvalidAnnotationException;
import io.pqflux.error.SourceLocation;
import io.pqflux.format.meta.ColumnMetaData;
import io.pqflux.format.meta.FileMetaData;
import io.pqflux.format.meta.Footer;
import io.pqflux.format.meta.RowGroup;
import io.pqflux.internal.crypto.FileDecryptor;
import io.pqflux.internal.format.FooterReader;
import io.pqflux.schema.ColumnDescriptor;
import io.pqflux.schema.MessageSchema;
import io.pqflux.schema.SchemaBuilder;
import java.util.List;

/**
 * A footer with the schema built from it and checked against its row groups: what every reader of the file derives
 * before reading, kept together by the {@link FooterCache} so a file opened again (a Tempo block searched by several
 * passes, by query after query) does not build and check its schema again. An encrypted file's footer comes with
 * the file's decryption.
 *
 * @param decryptor          the file's decryption, or null for a plaintext file
 * @param annotationsDropped whether the schema is a lenient one that dropped annotations its columns' types cannot
 *                           have: such a schema serves lenient readers only
 */
record ParsedFooter(Footer footer, MessageSchema schema, FileDecryptor decryptor, boolean annotationsDropped) {

    /**
     * Builds and checks the schema of {@code opened}; with {@code lenientAnnotations} a column whose annotation does
     * not fit its physical type is read as the physical type.
     *
     * @throws CorruptFileException when the schema is malformed or the row groups disagree with it, or (not lenient) an
     *                              annotation does not fit its column ({@link InvalidAnnotationException})
     */
    static ParsedFooter of(FooterReader.OpenedFooter opened, boolean lenientAnnotations) {
        return of(opened.footer(), opened.decryptor(), lenientAnnotations);
    }

    /** As {@link #of(FooterReader.OpenedFooter, boolean)}, for a footer already read. */
    static ParsedFooter of(Footer footer, FileDecryptor decryptor, boolean lenientAnnotations) {
        MessageSchema schema;
        boolean dropped = false;
        try {
            schema = SchemaBuilder.build(footer.metaData().schema());
        } catch (InvalidAnnotationException e) {
            if (!lenientAnnotations) throw e;
            schema = SchemaBuilder.build(footer.metaData().schema(), true);
            dropped = true;
        }
        validateRowGroups(footer.metaData(), schema);
        return new ParsedFooter(footer, schema, decryptor, dropped);
    }

    /**
     * This footer for a reader that is lenient or not: itself, unless its schema dropped annotations and the reader is
     * strict, which then gets the {@link InvalidAnnotationException} a strict build throws.
     */
    ParsedFooter forReader(boolean lenientAnnotations) {
        return annotationsDropped && !lenientAnnotations ? of(footer, decryptor, false) : this;
    }

    private static void validateRowGroups(FileMetaData meta, MessageSchema schema) {
        List<ColumnDescriptor> leaves = schema.columns();
        for (int g = 0; g < meta.rowGroups().size(); g++) {
            RowGroup rowGroup = meta.rowGroups().get(g);
            SourceLocation where = new SourceLocation(null, g, null, -1);
            if (rowGroup.columns().size() != leaves.size()) {
                throw new CorruptFileException("row group has " + rowGroup.columns().size()
                        + " column chunks but the schema has " + leaves.size() + " columns", where);
            }
            if (rowGroup.numRows() < 0) throw new CorruptFileException("negative row count " + rowGroup.numRows(), where);
            for (int c = 0; c < leaves.size(); c++) {
                ColumnMetaData chunkMeta = rowGroup.columns().get(c).metaData();
                if (chunkMeta != null && !chunkMeta.pathInSchema().equals(leaves.get(c).path())) {
                    throw new CorruptFileException("column chunk " + c + " is for " + chunkMeta.pathInSchema()
                            + " but the schema's column " + c + " is " + leaves.get(c).path(), where);
                }
            }
        }
    }
}
