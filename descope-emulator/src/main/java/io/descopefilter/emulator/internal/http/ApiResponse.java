package io.descopefilter.emulator.internal.http;

import io.descopefilter.emulator.internal.wire.ErrorBody;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** A response about to be written: status, content type, body bytes and extra headers. */
public record ApiResponse(int status, String contentType, byte[] body, Map<String, String> headers) {

    private static final String JSON = "application/json; charset=utf-8";

    public ApiResponse {
        headers = Map.copyOf(headers);
    }

    public static ApiResponse json(Object value) {
        return json(200, value);
    }

    public static ApiResponse json(int status, Object value) {
        return new ApiResponse(status, JSON, JsonCodec.write(value).getBytes(StandardCharsets.UTF_8), Map.of());
    }

    /** A raw JSON document (e.g. the JWKS serialized by nimbus). */
    public static ApiResponse rawJson(String json) {
        return new ApiResponse(200, JSON, json.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    public static ApiResponse html(int status, String html) {
        return new ApiResponse(status, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    public static ApiResponse error(ApiException failure) {
        ErrorCode code = failure.error();
        return error(code.status(), code.code(), code.description(), failure.getMessage(),
                failure.retryAfterSeconds().isPresent()
                        ? Map.of("Retry-After", Long.toString(failure.retryAfterSeconds().getAsLong()))
                        : Map.of());
    }

    public static ApiResponse error(int status, String errorCode, String description, String message,
                                    Map<String, String> headers) {
        byte[] body = JsonCodec.write(new ErrorBody(errorCode, description, message)).getBytes(StandardCharsets.UTF_8);
        return new ApiResponse(status, JSON, body, headers);
    }
}
