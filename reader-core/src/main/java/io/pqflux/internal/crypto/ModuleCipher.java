package io.pqflux.internal.crypto;

import io.pqflux.error.CorruptFileException;
import io.pqflux.error.DecryptionException;
import io.pqflux.error.SourceLocation;
import io.pqflux.internal.codec.compress.GrowableOutput;
import io.pqflux.internal.codec.encoding.LittleEndian;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Decrypts modules of one key as the spec serialises them: a 4-byte little-endian length, then the 12-byte nonce and
 * the ciphertext, followed for GCM by the 16-byte tag. GCM checks the tag against the module's AAD; CTR (pages of
 * AES_GCM_CTR_V1) authenticates nothing and starts its counter at 1. The JDK's ciphers do the work; a cipher object is
 * made per call, so one instance serves many threads.
 */
final class ModuleCipher {

    static final int LENGTH_PREFIX = 4;
    static final int NONCE = 12;
    static final int TAG = 16;
    private static final int TAG_BITS = TAG * 8;

    enum Mode { GCM, CTR }

    private final SecretKeySpec key;
    private final Mode mode;

    ModuleCipher(byte[] key, Mode mode) {
        this.key = new SecretKeySpec(key, "AES");
        this.mode = mode;
    }

    /** Bytes of nonce, tag and length prefix a module adds to its plaintext. */
    int overhead() {
        return LENGTH_PREFIX + NONCE + (mode == Mode.GCM ? TAG : 0);
    }

    /**
     * The size, length prefix included, of the module whose length prefix starts {@code bytes}, once it is known to fit
     * in the {@code available} bytes from there and to hold at least a nonce (and tag).
     */
    long moduleSize(MemorySegment bytes, long available, String what, SourceLocation where) {
        if (bytes.byteSize() < LENGTH_PREFIX || available < LENGTH_PREFIX) {
            throw new CorruptFileException("encrypted " + what + " is cut off before its length", where);
        }
        long length = Integer.toUnsignedLong(bytes.get(LittleEndian.INT, 0));
        if (length < overhead() - LENGTH_PREFIX || length > available - LENGTH_PREFIX) {
            throw new CorruptFileException("encrypted " + what + " declares " + length + " bytes; "
                    + (available - LENGTH_PREFIX) + " are left and it needs at least " + (overhead() - LENGTH_PREFIX), where);
        }
        return LENGTH_PREFIX + length;
    }

    /** The plaintext of {@code module} (exactly one module) on the heap: headers, metadata, indexes. */
    byte[] decrypt(MemorySegment module, byte[] aad, String what, SourceLocation where) {
        long size = checkedSize(module, what, where);
        byte[] plaintext = new byte[Math.toIntExact(size - overhead())];
        run(module, aad, ByteBuffer.wrap(plaintext), what, where);
        return plaintext;
    }

    /** The plaintext of {@code module} (exactly one module) in {@code out}'s memory: pages. */
    MemorySegment decrypt(MemorySegment module, byte[] aad, GrowableOutput out, String what, SourceLocation where) {
        long size = checkedSize(module, what, where);
        long plaintextSize = size - overhead();
        MemorySegment plaintext = out.ensureCapacity(plaintextSize, 0).asSlice(0, plaintextSize);
        run(module, aad, plaintext.asByteBuffer(), what, where);
        return plaintext;
    }

    /**
     * Checks the signature of a plaintext footer: GCM encryption of {@code footer} under this key, the signature's
     * nonce and {@code aad} must give the signature's tag.
     */
    boolean signs(MemorySegment footer, byte[] nonce, byte[] tag, byte[] aad) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad);
            ByteBuffer sealed = ByteBuffer.allocate(Math.toIntExact(footer.byteSize()) + TAG);
            cipher.doFinal(footer.asByteBuffer(), sealed);
            return MessageDigest.isEqual(tag, Arrays.copyOfRange(sealed.array(), sealed.capacity() - TAG, sealed.capacity()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK's AES/GCM/NoPadding failed", e);
        }
    }

    private long checkedSize(MemorySegment module, String what, SourceLocation where) {
        long size = moduleSize(module, module.byteSize(), what, where);
        if (size != module.byteSize()) {
            throw new CorruptFileException("encrypted " + what + " declares " + (size - LENGTH_PREFIX) + " bytes but occupies "
                    + (module.byteSize() - LENGTH_PREFIX), where);
        }
        return size;
    }

    private void run(MemorySegment module, byte[] aad, ByteBuffer plaintext, String what, SourceLocation where) {
        byte[] nonce = module.asSlice(LENGTH_PREFIX, NONCE).toArray(ValueLayout.JAVA_BYTE);
        ByteBuffer ciphertext = module.asSlice(LENGTH_PREFIX + NONCE).asByteBuffer();
        try {
            Cipher cipher;
            if (mode == Mode.GCM) {
                cipher = Cipher.getInstance("AES/GCM/NoPadding");
                cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
                cipher.updateAAD(aad);
            } else {
                cipher = Cipher.getInstance("AES/CTR/NoPadding");
                byte[] iv = Arrays.copyOf(nonce, 16);
                iv[15] = 1;
                cipher.init(Cipher.DECRYPT_MODE, key, new IvParameterSpec(iv));
            }
            cipher.doFinal(ciphertext, plaintext);
        } catch (AEADBadTagException e) {
            throw new DecryptionException(DecryptionException.Problem.AUTHENTICATION_FAILED, what
                    + " failed authentication (GCM tag mismatch): a wrong key, a wrong AAD prefix, or altered bytes", where, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK's AES cipher failed", e);
        }
    }
}
