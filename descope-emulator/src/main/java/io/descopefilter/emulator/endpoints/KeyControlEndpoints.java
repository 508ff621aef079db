package io.descopefilter.emulator.endpoints;

import io.descopefilter.emulator.http.Access;
import io.descopefilter.emulator.http.ApiResponse;
import io.descopefilter.emulator.http.Route;
import io.descopefilter.emulator.jwt.KeyRing;
import io.descopefilter.emulator.wire.KeyState;
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
