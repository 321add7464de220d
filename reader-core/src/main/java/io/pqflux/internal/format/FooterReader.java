package io.pqflux.internal.format;

import io.pqflux.crypto.DecryptionProperties;
import io.pqflux.error.CorruptFileException;
import io.pqflux.error.ParquetException;
import io.pqflux.error.SourceLocation;
import io.pqflux.format.meta.FileCryptoMetaData;
import io.pqflux.format.meta.FileMetaData;
import io.pqflux.format.meta.Footer;
import io.pqflux.internal.codec.encoding.LittleEndian;
import io.pqflux.internal.crypto.FileDecryptor;
import io.pqflux.internal.thrift.CompactReader;
import io.pqflux.internal.thrift.FileMetaDataDecoder;
import io.pqflux.io.InputFile;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * Reads the footer with one suffix read that usually covers the footer too (a second read only when
 * the footer is larger than the guess), validating both magics and the footer length first. Files written with
 * Parquet modular encryption come in two forms: an encrypted footer (magic {@code PARE}: the plaintext
 * {@code FileCryptoMetaData}, then the footer as one GCM module), decrypted here; and a plaintext footer (magic
 * {@code PAR1}, {@code encryption_algorithm} set) followed by a 28-byte signature, verified here when the caller gave
 * decryption properties. Either way the column metadata encrypted separately is decrypted for the columns whose key is
 * known.
 */
public final class FooterReader {

    /** Large enough for most footers, small enough to be a cheap first request against object storage. */
    public static final int DEFAULT_SUFFIX_GUESS = 64 * 1024;

    private static final int MAGIC_PAR1 = 0x31524150; // "PAR1" little-endian
    private static final int MAGIC_PARE = 0x45524150; // "PARE": encrypted footer
    private static final int TAIL = 8; // footer length + magic

    /**
     * A footer and the decryption of its file.
     *
     * @param decryptor null for a plaintext file
     */
    public record OpenedFooter(Footer footer, FileDecryptor decryptor) { }

    private FooterReader() {
    }

    public static Footer read(InputFile file) {
        return read(file, DEFAULT_SUFFIX_GUESS);
    }

    /** The footer of a file read without decryption keys (an encrypted footer fails with a DecryptionException). */
    public static Footer read(InputFile file, int suffixGuess) {
        return open(file, suffixGuess, null).footer();
    }

    /**
     * The footer, decrypted or verified with {@code properties} where the file is encrypted.
     *
     * @param properties the caller's keys, or null when none were given
     */
    public static OpenedFooter open(InputFile file, int suffixGuess, DecryptionProperties properties) {
        SourceLocation where = SourceLocation.ofFile(file.name());
        long fileLength = file.length();
        if (fileLength < 4 + TAIL) {
            throw new CorruptFileException("file of " + fileLength + " bytes is too short to be Parquet (at least 12)",
                    where.withOffset(0));
        }
        try (Arena arena = Arena.ofConfined()) {
            long suffixLength = Math.min(fileLength, Math.max(suffixGuess, TAIL));
            long suffixStart = fileLength - suffixLength;
            MemorySegment suffix = file.read(suffixStart, suffixLength, arena);
            int tailMagic = suffix.get(LittleEndian.INT, suffixLength - 4);
            if (tailMagic != MAGIC_PAR1 && tailMagic != MAGIC_PARE) {
                throw new CorruptFileException("no PAR1 magic at the end of the file (found " + hex(tailMagic) + ")",
                        where.withOffset(fileLength - 4));
            }
            int headMagic = suffixStart == 0 ? suffix.get(LittleEndian.INT, 0) : file.read(0, 4, arena).get(LittleEndian.INT, 0);
            if (headMagic != tailMagic) {
                throw new CorruptFileException("no " + magicName(tailMagic) + " magic at the start of the file (found "
                        + hex(headMagic) + ")", where.withOffset(0));
            }
            long footerLength = Integer.toUnsignedLong(suffix.get(LittleEndian.INT, suffixLength - TAIL));
            long footerOffset = fileLength - TAIL - footerLength;
            if (footerOffset < 4) {
                throw new CorruptFileException("footer length " + footerLength + " does not fit in a file of "
                        + fileLength + " bytes", where.withOffset(fileLength - TAIL));
            }
            MemorySegment footer = footerOffset >= suffixStart
                    ? suffix.asSlice(footerOffset - suffixStart, footerLength)
                    : file.read(footerOffset, footerLength, arena);
            return tailMagic == MAGIC_PARE
                    ? encryptedFooter(footer, footerOffset, properties, where)
                    : plaintextFooter(footer, footerOffset, properties, where);
        }
    }

    private static OpenedFooter plaintextFooter(MemorySegment footer, long footerOffset, DecryptionProperties properties,
                                                SourceLocation where) {
        CompactReader reader = new CompactReader(footer, footerOffset, where);
        FileMetaData meta = decode(reader, footerOffset, where);
        if (meta.encryptionAlgorithm() == null) return new OpenedFooter(new Footer(meta, footerOffset, footer.byteSize()), null);
        FileDecryptor decryptor = FileDecryptor.of(meta.encryptionAlgorithm(), meta.footerSigningKeyMetadata(), properties,
                where.file());
        if (decryptor.hasProperties()) {
            long signed = reader.position();
            if (footer.byteSize() - signed != FileDecryptor.SIGNATURE_BYTES) {
                throw new CorruptFileException("the plaintext footer of an encrypted file is followed by "
                        + (footer.byteSize() - signed) + " bytes instead of its " + FileDecryptor.SIGNATURE_BYTES
                        + "-byte signature", where.withOffset(footerOffset + signed));
            }
            decryptor.verifyFooterSignature(footer.asSlice(0, signed), footer.asSlice(signed), footerOffset);
        }
        return new OpenedFooter(new Footer(decryptor.withColumnMetaDataDecrypted(meta), footerOffset, footer.byteSize()),
                decryptor);
    }

    private static OpenedFooter encryptedFooter(MemorySegment footer, long footerOffset, DecryptionProperties properties,
                                                SourceLocation where) {
        CompactReader cryptoReader = new CompactReader(footer, footerOffset, where);
        FileCryptoMetaData crypto;
        try {
            crypto = FileMetaDataDecoder.readFileCryptoMetaData(cryptoReader);
        } catch (ParquetException e) {
            throw e.locatedIn(where.withOffset(footerOffset + cryptoReader.position()));
        }
        long moduleOffset = footerOffset + cryptoReader.position();
        FileDecryptor decryptor = FileDecryptor.of(crypto.encryptionAlgorithm(), crypto.keyMetadata(), properties, where.file());
        byte[] plaintext = decryptor.decryptFooter(footer.asSlice(cryptoReader.position()), moduleOffset);
        // offsets of errors in the decrypted footer are those of its module: its bytes are not the file's
        FileMetaData meta = decode(new CompactReader(MemorySegment.ofArray(plaintext), moduleOffset, where), moduleOffset, where);
        return new OpenedFooter(new Footer(decryptor.withColumnMetaDataDecrypted(meta), footerOffset, footer.byteSize()),
                decryptor);
    }

    private static FileMetaData decode(CompactReader reader, long offset, SourceLocation where) {
        try {
            return FileMetaDataDecoder.read(reader);
        } catch (ParquetException e) {
            throw e.locatedIn(where.withOffset(offset + reader.position()));
        }
    }

    private static String magicName(int magic) {
        return magic == MAGIC_PARE ? "PARE" : "PAR1";
    }

    private static String hex(int magic) {
        return String.format("0x%08x", Integer.reverseBytes(magic));
    }
}
