package io.descopefilter.emulator.internal.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.descopefilter.emulator.Fault;
import io.descopefilter.emulator.Faults;
import io.descopefilter.emulator.internal.ratelimit.RateLimiter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.util.List;

/**
 * The single HTTP handler: counts the request, applies an armed fault (never to {@code /emulator/*}), the per-client
 * rate limit, routing and authorization, then writes the endpoint's answer. Logs method, path and status only.
 */
public final class Dispatcher implements HttpHandler {

    private static final System.Logger LOG = System.getLogger(Dispatcher.class.getName());

    private final RouteTable routes;
    private final Authenticator authenticator;
    private final RateLimiter rateLimiter;
    private final Faults faults;
    private final RequestCounter counter;

    public Dispatcher(List<Route> routes, Authenticator authenticator, RateLimiter rateLimiter, Faults faults,
                      RequestCounter counter) {
        this.routes = new RouteTable(routes);
        this.authenticator = authenticator;
        this.rateLimiter = rateLimiter;
        this.faults = faults;
        this.counter = counter;
    }

    @Override
    public void handle(HttpExchange exchange) {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getRawPath();
        boolean control = isControl(path);
        counter.record(path, control ? null : routes.endpointKey(method, path));
        Fault fault = control ? null : faults.take(path).orElse(null);
        try {
            if (fault != null) {
                pause(fault);
                if (fault.drop()) {
                    LOG.log(Level.DEBUG, () -> method + " " + path + " -> connection dropped (fault)");
                    return; // closing an exchange that sent no headers closes the socket
                }
            }
            ApiResponse response = fault != null && fault.replacesResponse()
                    ? FaultResponses.of(fault) : process(exchange, method, path, control);
            if (fault != null && fault.body() == Fault.BodyDamage.TRUNCATED) {
                ResponseWriter.writeTruncated(exchange, response);
            } else {
                ResponseWriter.write(exchange, response);
            }
            LOG.log(Level.DEBUG, () -> method + " " + path + " -> " + response.status());
        } catch (IOException e) {
            LOG.log(Level.DEBUG, () -> method + " " + path + " -> client connection lost");
        } finally {
            exchange.close();
        }
    }

    /** Whether the path is an emulator control route ({@code /emulator/*}) rather than a Descope API path. */
    public static boolean isControl(String path) {
        return path.equals("/emulator") || path.startsWith("/emulator/");
    }

    private ApiResponse process(HttpExchange exchange, String method, String path, boolean control) {
        try {
            if (control) {
                ControlGuard.check(method, exchange.getRequestHeaders().getFirst("Host"),
                        exchange.getRequestHeaders().getFirst(ControlGuard.CONTROL_HEADER));
            } else {
                rateLimiter.checkClient(exchange.getRemoteAddress().getAddress().getHostAddress());
            }
            RouteTable.Match match = routes.resolve(method, path);
            ApiRequest request = new ApiRequest(exchange, match.params());
            authorize(match.route().access(), request);
            return match.route().endpoint().handle(request);
        } catch (ApiException e) {
            return ApiResponse.error(e);
        } catch (UncheckedIOException e) {
            LOG.log(Level.DEBUG, () -> method + " " + path + " -> request body lost");
            return ApiResponse.error(new ApiException(ErrorCode.BAD_REQUEST, "The request body could not be read"));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, () -> method + " " + path + " failed with " + e.getClass().getName());
            return ApiResponse.error(new ApiException(ErrorCode.INTERNAL, "Internal error"));
        }
    }

    private void authorize(Access access, ApiRequest request) {
        switch (access) {
            case PROJECT -> authenticator.requireProject(request);
            case PUBLIC -> {
                if (request.header("Authorization") != null || request.header("x-descope-project-id") != null) {
                    authenticator.requireProject(request);
                }
            }
            case MANAGEMENT -> authenticator.requireManagement(request);
            case CONTROL -> { }
        }
    }

    private static void pause(Fault fault) {
        if (fault.latency().isZero()) {
            return;
        }
        try {
            Thread.sleep(fault.latency().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
