package io.descopefilter.emulator.endpoints;

import io.descopefilter.emulator.http.Access;
import io.descopefilter.emulator.http.ApiException;
import io.descopefilter.emulator.http.ApiRequest;
import io.descopefilter.emulator.http.ApiResponse;
import io.descopefilter.emulator.http.ErrorCode;
import io.descopefilter.emulator.http.Route;
import io.descopefilter.emulator.jwt.KeyRing;

/** {@code GET /v2/keys/{projectId}}: the published public keys as a JWKS. */
final class KeysEndpoint {

    private final String projectId;
    private final KeyRing keys;

    KeysEndpoint(String projectId, KeyRing keys) {
        this.projectId = projectId;
        this.keys = keys;
    }

    Route route() {
        return new Route("GET", "/v2/keys/{projectId}", Access.PROJECT, this::keys);
    }

    private ApiResponse keys(ApiRequest request) {
        if (!projectId.equals(request.pathParam("projectId"))) {
            throw new ApiException(ErrorCode.INVALID_ACCESS_KEY, "Unknown project");
        }
        return ApiResponse.rawJson(keys.publicKeySet().toString(true));
    }
}
