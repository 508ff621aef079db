package io.descopefilter.emulator.internal.http;

/** The Descope error codes the emulator answers with, each with its HTTP status. */
public enum ErrorCode {
    BAD_REQUEST("E011001", 400, "Bad request"),
    REQUEST_INVALID("E011003", 400, "Request is invalid"),
    INVALID_ARGUMENT("E011004", 400, "Invalid argument"),
    USER_ALREADY_EXISTS("E062107", 400, "User already exists"),
    USER_NOT_FOUND("E062108", 400, "User not found"),
    ENCHANTED_LINK_PENDING("E062503", 401, "Enchanted link is pending"),
    TOKEN_EXPIRED("E062504", 401, "Token expired"),
    TOKEN_NOT_FOUND("E063010", 401, "Token not found"),
    MISSING_ACCESS_KEY("E062802", 401, "Missing access key"),
    INVALID_ACCESS_KEY("E062803", 401, "Invalid access key"),
    INVALID_REFRESH_TOKEN("E061004", 401, "Invalid refresh token"),
    REFRESH_TOKEN_LOGGED_OUT("E064001", 401, "Token expired by logout"),
    RATE_LIMITED("E130429", 429, "Rate limit exceeded"),
    /** Emulator control routes only: a request from a non-loopback Host or without the control header. */
    CONTROL_FORBIDDEN("E000403", 403, "Forbidden"),
    ROUTE_NOT_FOUND("E011001", 404, "Not found"),
    METHOD_NOT_ALLOWED("E011001", 405, "Method not allowed"),
    INTERNAL("E000001", 500, "Internal error");

    private final String code;
    private final int status;
    private final String description;

    ErrorCode(String code, int status, String description) {
        this.code = code;
        this.status = status;
        this.description = description;
    }

    public String code() {
        return code;
    }

    public int status() {
        return status;
    }

    public String description() {
        return description;
    }
}
