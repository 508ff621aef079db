package io.descopefilter.emulator.internal.http;

/** Handles one route; throws {@link ApiException} for Descope-style errors. */
@FunctionalInterface
public interface Endpoint {
    ApiResponse handle(ApiRequest request);
}
