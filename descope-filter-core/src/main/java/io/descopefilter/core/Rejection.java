package io.descopefilter.core;

/** Why a token was refused; safe to log (it never carries the token). */
public enum Rejection {
    /** No token, or an empty one. */
    MISSING,
    /** Longer than the configured cap; refused before parsing. */
    TOO_LONG,
    /** Not exactly three canonical, non-empty base64url segments (JWE, junk, padding, whitespace...). */
    MALFORMED,
    /** Header {@code alg} not allowed ({@code none}, HMAC, EC, PS, or an RSA variant not configured). */
    ALGORITHM_NOT_ALLOWED,
    /** A {@code crit} header or an unencoded payload ({@code b64}), none of which this validator supports. */
    UNSUPPORTED_HEADER,
    /** Header {@code kid} missing, blank or too long. */
    MISSING_KEY_ID,
    /** No trusted key has this {@code kid}. */
    UNKNOWN_KEY_ID,
    /** No usable key set: Descope's key endpoint unreachable at start, or down beyond the outage tolerance. */
    KEYS_UNAVAILABLE,
    /** The signature does not verify. */
    BAD_SIGNATURE,
    /** A claim has the wrong JSON type or value (e.g. a string {@code exp}); never read as "absent". */
    MALFORMED_CLAIMS,
    /** {@code exp} missing. */
    MISSING_EXPIRY,
    /** {@code exp} passed (beyond the leeway). */
    EXPIRED,
    /** {@code nbf} or {@code iat} in the future (beyond the leeway). */
    NOT_YET_VALID,
    /** {@code iss} is not this project. */
    WRONG_ISSUER,
    /** {@code aud} lacks the configured audience. */
    WRONG_AUDIENCE,
    /** {@code drn} missing or of the other token kind (a refresh JWT presented as a session, or the reverse). */
    WRONG_TOKEN_KIND,
    /** An unexpected exception or error: refused, as everything unexplained is. */
    INTERNAL_ERROR
}
