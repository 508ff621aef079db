package io.descopefilter.jakarta.internal.health;

import io.descopefilter.core.Readiness;
import io.descopefilter.jakarta.internal.pages.Outcome;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.util.Map;

/**
 * {@code GET healthPath}: {@code {"status":"UP","checks":{"keys":"UP","descope":"UP"}}} with 200, or 503 with
 * {@code DOWN} when any check fails. Names and states only: nothing secret, nothing about users, and like every
 * answer of the filter {@code no-store}. Off unless {@code healthPath} is set.
 */
public final class HealthEndpoint {

    private final Readiness readiness;

    public HealthEndpoint(Readiness readiness) {
        this.readiness = readiness;
    }

    public Outcome handle(HttpServletRequest request, HttpServletResponse response) {
        if (!request.getMethod().equals("GET") && !request.getMethod().equals("HEAD")) {
            return new Outcome.MethodNotAllowed("GET, HEAD");
        }
        Readiness.Report report = readiness.check();
        return new Outcome.Json(report.up() ? 200 : 503, json(report));
    }

    static String json(Readiness.Report report) {
        StringBuilder body = new StringBuilder("{\"status\":").append(state(report.up())).append(",\"checks\":{");
        boolean first = true;
        for (Map.Entry<String, Boolean> check : report.checks().entrySet()) {
            if (!first) {
                body.append(',');
            }
            first = false;
            body.append(Outcome.Json.quote(check.getKey())).append(':').append(state(check.getValue()));
        }
        return body.append("}}").toString();
    }

    private static String state(boolean up) {
        return up ? "\"UP\"" : "\"DOWN\"";
    }
}
