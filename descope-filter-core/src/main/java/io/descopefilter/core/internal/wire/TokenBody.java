package io.descopefilter.core.internal.wire;

/** {@code {"token"}}: the verify request body and the embedded-link response body. */
public record TokenBody(String token) {
    @Override
    public String toString() {
        return "TokenBody[token=<redacted>]";
    }
}
