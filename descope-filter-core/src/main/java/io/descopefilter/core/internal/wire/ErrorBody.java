package io.descopefilter.core.internal.wire;

/** Descope's error answer (contract §9); {@code message} is the fallback field some services use. */
public record ErrorBody(String errorCode, String errorDescription, String errorMessage, String message) {
}
