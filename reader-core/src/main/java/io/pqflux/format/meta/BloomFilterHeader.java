package io.pqflux.format.meta;

/**
 * Header of a split-block bloom filter. Each union is reduced to the one member the format defines;
 * a member this reader does not know is null.
 */
public record BloomFilterHeader(int numBytes, Algorithm algorithm, Hash hash, Compression compression) {

    public enum Algorithm { BLOCK }

    public enum Hash { XXHASH }

    public enum Compression { UNCOMPRESSED }
}
