package io.descopefilter.emulator.endpoints;

import io.descopefilter.emulator.http.Access;
import io.descopefilter.emulator.http.ApiResponse;
import io.descopefilter.emulator.http.Authenticator;
import io.descopefilter.emulator.http.Route;
import io.descopefilter.emulator.session.SessionService;
import java.util.List;

/**
 * Refresh, logout, logout-all and me (contract §6), all authorized by {@code PID:RefreshJWT}. Request bodies
 * (none, {@code {}} or anything else) carry nothing the emulator needs, so they are not parsed.
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
                new Route("GET", "/v1/auth/me", Access.PROJECT,
                        request -> ApiResponse.json(sessions.me(authenticator.requireRefreshToken(request)))));
    }
}
