package io.pqflux.tempo.internal.tags;

import io.pqflux.reader.ParquetReader;
import io.pqflux.schema.MessageSchema;
import java.util.List;

/** A block's {@code data.parquet} for reads of single columns: its schema, and a reader of some of its columns. */
public interface DataFile {

    MessageSchema schema();

    /** A reader of these columns only, dictionary-encoded chunks kept as dictionary + ids; the caller closes it. */
    ParquetReader open(List<String> columns);
}
