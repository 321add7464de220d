package io.pqflux.internal.crypto;

import io.pqflux.crypto.DecryptionProperties;
import io.pqflux.crypto.KeyRetriever;
import io.pqflux.error.DecryptionException;
import io.pqflux.error.ParquetException;
import io.pqflux.error.SourceLocation;
import io.pqflux.format.meta.BinaryValue;
import io.pqflux.format.meta.ColumnChunk;
import io.pqflux.format.meta.ColumnCryptoMetaData;
import io.pqflux.format.meta.ColumnMetaData;
import io.pqflux.format.meta.EncryptionAlgorithm;
import io.pqflux.format.meta.FileMetaData;
import io.pqflux.format.meta.RowGroup;
import io.pqflux.internal.thrift.CompactReader;
import io.pqflux.internal.thrift.FileMetaDataDecoder;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The decryption of one encrypted file: its algorithm, its file AAD (AAD prefix + the file's unique id), and the
 * keys of its footer and columns, found in the {@link DecryptionProperties} or through their {@link KeyRetriever}
 * (each looked up once). A file with a plaintext footer may be opened without properties: its plaintext columns read,
 * its encrypted ones fail with {@link DecryptionException.Problem#KEY_UNAVAILABLE}, as do columns whose key is
 * unknown. Thread-safe.
 */
public final class FileDecryptor {

    /** Bytes of the signature after the plaintext footer of an encrypted file: a nonce and a GCM tag. */
    public static final int SIGNATURE_BYTES = ModuleCipher.NONCE + ModuleCipher.TAG;

    private final EncryptionAlgorithm algorithm;
    private final BinaryValue footerKeyMetadata;
    private final DecryptionProperties properties;
    private final SourceLocation file;
    /** Null when the AAD prefix is missing or contradicted: then {@link #aadProblem} says why. */
    private final byte[] fileAad;
    private final DecryptionException aadProblem;
    private final Map<String, Optional<byte[]>> columnKeys = new ConcurrentHashMap<>();
    /** Null until the footer key is first needed. */
    private volatile Optional<byte[]> footerKey;

    private FileDecryptor(EncryptionAlgorithm algorithm, BinaryValue footerKeyMetadata, DecryptionProperties properties,
                          SourceLocation file) {
        this.algorithm = algorithm;
        this.footerKeyMetadata = footerKeyMetadata;
        this.properties = properties;
        this.file = file;
        byte[] prefix = null;
        DecryptionException problem = null;
        try {
            prefix = aadPrefix();
        } catch (DecryptionException e) {
            problem = e;
        }
        this.aadProblem = problem;
        this.fileAad = problem == null ? concat(prefix, bytes(algorithm.aadFileUnique())) : null;
    }

    /**
     * @param footerKeyMetadata the footer key's metadata (FileCryptoMetaData.key_metadata, or the plaintext footer's
     *                          footer_signing_key_metadata), or null
     * @param properties        the caller's keys, or null when none were given
     */
    public static FileDecryptor of(EncryptionAlgorithm algorithm, BinaryValue footerKeyMetadata,
                                   DecryptionProperties properties, String fileName) {
        return new FileDecryptor(algorithm, footerKeyMetadata, properties, SourceLocation.ofFile(fileName));
    }

    /** True when the caller gave decryption properties (and so expects the footer to be verified). */
    public boolean hasProperties() {
        return properties != null;
    }

    /** The plaintext of an encrypted footer, the GCM module at {@code offset}. */
    public byte[] decryptFooter(MemorySegment module, long offset) {
        SourceLocation where = file.withOffset(offset);
        byte[] key = footerKey("the footer is encrypted", where);
        return new ModuleCipher(key, ModuleCipher.Mode.GCM).decrypt(module, ModuleAad.footer(fileAad(where)), "footer", where);
    }

    /**
     * Checks the signature of a plaintext footer: {@code signature} is the {@value #SIGNATURE_BYTES} bytes (nonce, tag)
     * after the serialized {@code footer}.
     *
     * @throws DecryptionException when the footer key is unknown or the signature does not verify
     */
    public void verifyFooterSignature(MemorySegment footer, MemorySegment signature, long offset) {
        SourceLocation where = file.withOffset(offset);
        byte[] key = footerKey("verifying the plaintext footer's signature needs the footer key", where);
        byte[] nonceAndTag = signature.toArray(ValueLayout.JAVA_BYTE);
        byte[] nonce = Arrays.copyOfRange(nonceAndTag, 0, ModuleCipher.NONCE);
        byte[] tag = Arrays.copyOfRange(nonceAndTag, ModuleCipher.NONCE, ModuleCipher.NONCE + ModuleCipher.TAG);
        if (!new ModuleCipher(key, ModuleCipher.Mode.GCM).signs(footer, nonce, tag, ModuleAad.footer(fileAad(where)))) {
            throw new DecryptionException(DecryptionException.Problem.AUTHENTICATION_FAILED, "the plaintext footer's signature "
                    + "does not verify: a wrong footer key, a wrong AAD prefix, or an altered footer", where);
        }
    }

    /**
     * {@code meta} with the encrypted column metadata of every chunk whose key is known decrypted into its
     * {@code meta_data}; chunks whose key is unknown keep what the footer holds (nothing, or a plaintext footer's copy
     * without statistics) and fail when read.
     */
    public FileMetaData withColumnMetaDataDecrypted(FileMetaData meta) {
        List<RowGroup> rowGroups = new ArrayList<>(meta.rowGroups().size());
        for (int g = 0; g < meta.rowGroups().size(); g++) {
            RowGroup rowGroup = meta.rowGroups().get(g);
            List<ColumnChunk> chunks = new ArrayList<>(rowGroup.columns().size());
            for (int c = 0; c < rowGroup.columns().size(); c++) {
                chunks.add(decryptedMetaData(rowGroup.columns().get(c), rowGroupOrdinal(rowGroup, g), g, c));
            }
            rowGroups.add(new RowGroup(List.copyOf(chunks), rowGroup.totalByteSize(), rowGroup.numRows(), rowGroup.sortingColumns(),
                    rowGroup.fileOffset(), rowGroup.totalCompressedSize(), rowGroup.ordinal()));
        }
        return new FileMetaData(meta.version(), meta.schema(), meta.numRows(), List.copyOf(rowGroups), meta.keyValueMetadata(),
                meta.createdBy(), meta.columnOrders(), meta.encryptionAlgorithm(), meta.footerSigningKeyMetadata());
    }

    private ColumnChunk decryptedMetaData(ColumnChunk chunk, int rowGroupOrdinal, int rowGroup, int column) {
        if (chunk.cryptoMetadata() == null || chunk.encryptedColumnMetadata() == null) return chunk;
        byte[] key = key(chunk.cryptoMetadata());
        if (key == null) return chunk;
        String path = pathOf(chunk);
        SourceLocation where = new SourceLocation(file.file(), rowGroup, path, -1);
        byte[] plaintext = new ModuleCipher(key, ModuleCipher.Mode.GCM).decrypt(
                MemorySegment.ofArray(chunk.encryptedColumnMetadata().toByteArray()),
                ModuleAad.of(fileAad(where), ModuleType.COLUMN_META_DATA, rowGroupOrdinal, column, -1),
                "column " + path + " column metadata", where);
        CompactReader reader = new CompactReader(MemorySegment.ofArray(plaintext), 0, where);
        ColumnMetaData meta;
        try {
            meta = FileMetaDataDecoder.readColumnMetaData(reader);
        } catch (ParquetException e) {
            throw e.locatedIn(where);
        }
        return new ColumnChunk(chunk.filePath(), chunk.fileOffset(), meta, chunk.offsetIndexOffset(), chunk.offsetIndexLength(),
                chunk.columnIndexOffset(), chunk.columnIndexLength(), chunk.cryptoMetadata(), chunk.encryptedColumnMetadata());
    }

    /**
     * The decryptor of an encrypted chunk, or null when the chunk is plaintext.
     *
     * @param rowGroupIndex the row group's position in the footer (its ordinal unless the footer sets one)
     * @param columnIndex   the column's position among the schema's leaves
     * @throws DecryptionException when the chunk's key is unknown or the file's AAD prefix is missing
     */
    public ColumnDecryptor column(RowGroup rowGroup, int rowGroupIndex, int columnIndex, String dottedPath) {
        ColumnChunk chunk = rowGroup.columns().get(columnIndex);
        if (chunk.cryptoMetadata() == null) return null;
        SourceLocation where = new SourceLocation(file.file(), rowGroupIndex, dottedPath, -1);
        byte[] key = key(chunk.cryptoMetadata());
        if (key == null) {
            BinaryValue keyMetadata = chunk.cryptoMetadata() instanceof ColumnCryptoMetaData.EncryptionWithColumnKey withKey
                    ? withKey.keyMetadata() : footerKeyMetadata;
            String whose = chunk.cryptoMetadata() instanceof ColumnCryptoMetaData.EncryptionWithColumnKey
                    ? "its column key" : "the footer key";
            throw new DecryptionException(DecryptionException.Problem.KEY_UNAVAILABLE, "column " + dottedPath
                    + " is encrypted and " + whose + " is not available" + KeyMetadataText.hint(keyMetadata), where);
        }
        byte[] aad = fileAad(where);
        ModuleCipher metadata = new ModuleCipher(key, ModuleCipher.Mode.GCM);
        ModuleCipher pages = algorithm.mode() == EncryptionAlgorithm.Mode.AES_GCM_CTR_V1
                ? new ModuleCipher(key, ModuleCipher.Mode.CTR) : metadata;
        return new ColumnDecryptor(metadata, pages, aad, rowGroupOrdinal(rowGroup, rowGroupIndex), columnIndex, dottedPath);
    }

    /** The ordinal a row group's AAD carries: the one the footer sets, else its position. */
    private static int rowGroupOrdinal(RowGroup rowGroup, int index) {
        return rowGroup.ordinal() != null ? rowGroup.ordinal() : index;
    }

    /** The key of a chunk: the footer key, or its column key; null when unknown. */
    private byte[] key(ColumnCryptoMetaData crypto) {
        return switch (crypto) {
            case ColumnCryptoMetaData.EncryptionWithFooterKey _ -> properties == null ? null : resolvedFooterKey();
            case ColumnCryptoMetaData.EncryptionWithColumnKey withKey -> columnKeys.computeIfAbsent(
                    String.join(".", withKey.pathInSchema()), path -> Optional.ofNullable(columnKey(path, withKey.keyMetadata())))
                    .orElse(null);
        };
    }

    private byte[] columnKey(String path, BinaryValue keyMetadata) {
        if (properties == null) return null;
        byte[] explicit = properties.columnKey(path);
        return explicit != null ? explicit : retrieved(keyMetadata, "column " + path);
    }

    private byte[] footerKey(String why, SourceLocation where) {
        byte[] key = properties == null ? null : resolvedFooterKey();
        if (key == null) {
            throw new DecryptionException(DecryptionException.Problem.KEY_UNAVAILABLE, why + " and no footer key is "
                    + (properties == null ? "given" : "available") + KeyMetadataText.hint(footerKeyMetadata), where);
        }
        return key;
    }

    /** The footer key, looked up once (a race looks it up twice, to the same key); null when unknown. */
    private byte[] resolvedFooterKey() {
        Optional<byte[]> known = footerKey;
        if (known == null) {
            byte[] explicit = properties.footerKey();
            footerKey = known = Optional.ofNullable(explicit != null ? explicit : retrieved(footerKeyMetadata, "the footer"));
        }
        return known.orElse(null);
    }

    private byte[] retrieved(BinaryValue keyMetadata, String whose) {
        KeyRetriever retriever = properties.keyRetriever();
        if (retriever == null) return null;
        byte[] key = retriever.key(keyMetadata == null ? new byte[0] : keyMetadata.toByteArray());
        if (key != null && !DecryptionProperties.isAesKeyLength(key.length)) {
            throw new DecryptionException(DecryptionException.Problem.KEY_UNAVAILABLE, "the key retriever returned "
                    + key.length + " bytes as the key of " + whose + "; AES keys have 16, 24 or 32", file);
        }
        return key;
    }

    private byte[] fileAad(SourceLocation where) {
        if (aadProblem != null) throw (DecryptionException) aadProblem.locatedIn(where);
        return fileAad;
    }

    /** The AAD prefix to use: the caller's or the file's, after the checks parquet-java makes. */
    private byte[] aadPrefix() {
        byte[] stored = bytes(algorithm.aadPrefix());
        byte[] given = properties == null ? null : properties.aadPrefix();
        boolean mustSupply = Boolean.TRUE.equals(algorithm.supplyAadPrefix());
        if (given != null && stored != null && !Arrays.equals(given, stored)) {
            throw new DecryptionException(DecryptionException.Problem.AAD_PREFIX,
                    "the AAD prefix given differs from the one the file stores", file);
        }
        if (given != null && stored == null && !mustSupply) {
            throw new DecryptionException(DecryptionException.Problem.AAD_PREFIX,
                    "an AAD prefix was given but the file was encrypted without one", file);
        }
        byte[] prefix = given != null ? given : stored;
        if (prefix == null && mustSupply) {
            throw new DecryptionException(DecryptionException.Problem.AAD_PREFIX, "the file was encrypted with an AAD "
                    + "prefix it does not store; give it (the AAD prefix of the decryption properties)", file);
        }
        return prefix;
    }

    private static String pathOf(ColumnChunk chunk) {
        return chunk.cryptoMetadata() instanceof ColumnCryptoMetaData.EncryptionWithColumnKey withKey
                ? String.join(".", withKey.pathInSchema())
                : chunk.metaData() != null ? String.join(".", chunk.metaData().pathInSchema()) : "?";
    }

    private static byte[] bytes(BinaryValue value) {
        return value == null ? null : value.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] first = a == null ? new byte[0] : a;
        byte[] second = b == null ? new byte[0] : b;
        byte[] joined = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, joined, first.length, second.length);
        return joined;
    }
}
