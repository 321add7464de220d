package io.pqflux.testdata.random;

import java.nio.file.Path;
import java.util.List;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.schema.MessageType;

/**
 * A file written by {@link RandomParquetFiles}: everything needed to replay it from its seed and to
 * compare a reader against what was written.
 *
 * @param maxDepth the depth bound the file was generated under (part of what replays it)
 * @param depth    the nesting depth drawn for this file; 0 for a flat schema
 * @param records  the records as written, in order
 */
public record GeneratedFile(long seed, int maxDepth, int depth, Path path, MessageType schema, WriterSettings settings,
                            List<Group> records) {

    /** Seed, settings and schema: what a failure report needs to be replayed and understood. */
    public String describe() {
        return "seed " + seed + " (max depth " + maxDepth + ", depth " + depth + "), " + records.size() + " rows, " + settings
                + "\n" + schema;
    }
}
