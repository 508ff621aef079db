package io.descopefilter.core.internal.http;

import io.descopefilter.core.DescopeException;
import io.descopefilter.core.DescopeException.Kind;
import io.descopefilter.core.internal.wire.ErrorBody;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Set;
import java.util.regex.Pattern;

/** Turns a non-2xx Descope answer into a {@link DescopeException} (contract §9). */
public final class ErrorResponses {

    /** Used when a rate-limit answer has no usable {@code Retry-After} (the official Java SDK's default). */
    static final long RATE_LIMIT_RETRY_AFTER_SECONDS = 60;
    private static final long MAX_RETRY_AFTER_SECONDS = 24 * 60 * 60;

    private static final String RATE_LIMITED = "E130429";
    private static final String ENCHANTED_LINK_PENDING = "E062503";
    private static final Set<String> TOKEN_EXPIRED_OR_USED = Set.of(
            "E062504", // token expired
            "E063010"); // link not found in cache, might be expired
    private static final Set<String> USER_NOT_FOUND = Set.of("E062108", "E112102");
    private static final Set<String> USER_ALREADY_EXISTS = Set.of("E062107");

    private static final Pattern ERROR_CODE = Pattern.compile("[A-Za-z0-9_.-]{1,40}");
    private static final Pattern JWT_LIKE = Pattern.compile("eyJ[A-Za-z0-9_-]*\\.[A-Za-z0-9_.-]*");
    private static final int MAX_TEXT_LENGTH = 200;

    private ErrorResponses() {
    }

    public static DescopeException toException(String call, DescopeTransport.Response response) {
        ErrorBody body = parse(response.body());
        int status = response.status();
        String code = body == null ? null : cleanCode(body.errorCode());
        String description = body == null ? null : cleanText(body.errorDescription());
        String message = body == null ? null : cleanText(body.errorMessage() != null ? body.errorMessage()
                : body.message());
        Kind kind = kindOf(status, code);
        if (kind == null) {
            return DescopeException.failure(Kind.MALFORMED_RESPONSE, call, status, "unexpected HTTP status", null);
        }
        Long retryAfter = kind == Kind.RATE_LIMITED ? retryAfterSeconds(response.retryAfter()) : null;
        return DescopeException.fromResponse(kind, call, status, code, description, message, retryAfter);
    }

    /** Contract §9: specific error codes first, then the HTTP status class. */
    static Kind kindOf(int status, String code) {
        if (status == 429 || RATE_LIMITED.equals(code)) {
            return Kind.RATE_LIMITED;
        }
        if (ENCHANTED_LINK_PENDING.equals(code)) {
            return Kind.ENCHANTED_LINK_PENDING;
        }
        if (code != null && TOKEN_EXPIRED_OR_USED.contains(code)) {
            return Kind.TOKEN_EXPIRED_OR_USED;
        }
        if (code != null && USER_NOT_FOUND.contains(code)) {
            return Kind.USER_NOT_FOUND;
        }
        if (code != null && USER_ALREADY_EXISTS.contains(code)) {
            return Kind.USER_ALREADY_EXISTS;
        }
        if (status == 401 || status == 403) {
            return Kind.UNAUTHORIZED;
        }
        if (status >= 500 && status < 600) {
            return Kind.SERVER_ERROR;
        }
        if (status >= 400 && status < 500) {
            return Kind.BAD_REQUEST;
        }
        return null;
    }

    /** {@code Retry-After} as delta-seconds or HTTP date (RFC 9110 §10.2.3), bounded to one day. */
    static long retryAfterSeconds(String header) {
        if (header == null || header.isBlank()) {
            return RATE_LIMIT_RETRY_AFTER_SECONDS;
        }
        String value = header.strip();
        if (value.chars().allMatch(Character::isDigit) && value.length() <= 9) {
            return Math.min(Long.parseLong(value), MAX_RETRY_AFTER_SECONDS);
        }
        try {
            Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            long seconds = Duration.between(Instant.now(), at).toSeconds();
            return Math.max(0, Math.min(seconds, MAX_RETRY_AFTER_SECONDS));
        } catch (DateTimeParseException e) {
            return RATE_LIMIT_RETRY_AFTER_SECONDS;
        }
    }

    private static ErrorBody parse(byte[] body) {
        try {
            return JsonCodec.fromJson(body, ErrorBody.class);
        } catch (JsonCodec.MalformedJsonException e) {
            // An error status with a non-JSON body (e.g. a proxy's HTML page) is classified by status alone.
            return null;
        }
    }

    private static String cleanCode(String code) {
        return code != null && ERROR_CODE.matcher(code).matches() ? code : null;
    }

    /** Keeps server text loggable: no control characters, nothing that looks like a JWT, bounded length. */
    private static String cleanText(String text) {
        if (text == null) {
            return null;
        }
        String cleaned = text.codePoints()
                .map(c -> Character.isISOControl(c) || Character.getType(c) == Character.FORMAT ? ' ' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString()
                .strip();
        cleaned = JWT_LIKE.matcher(cleaned).replaceAll(Redaction.REDACTED);
        if (cleaned.length() > MAX_TEXT_LENGTH) {
            cleaned = cleaned.substring(0, MAX_TEXT_LENGTH) + "...";
        }
        return cleaned.isEmpty() ? null : cleaned;
    }
}
