package io.descopefilter.emulator.internal.http;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Finds the route for a method and path: 404 when no pattern matches the path, 405 when only the method differs. */
final class RouteTable {

    /** A route with the path parameters it captured. */
    record Match(Route route, Map<String, String> params) {
    }

    private final List<Route> routes;

    RouteTable(List<Route> routes) {
        this.routes = List.copyOf(routes);
    }

    /** {@code "<METHOD> <pattern>"} of the route serving this request, or {@code "<METHOD> (no route)"}. */
    String endpointKey(String method, String path) {
        for (Route route : routes) {
            if (route.method().equals(method) && route.match(path).isPresent()) {
                return method + " " + route.pattern();
            }
        }
        return method + " (no route)";
    }

    Match resolve(String method, String path) {
        boolean pathKnown = false;
        for (Route route : routes) {
            Optional<Map<String, String>> params = route.match(path);
            if (params.isPresent()) {
                if (route.method().equals(method)) {
                    return new Match(route, params.get());
                }
                pathKnown = true;
            }
        }
        throw pathKnown ? new ApiException(ErrorCode.METHOD_NOT_ALLOWED, "Method not allowed")
                : new ApiException(ErrorCode.ROUTE_NOT_FOUND, "No such endpoint");
    }
}
