package io.descopefilter.emulator.http;

/** Handles one route; throws {@link ApiException} for Descope-style errors. */
@FunctionalInterface
public interface Endpoint {
    ApiResponse handle(ApiRequest request);
}
