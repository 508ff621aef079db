package io.descopefilter.emulator.internal.endpoints;

import io.descopefilter.emulator.RateLimit;
import io.descopefilter.emulator.internal.http.Access;
import io.descopefilter.emulator.internal.http.ApiException;
import io.descopefilter.emulator.internal.http.ApiRequest;
import io.descopefilter.emulator.internal.http.ApiResponse;
import io.descopefilter.emulator.internal.http.ErrorCode;
import io.descopefilter.emulator.internal.http.JsonBody;
import io.descopefilter.emulator.internal.http.RequestCounter;
import io.descopefilter.emulator.internal.http.Route;
import io.descopefilter.emulator.internal.ratelimit.RateLimiter;
import io.descopefilter.emulator.internal.wire.RateLimitSpec;
import io.descopefilter.emulator.internal.wire.RequestCounts;
import java.time.Duration;
import java.util.List;

/**
 * {@code GET|DELETE /emulator/requests} (request counts, reset) and {@code GET|POST /emulator/rate-limits} (read or
 * replace the limits; a part left out of the POST body keeps its current value).
 */
final class CountAndLimitEndpoints {

    private final RequestCounter counter;
    private final RateLimiter rateLimiter;

    CountAndLimitEndpoints(RequestCounter counter, RateLimiter rateLimiter) {
        this.counter = counter;
        this.rateLimiter = rateLimiter;
    }

    List<Route> routes() {
        return List.of(
                new Route("GET", "/emulator/requests", Access.CONTROL,
                        request -> ApiResponse.json(new RequestCounts(counter.total(), counter.byEndpoint()))),
                new Route("DELETE", "/emulator/requests", Access.CONTROL, request -> {
                    counter.reset();
                    return ApiResponse.rawJson("{}");
                }),
                new Route("GET", "/emulator/rate-limits", Access.CONTROL,
                        request -> ApiResponse.json(RateLimitSpec.of(rateLimiter.limits()))),
                new Route("POST", "/emulator/rate-limits", Access.CONTROL, this::setLimits));
    }

    private ApiResponse setLimits(ApiRequest request) {
        JsonBody body = request.body();
        RateLimit limits = rateLimiter.limits();
        try {
            JsonBody perLoginId = body.object("perLoginId");
            if (!perLoginId.isEmpty()) {
                limits = limits.withPerLoginId((int) perLoginId.integer("limit", limits.perLoginIdLimit()),
                        Duration.ofSeconds(perLoginId.integer("windowSeconds",
                                limits.perLoginIdWindow().toSeconds())));
            }
            JsonBody perClient = body.object("perClient");
            if (!perClient.isEmpty()) {
                limits = limits.perClient((int) perClient.integer("limit", limits.perClientLimit()),
                        Duration.ofSeconds(perClient.integer("windowSeconds", limits.perClientWindow().toSeconds())));
            }
        } catch (IllegalArgumentException e) {
            throw new ApiException(ErrorCode.INVALID_ARGUMENT, e.getMessage());
        }
        rateLimiter.update(limits);
        return ApiResponse.json(RateLimitSpec.of(limits));
    }
}
