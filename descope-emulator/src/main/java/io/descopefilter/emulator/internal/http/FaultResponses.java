package io.descopefilter.emulator.internal.http;

import io.descopefilter.emulator.Fault;
import java.util.Map;

/** The answers an armed {@link Fault} gives instead of the endpoint's own. */
final class FaultResponses {

    private static final String PROXY_PAGE = "<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head>"
            + "<body><h1>Bad Gateway</h1><p>The upstream server returned an invalid response.</p></body></html>";

    private FaultResponses() {
    }

    static ApiResponse of(Fault fault) {
        if (fault.body() == Fault.BodyDamage.MALFORMED) {
            return ApiResponse.html(fault.status() == 0 ? 200 : fault.status(), PROXY_PAGE);
        }
        String code = fault.errorCode() != null ? fault.errorCode()
                : fault.status() == 429 ? ErrorCode.RATE_LIMITED.code() : ErrorCode.INTERNAL.code();
        Map<String, String> headers = fault.status() == 429 ? Map.of("Retry-After", "1") : Map.of();
        return ApiResponse.error(fault.status(), code, "Injected fault", "Injected fault: HTTP " + fault.status(),
                headers);
    }
}
