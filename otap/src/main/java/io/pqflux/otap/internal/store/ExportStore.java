package io.pqflux.otap.internal.store;

import io.pqflux.io.InputFile;
import java.util.List;

/**
 * Where an export's base lives: a local directory or an S3 prefix. Paths are relative to the base, '/'-separated
 * ({@code logs/_part_id=…/part-…parquet}). The methods block; callers run them where blocking is allowed.
 */
public interface ExportStore {

    /** One object below the base. */
    record Entry(String path, long size) {
    }

    /** How messages name {@code path}: the local path or the {@code s3://} URI. */
    String describe(String path);

    /** Every object below the base, recursively, sorted by path. */
    List<Entry> list();

    /** {@code path} opened for reading; the caller owns it. */
    InputFile open(String path);
}
