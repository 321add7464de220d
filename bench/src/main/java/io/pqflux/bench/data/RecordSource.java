package io.pqflux.bench.data;

/** Produces the records of a generated file one at a time, in order. */
public interface RecordSource {

    /** Writes the next record's fields (the caller starts and ends the message). */
    void writeNext(RecordEmitter out);
}
