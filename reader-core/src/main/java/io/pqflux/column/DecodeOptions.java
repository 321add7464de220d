package io.pqflux.column;

/**
 * @param keepDictionary return dictionary-encoded chunks as ids + dictionary instead of materialising values
 * @param maxColumnBytes largest amount of off-heap memory one decoded column chunk may take
 */
public record DecodeOptions(boolean keepDictionary, long maxColumnBytes) {

    public static final DecodeOptions DEFAULT = new DecodeOptions(false, 4L << 30);
}
