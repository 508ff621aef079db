package io.descopefilter.emulator.internal.http;

import java.util.Objects;
import java.util.OptionalLong;

/** A failed API call, answered as {@code {"errorCode","errorDescription","errorMessage"}} with the code's status. */
public final class ApiException extends RuntimeException {

    private final ErrorCode error;
    private final long retryAfterSeconds;

    public ApiException(ErrorCode error, String message) {
        this(error, message, -1);
    }

    private ApiException(ErrorCode error, String message, long retryAfterSeconds) {
        super(message, null, false, false);
        this.error = Objects.requireNonNull(error, "error");
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static ApiException rateLimited(long retryAfterSeconds) {
        return new ApiException(ErrorCode.RATE_LIMITED, "Too many requests, retry after " + retryAfterSeconds + "s",
                retryAfterSeconds);
    }

    public ErrorCode error() {
        return error;
    }

    public OptionalLong retryAfterSeconds() {
        return retryAfterSeconds < 0 ? OptionalLong.empty() : OptionalLong.of(retryAfterSeconds);
    }
}
