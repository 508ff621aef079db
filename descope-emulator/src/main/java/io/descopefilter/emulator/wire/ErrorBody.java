package io.descopefilter.emulator.wire;

/** The Descope error shape (§9). */
public record ErrorBody(String errorCode, String errorDescription, String errorMessage) {
}
