package io.descopefilter.emulator.internal.endpoints;

import io.descopefilter.emulator.Fault;
import io.descopefilter.emulator.Faults;
import io.descopefilter.emulator.internal.http.Access;
import io.descopefilter.emulator.internal.http.ApiException;
import io.descopefilter.emulator.internal.http.ApiRequest;
import io.descopefilter.emulator.internal.http.ApiResponse;
import io.descopefilter.emulator.internal.http.ErrorCode;
import io.descopefilter.emulator.internal.http.JsonBody;
import io.descopefilter.emulator.internal.http.Route;
import io.descopefilter.emulator.internal.wire.FaultSpec;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * {@code /emulator/faults}: arm ({@code POST}), list ({@code GET}) and clear ({@code DELETE}, all or {@code ?path=})
 * faults for other languages and the CLI.
 */
final class FaultEndpoints {

    private final Faults faults;

    FaultEndpoints(Faults faults) {
        this.faults = faults;
    }

    List<Route> routes() {
        return List.of(
                new Route("GET", "/emulator/faults", Access.CONTROL, request -> list()),
                new Route("POST", "/emulator/faults", Access.CONTROL, this::arm),
                new Route("DELETE", "/emulator/faults", Access.CONTROL, this::clear));
    }

    private ApiResponse list() {
        return ApiResponse.json(faults.active().entrySet().stream()
                .map(entry -> faultSpec(entry.getKey(), entry.getValue())).toList());
    }

    private ApiResponse arm(ApiRequest request) {
        JsonBody body = request.body();
        String path = body.requiredString("path");
        try {
            Fault fault = new Fault(Duration.ofMillis(body.integer("latencyMs", 0)), (int) body.integer("status", 0),
                    body.string("errorCode"), bodyDamage(body.string("body")), body.bool("drop"),
                    (int) body.integer("times", 0));
            faults.set(path, fault);
            return ApiResponse.json(faultSpec(path, fault));
        } catch (IllegalArgumentException e) {
            throw new ApiException(ErrorCode.INVALID_ARGUMENT, e.getMessage());
        }
    }

    private ApiResponse clear(ApiRequest request) {
        String path = request.query("path");
        if (path == null || path.isEmpty()) {
            faults.clear();
        } else {
            faults.remove(path);
        }
        return ApiResponse.rawJson("{}");
    }

    private static Fault.BodyDamage bodyDamage(String value) {
        if (value == null || value.isEmpty()) {
            return Fault.BodyDamage.NONE;
        }
        return switch (value) {
            case "malformed" -> Fault.BodyDamage.MALFORMED;
            case "truncated" -> Fault.BodyDamage.TRUNCATED;
            default -> throw new ApiException(ErrorCode.INVALID_ARGUMENT,
                    "body must be \"malformed\" or \"truncated\"");
        };
    }

    private static FaultSpec faultSpec(String path, Fault fault) {
        return new FaultSpec(path, fault.latency().toMillis(), fault.status() == 0 ? null : fault.status(),
                fault.errorCode(), fault.body() == Fault.BodyDamage.NONE ? null
                : fault.body().name().toLowerCase(Locale.ROOT), fault.drop(), fault.times());
    }
}
