package io.descopefilter.emulator.internal.endpoints;

import io.descopefilter.emulator.internal.http.Access;
import io.descopefilter.emulator.internal.http.ApiResponse;
import io.descopefilter.emulator.internal.http.Authenticator;
import io.descopefilter.emulator.internal.http.Route;
import io.descopefilter.emulator.internal.session.SessionService;
import java.util.List;

/**
 * Refresh, logout, logout-all, me and tenant select, all authorized by {@code PID:RefreshJWT}. Only tenant select
 * reads its body ({@code {"tenant"}}); the others accept none, {@code {}} or anything else without parsing it.
 */
final class SessionEndpoints {

    private final Authenticator authenticator;
    private final SessionService sessions;

    SessionEndpoints(Authenticator authenticator, SessionService sessions) {
        this.authenticator = authenticator;
        this.sessions = sessions;
    }

    List<Route> routes() {
        return List.of(
                new Route("POST", "/v1/auth/refresh", Access.PROJECT,
                        request -> ApiResponse.json(sessions.refresh(authenticator.requireRefreshToken(request)))),
                new Route("POST", "/v1/auth/logout", Access.PROJECT,
                        request -> ApiResponse.json(sessions.logout(authenticator.requireRefreshToken(request)))),
                new Route("POST", "/v1/auth/logoutall", Access.PROJECT,
                        request -> ApiResponse.json(sessions.logoutAll(authenticator.requireRefreshToken(request)))),
                new Route("POST", "/v1/auth/tenant/select", Access.PROJECT,
                        request -> ApiResponse.json(sessions.selectTenant(authenticator.requireRefreshToken(request),
                                request.body().requiredString("tenant")))),
                new Route("GET", "/v1/auth/me", Access.PROJECT,
                        request -> ApiResponse.json(sessions.me(authenticator.requireRefreshToken(request)))));
    }
}
