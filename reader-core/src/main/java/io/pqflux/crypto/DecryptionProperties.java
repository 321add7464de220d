package io.pqflux.crypto;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The keys that open files written with Parquet modular encryption: the footer key (which also opens the columns
 * encrypted with it), column keys by dotted column path, a {@link KeyRetriever} for the keys not given explicitly, and
 * the AAD prefix for files that were encrypted with one they do not store. Immutable; built with {@link #builder()}.
 * Its {@code toString} never shows key bytes.
 */
public final class DecryptionProperties {

    private final byte[] footerKey;
    private final Map<String, byte[]> columnKeys;
    private final KeyRetriever keyRetriever;
    private final byte[] aadPrefix;

    private DecryptionProperties(Builder builder) {
        this.footerKey = builder.footerKey;
        this.columnKeys = Map.copyOf(builder.columnKeys);
        this.keyRetriever = builder.keyRetriever;
        this.aadPrefix = builder.aadPrefix;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The explicit footer key, or null. */
    public byte[] footerKey() {
        return footerKey == null ? null : footerKey.clone();
    }

    /** The explicit key of the column at {@code dottedPath} (its path in the schema, as {@code a.b.c}), or null. */
    public byte[] columnKey(String dottedPath) {
        byte[] key = columnKeys.get(dottedPath);
        return key == null ? null : key.clone();
    }

    /** The retriever asked for keys not given explicitly, or null. */
    public KeyRetriever keyRetriever() {
        return keyRetriever;
    }

    /** The AAD prefix to decrypt with, or null: then the one the file stores, if any. */
    public byte[] aadPrefix() {
        return aadPrefix == null ? null : aadPrefix.clone();
    }

    @Override
    public String toString() {
        return "DecryptionProperties[" + (footerKey == null ? "no footer key" : "footer key") + ", "
                + columnKeys.size() + " column key" + (columnKeys.size() == 1 ? "" : "s")
                + (keyRetriever == null ? "" : ", key retriever") + (aadPrefix == null ? "" : ", AAD prefix") + "]";
    }

    /** Collects the keys; each key is copied, and must be 16, 24 or 32 bytes (AES-128, -192, -256). */
    public static final class Builder {

        private byte[] footerKey;
        private final Map<String, byte[]> columnKeys = new HashMap<>();
        private KeyRetriever keyRetriever;
        private byte[] aadPrefix;

        private Builder() {
        }

        public Builder footerKey(byte[] key) {
            this.footerKey = checkedKey(key, "footer key");
            return this;
        }

        /** The key of the column at {@code dottedPath}, e.g. {@code "address.city"} or {@code "tags.list.element"}. */
        public Builder columnKey(String dottedPath, byte[] key) {
            Objects.requireNonNull(dottedPath, "dottedPath");
            columnKeys.put(dottedPath, checkedKey(key, "key of column " + dottedPath));
            return this;
        }

        public Builder keyRetriever(KeyRetriever retriever) {
            this.keyRetriever = Objects.requireNonNull(retriever, "retriever");
            return this;
        }

        /** The AAD prefix the file was encrypted with (needed when the file does not store it). */
        public Builder aadPrefix(byte[] prefix) {
            this.aadPrefix = Objects.requireNonNull(prefix, "prefix").clone();
            return this;
        }

        public DecryptionProperties build() {
            return new DecryptionProperties(this);
        }

        private static byte[] checkedKey(byte[] key, String what) {
            Objects.requireNonNull(key, what);
            if (!isAesKeyLength(key.length)) {
                throw new IllegalArgumentException(what + " has " + key.length + " bytes; AES keys have 16, 24 or 32");
            }
            return key.clone();
        }
    }

    /** True for the lengths of AES-128, -192 and -256 keys. */
    public static boolean isAesKeyLength(int length) {
        return length == 16 || length == 24 || length == 32;
    }
}
