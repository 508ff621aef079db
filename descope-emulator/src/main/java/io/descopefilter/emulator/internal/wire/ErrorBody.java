package io.descopefilter.emulator.internal.wire;

/** The Descope error shape. */
public record ErrorBody(String errorCode, String errorDescription, String errorMessage) {
}
