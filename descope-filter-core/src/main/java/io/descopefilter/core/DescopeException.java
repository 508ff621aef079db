package io.descopefilter.core;

import java.util.OptionalLong;

/**
 * The one failure type of {@link DescopeClient}: an error answer from Descope, or a transport, timeout or
 * malformed-response failure on the way to it.
 *
 * <p>The message carries only the call, the HTTP status, the Descope error code and a sanitised error description.
 * It never carries a token, JWT or key, so it is safe to log.
 */
public final class DescopeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Seconds a caller should wait before trying again when Descope {@linkplain #isUnavailable() is unavailable}
     * and said nothing itself: long enough not to hammer it, short enough for a person. See
     * {@link #retryAfterSecondsOr(long)}.
     */
    public static final long DEFAULT_RETRY_AFTER_SECONDS = 30;

    /** What went wrong, coarse enough for a caller to decide what to do next. */
    public enum Kind {
        /** HTTP 429 or error code E130429; see {@link #retryAfterSeconds()}. */
        RATE_LIMITED,
        /** Enchanted link not yet clicked (E062503): poll again later. */
        ENCHANTED_LINK_PENDING,
        /** A link token that is expired, already used or unknown (E062504, E063010 and the like). */
        TOKEN_EXPIRED_OR_USED,
        /** E062108, E112102. */
        USER_NOT_FOUND,
        /** E062107. */
        USER_ALREADY_EXISTS,
        /** HTTP 401 or 403 without a more specific code: bad project ID, management key or refresh JWT. */
        UNAUTHORIZED,
        /** Any other 4xx. */
        BAD_REQUEST,
        /** HTTP 5xx. */
        SERVER_ERROR,
        /** Non-JSON, empty, oversized, truncated or otherwise unusable answer. */
        MALFORMED_RESPONSE,
        /** Could not connect, or the connection broke. */
        TRANSPORT,
        /** A connect, response or whole-call deadline passed. */
        TIMEOUT
    }

    private final Kind kind;
    private final int status;
    private final String errorCode;
    private final String errorDescription;
    private final String errorMessage;
    private final Long retryAfterSeconds;
    private final boolean notSent;

    private DescopeException(Kind kind, String message, int status, String errorCode, String errorDescription,
                             String errorMessage, Long retryAfterSeconds, Throwable cause) {
        this(kind, message, status, errorCode, errorDescription, errorMessage, retryAfterSeconds, cause, false);
    }

    private DescopeException(Kind kind, String message, int status, String errorCode, String errorDescription,
                             String errorMessage, Long retryAfterSeconds, Throwable cause, boolean notSent) {
        super(message, cause);
        this.notSent = notSent;
        this.kind = kind;
        this.status = status;
        this.errorCode = errorCode;
        this.errorDescription = errorDescription;
        this.errorMessage = errorMessage;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** An error answer from Descope (any non-2xx status); made by the client, public for tests of callers. */
    public static DescopeException fromResponse(Kind kind, String call, int status, String errorCode,
                                         String errorDescription, String errorMessage, Long retryAfterSeconds) {
        StringBuilder message = new StringBuilder(call).append(" failed: HTTP ").append(status);
        if (errorCode != null) {
            message.append(' ').append(errorCode);
        }
        if (errorDescription != null) {
            message.append(" (").append(errorDescription).append(')');
        }
        if (retryAfterSeconds != null) {
            message.append(", retry after ").append(retryAfterSeconds).append(" s");
        }
        return new DescopeException(kind, message.toString(), status, errorCode, errorDescription, errorMessage,
                retryAfterSeconds, null);
    }

    /**
     * A failure without a usable Descope answer: transport, timeout or malformed response; made by the client,
     * public for tests of callers.
     */
    public static DescopeException failure(Kind kind, String call, int status, String reason, Throwable cause) {
        String message = call + " failed: " + reason + (status > 0 ? " (HTTP " + status + ")" : "");
        return new DescopeException(kind, message, status, null, null, null, null, cause);
    }

    /**
     * A call refused by the client itself before anything was sent ({@link CallProtection}: the circuit breaker is
     * open, or too many calls of its kind are in flight). Kind {@link Kind#SERVER_ERROR}, status 0, so it
     * {@linkplain #isUnavailable() counts as unavailable}; {@link #retryAfterSeconds()} says when to try again.
     */
    public static DescopeException notSent(String call, String reason, long retryAfterSeconds) {
        return new DescopeException(Kind.SERVER_ERROR, call + " not sent: " + reason, 0, null, null, null,
                Math.max(1, retryAfterSeconds), null, true);
    }

    /** Whether the client refused this call itself and nothing reached Descope (see {@link #notSent}). */
    public boolean notSent() {
        return notSent;
    }

    public Kind kind() {
        return kind;
    }

    /** The HTTP status, or 0 when no response was received. */
    public int status() {
        return status;
    }

    /** Descope's {@code errorCode} (e.g. {@code E062108}), or {@code null}. */
    public String errorCode() {
        return errorCode;
    }

    /** Descope's {@code errorDescription}, sanitised, or {@code null}. */
    public String errorDescription() {
        return errorDescription;
    }

    /** Descope's {@code errorMessage}, sanitised, or {@code null}. Not part of {@link #getMessage()}. */
    public String errorMessage() {
        return errorMessage;
    }

    /** Seconds to wait before trying again; present when rate limited, or for a call {@link #notSent()}. */
    public OptionalLong retryAfterSeconds() {
        return retryAfterSeconds == null ? OptionalLong.empty() : OptionalLong.of(retryAfterSeconds);
    }

    /** Descope's {@code Retry-After} when it sent one (rate limits), else {@code fallback}. */
    public long retryAfterSecondsOr(long fallback) {
        return retryAfterSeconds == null ? fallback : retryAfterSeconds;
    }

    /**
     * Descope could not be used, as opposed to refusing this request: a server error, a transport failure or
     * timeout, an unusable answer, or a 401/403 without a Descope error code (an answer from something in front of
     * Descope, or credentials of the project itself refused, never a verdict on a user's token). Retrying later, or
     * reporting an outage, is the right reaction; signing the user out is not. Rate limits are not included: see
     * {@link #isRateLimited()}.
     */
    public boolean isUnavailable() {
        return switch (kind) {
            case SERVER_ERROR, TRANSPORT, TIMEOUT, MALFORMED_RESPONSE -> true;
            case UNAUTHORIZED -> errorCode == null;
            default -> false;
        };
    }

    public boolean isRateLimited() {
        return kind == Kind.RATE_LIMITED;
    }

    public boolean isPending() {
        return kind == Kind.ENCHANTED_LINK_PENDING;
    }

    public boolean isTokenExpiredOrUsed() {
        return kind == Kind.TOKEN_EXPIRED_OR_USED;
    }

    public boolean isUserNotFound() {
        return kind == Kind.USER_NOT_FOUND;
    }

    public boolean isUserAlreadyExists() {
        return kind == Kind.USER_ALREADY_EXISTS;
    }

    public boolean isUnauthorized() {
        return kind == Kind.UNAUTHORIZED;
    }

    public boolean isBadRequest() {
        return kind == Kind.BAD_REQUEST;
    }

    public boolean isServerError() {
        return kind == Kind.SERVER_ERROR;
    }

    public boolean isTransport() {
        return kind == Kind.TRANSPORT;
    }

    public boolean isTimeout() {
        return kind == Kind.TIMEOUT;
    }

    public boolean isMalformedResponse() {
        return kind == Kind.MALFORMED_RESPONSE;
    }
}
