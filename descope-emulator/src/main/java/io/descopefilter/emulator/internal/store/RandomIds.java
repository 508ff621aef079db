package io.descopefilter.emulator.internal.store;

import java.security.SecureRandom;
import java.util.Base64;

/** Unguessable identifiers, all from one {@link SecureRandom}. */
public final class RandomIds {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private RandomIds() {
    }

    /** A Descope-like user ID: {@code U2} followed by 26 base62 characters (28 in all). */
    public static String userId() {
        return "U2" + base62(26);
    }

    /** A 256-bit base64url link token. */
    public static String linkToken() {
        return base64Url(32);
    }

    /** A 160-bit reference a client polls an enchanted link with. */
    public static String pendingRef() {
        return base64Url(20);
    }

    public static String jwtId() {
        return base64Url(16);
    }

    public static String keyId() {
        return "K" + base62(27);
    }

    public static String messageId() {
        return "M" + base62(15);
    }

    /** A number in [from, to). */
    public static int between(int from, int to) {
        return from + RANDOM.nextInt(to - from);
    }

    private static String base62(int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(BASE62.charAt(RANDOM.nextInt(BASE62.length())));
        }
        return out.toString();
    }

    private static String base64Url(int bytes) {
        byte[] buffer = new byte[bytes];
        RANDOM.nextBytes(buffer);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(buffer);
    }
}
