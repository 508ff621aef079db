package io.descopefilter.emulator.internal.endpoints;

import io.descopefilter.emulator.internal.http.Access;
import io.descopefilter.emulator.internal.http.ApiResponse;
import io.descopefilter.emulator.internal.http.Route;
import io.descopefilter.emulator.internal.jwt.KeyRing;
import io.descopefilter.emulator.internal.wire.KeyState;
import java.util.List;

/** {@code POST /emulator/keys/rotate} and {@code /emulator/keys/retire}; both answer the published kids. */
final class KeyControlEndpoints {

    private final KeyRing keys;

    KeyControlEndpoints(KeyRing keys) {
        this.keys = keys;
    }

    List<Route> routes() {
        return List.of(
                new Route("POST", "/emulator/keys/rotate", Access.CONTROL, request -> {
                    keys.rotate();
                    return state();
                }),
                new Route("POST", "/emulator/keys/retire", Access.CONTROL, request -> {
                    keys.retireOldKeys();
                    return state();
                }));
    }

    private ApiResponse state() {
        List<String> kids = keys.publicKeySet().getKeys().stream().map(key -> key.getKeyID()).toList();
        return ApiResponse.json(new KeyState(keys.signingKey().getKeyID(), kids));
    }
}
