package io.descopefilter.core.internal.store;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * Seals what the filter puts in a shared store so that the store's contents never let anyone sign in. Every entry
 * belongs to a value only its rightful party holds (the refresh JWT a result was issued for, the random handle in a
 * browser's cookie): the entry's key is one HKDF-SHA256 derivation of that value, the AES-256-GCM key that seals
 * its content another (different labels), so reading the store gives neither the value nor a way to open it. A
 * sealed entry that was altered, or is opened under another label or value, is refused.
 *
 * <p>The values must be unguessable (signed JWTs, 256-bit random handles); nothing here slows down guessing.
 */
public final class Sealed {

    private static final byte VERSION = 1;
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    /** HKDF salt: fixed, so every node derives the same keys from the same value. */
    private static final byte[] SALT = "descope-filter shared store v1".getBytes(StandardCharsets.US_ASCII);
    private static final SecureRandom RANDOM = new SecureRandom();

    private Sealed() {
    }

    /** The store key for entries of {@code label} belonging to {@code secret}: 43 URL-safe characters. */
    public static String keyOf(String label, String secret) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(derive(secret, "key:" + label));
    }

    /** {@code plain} sealed for {@code secret}: only a holder of {@code secret} can {@link #open} it. */
    public static byte[] seal(String label, String secret, byte[] plain) {
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, label, secret, iv);
            byte[] body = cipher.doFinal(plain);
            byte[] out = new byte[1 + IV_BYTES + body.length];
            out[0] = VERSION;
            System.arraycopy(iv, 0, out, 1, IV_BYTES);
            System.arraycopy(body, 0, out, 1 + IV_BYTES, body.length);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every Java platform", e);
        }
    }

    /** The content sealed for {@code secret} under {@code label}; empty when altered, truncated or not ours. */
    public static Optional<byte[]> open(String label, String secret, byte[] sealed) {
        if (sealed == null || sealed.length < 1 + IV_BYTES + TAG_BITS / 8 || sealed[0] != VERSION) {
            return Optional.empty();
        }
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, label, secret, Arrays.copyOfRange(sealed, 1, 1 + IV_BYTES));
            return Optional.of(cipher.doFinal(sealed, 1 + IV_BYTES, sealed.length - 1 - IV_BYTES));
        } catch (AEADBadTagException tampered) {
            return Optional.empty();
        } catch (GeneralSecurityException e) {
            return Optional.empty();
        }
    }

    private static Cipher cipher(int mode, String label, String secret, byte[] iv) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, new SecretKeySpec(derive(secret, "seal:" + label), "AES"), new GCMParameterSpec(TAG_BITS, iv));
        cipher.updateAAD(label.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }

    /** HKDF-SHA256 (RFC 5869) of {@code secret}, 32 bytes for {@code info}. */
    private static byte[] derive(String secret, String info) {
        Objects.requireNonNull(secret, "secret");
        try {
            Mac extract = Mac.getInstance("HmacSHA256");
            extract.init(new SecretKeySpec(SALT, "HmacSHA256"));
            byte[] prk = extract.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            Mac expand = Mac.getInstance("HmacSHA256");
            expand.init(new SecretKeySpec(prk, "HmacSHA256"));
            expand.update(info.getBytes(StandardCharsets.UTF_8));
            expand.update((byte) 1);
            return expand.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java platform", e);
        }
    }
}
