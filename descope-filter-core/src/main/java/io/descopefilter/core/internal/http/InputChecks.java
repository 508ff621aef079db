package io.descopefilter.core.internal.http;

import io.descopefilter.core.DeliveryMethod;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Argument checks made before any HTTP call. Messages name the argument and the rule, never the value, because a
 * value may be a secret.
 */
public final class InputChecks {

    public static final int MAX_LOGIN_ID_LENGTH = 320;
    public static final int MAX_URI_LENGTH = 2048;
    public static final int MAX_TOKEN_LENGTH = 4096;
    public static final int MAX_JWT_LENGTH = 16 * 1024;
    public static final int MAX_TEXT_LENGTH = 1024;

    /** E.164: a plus, a non-zero digit, then 6 to 14 more digits. */
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");
    /** A pragmatic address check: dot-atom local part, a host name with at least one dot and a letter TLD. */
    private static final Pattern EMAIL = Pattern.compile(
            "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
                    + "@([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,63}");
    /** Link tokens and pending references: visible ASCII, no spaces. */
    private static final Pattern OPAQUE_TOKEN = Pattern.compile("[\\x21-\\x7E]+");
    /** A compact JWS: three base64url parts. */
    private static final Pattern COMPACT_JWT = Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");

    private InputChecks() {
    }

    /** A required non-text argument, such as a delivery method or a request object. */
    public static <T> T required(T value, String name) {
        if (value == null) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value;
    }

    public static String loginId(String loginId) {
        return text(loginId, "loginId", MAX_LOGIN_ID_LENGTH);
    }

    /** Required, at most {@code maxLength} characters, not blank, no control characters. */
    public static String text(String value, String name, int maxLength) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        if (value.length() > maxLength) {
            throw new IllegalArgumentException(name + " must be at most " + maxLength + " characters");
        }
        if (hasControlCharacter(value)) {
            throw new IllegalArgumentException(name + " must not contain control characters");
        }
        return value;
    }

    /** Like {@link #text} but {@code null} is allowed. */
    public static String optionalText(String value, String name, int maxLength) {
        return value == null ? null : text(value, name, maxLength);
    }

    public static String email(String value, String name) {
        text(value, name, MAX_LOGIN_ID_LENGTH);
        if (value.length() > 254 || !EMAIL.matcher(value).matches()) {
            throw new IllegalArgumentException(name + " must be a valid email address");
        }
        return value;
    }

    public static String phone(String value, String name) {
        text(value, name, MAX_LOGIN_ID_LENGTH);
        if (!E164.matcher(value).matches()) {
            throw new IllegalArgumentException(name + " must be an E.164 phone number such as +15555550100");
        }
        return value;
    }

    /** The address a link is delivered to: an email address for email, an E.164 number otherwise. */
    public static String address(DeliveryMethod method, String value, String name) {
        return method == DeliveryMethod.EMAIL ? email(value, name) : phone(value, name);
    }

    /** Optional redirect URI; when given it must be an absolute http(s) URL with a host. */
    public static String redirectUri(String uri) {
        if (uri == null) {
            return null;
        }
        text(uri, "redirectUri", MAX_URI_LENGTH);
        try {
            URI parsed = new URI(uri);
            String scheme = parsed.getScheme() == null ? "" : parsed.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && parsed.getHost() != null
                    && parsed.getRawUserInfo() == null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new IllegalArgumentException("redirectUri must be an absolute http or https URL with a host");
    }

    /** A link token or pending reference. */
    public static String opaqueToken(String token, String name) {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        if (token.length() > MAX_TOKEN_LENGTH) {
            throw new IllegalArgumentException(name + " must be at most " + MAX_TOKEN_LENGTH + " characters");
        }
        if (!OPAQUE_TOKEN.matcher(token).matches()) {
            throw new IllegalArgumentException(name + " must be visible ASCII without spaces");
        }
        return token;
    }

    public static String refreshJwt(String jwt) {
        if (jwt == null || jwt.isBlank()) {
            throw new IllegalArgumentException("refreshJwt must not be blank");
        }
        if (jwt.length() > MAX_JWT_LENGTH || !COMPACT_JWT.matcher(jwt).matches()) {
            throw new IllegalArgumentException("refreshJwt must be a compact JWT of at most " + MAX_JWT_LENGTH
                    + " characters");
        }
        return jwt;
    }

    /** Custom claims: non-blank keys; values only strings, finite numbers or booleans (contract §2). */
    public static Map<String, Object> customClaims(Map<String, Object> claims) {
        if (claims == null) {
            return null;
        }
        claims.forEach((key, value) -> {
            if (key == null || key.isBlank() || hasControlCharacter(key)) {
                throw new IllegalArgumentException("customClaims keys must be non-blank without control characters");
            }
            boolean allowed = value instanceof String || value instanceof Boolean
                    || (value instanceof Number number && Double.isFinite(number.doubleValue()));
            if (!allowed) {
                throw new IllegalArgumentException("customClaims value of '" + key
                        + "' must be a string, a finite number or a boolean");
            }
        });
        return claims;
    }

    /** Template options: non-blank keys, non-null values, no control characters. */
    public static Map<String, String> stringMap(Map<String, String> values, String name) {
        if (values == null) {
            return null;
        }
        values.forEach((key, value) -> {
            if (key == null || key.isBlank() || hasControlCharacter(key) || value == null) {
                throw new IllegalArgumentException(name + " must have non-blank keys and non-null values");
            }
            if (value.length() > MAX_TEXT_LENGTH || hasControlCharacter(value)) {
                throw new IllegalArgumentException(name + " values must be at most " + MAX_TEXT_LENGTH
                        + " characters without control characters");
            }
        });
        return values;
    }

    private static boolean hasControlCharacter(String value) {
        return value.codePoints().anyMatch(c -> Character.isISOControl(c)
                || Character.getType(c) == Character.LINE_SEPARATOR
                || Character.getType(c) == Character.PARAGRAPH_SEPARATOR);
    }
}
