package io.pqflux.format.meta;

/** Header of a V1 data page. Encodings are null when the file names an id this reader does not know. */
public record DataPageHeader(
        int numValues,
        Encoding encoding,
        Encoding definitionLevelEncoding,
        Encoding repetitionLevelEncoding,
        Statistics statistics) {
}
