package io.descopefilter.emulator.internal.endpoints;

import io.descopefilter.emulator.Outbox;
import io.descopefilter.emulator.internal.http.Access;
import io.descopefilter.emulator.internal.http.ApiRequest;
import io.descopefilter.emulator.internal.http.ApiResponse;
import io.descopefilter.emulator.internal.http.Route;
import java.util.List;
import java.util.Map;

/** {@code /emulator/outbox}: the "sent" messages as JSON (optionally filtered by {@code to}) or HTML; clearing. */
final class OutboxEndpoints {

    /** The page shows links that are credentials: allow nothing but its own inline style. */
    private static final Map<String, String> PAGE_HEADERS = Map.of(
            "Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'",
            "Referrer-Policy", "no-referrer",
            "X-Content-Type-Options", "nosniff");

    private final Outbox outbox;

    OutboxEndpoints(Outbox outbox) {
        this.outbox = outbox;
    }

    List<Route> routes() {
        return List.of(
                new Route("GET", "/emulator/outbox", Access.CONTROL, this::json),
                new Route("DELETE", "/emulator/outbox", Access.CONTROL, request -> {
                    outbox.clear();
                    return ApiResponse.rawJson("{}");
                }),
                new Route("GET", "/emulator/outbox.html", Access.CONTROL, request -> {
                    ApiResponse page = ApiResponse.html(200, OutboxPage.render(outbox.messages()));
                    return new ApiResponse(page.status(), page.contentType(), page.body(), PAGE_HEADERS);
                }));
    }

    private ApiResponse json(ApiRequest request) {
        String to = request.query("to");
        return ApiResponse.json(to == null || to.isEmpty() ? outbox.messages() : outbox.messagesTo(to));
    }
}
