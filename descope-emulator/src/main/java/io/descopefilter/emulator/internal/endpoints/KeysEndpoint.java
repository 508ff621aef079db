package io.descopefilter.emulator.internal.endpoints;

import io.descopefilter.emulator.internal.http.Access;
import io.descopefilter.emulator.internal.http.ApiException;
import io.descopefilter.emulator.internal.http.ApiRequest;
import io.descopefilter.emulator.internal.http.ApiResponse;
import io.descopefilter.emulator.internal.http.ErrorCode;
import io.descopefilter.emulator.internal.http.Route;
import io.descopefilter.emulator.internal.jwt.KeyRing;
import java.util.List;

/**
 * {@code GET /v2/keys/{projectId}} and {@code GET /{projectId}/.well-known/jwks.json}: the published public keys as
 * a JWKS. No credentials are needed (as with Descope); SDKs send {@code Bearer <ProjectID>}, which must then fit.
 */
final class KeysEndpoint {

    private final String projectId;
    private final KeyRing keys;

    KeysEndpoint(String projectId, KeyRing keys) {
        this.projectId = projectId;
        this.keys = keys;
    }

    List<Route> routes() {
        return List.of(new Route("GET", "/v2/keys/{projectId}", Access.PUBLIC, this::keys),
                new Route("GET", "/{projectId}/.well-known/jwks.json", Access.PUBLIC, this::keys));
    }

    private ApiResponse keys(ApiRequest request) {
        if (!projectId.equals(request.pathParam("projectId"))) {
            throw new ApiException(ErrorCode.INVALID_ACCESS_KEY, "Unknown project");
        }
        return ApiResponse.rawJson(keys.publicKeySet().toString(true));
    }
}
