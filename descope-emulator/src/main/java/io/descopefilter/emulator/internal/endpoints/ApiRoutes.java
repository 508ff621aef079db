package io.descopefilter.emulator.internal.endpoints;

import io.descopefilter.emulator.Faults;
import io.descopefilter.emulator.Outbox;
import io.descopefilter.emulator.internal.http.Authenticator;
import io.descopefilter.emulator.internal.http.RequestCounter;
import io.descopefilter.emulator.internal.http.Route;
import io.descopefilter.emulator.internal.jwt.KeyRing;
import io.descopefilter.emulator.internal.links.LinkLogins;
import io.descopefilter.emulator.internal.links.LinkSender;
import io.descopefilter.emulator.internal.links.LinkVerifier;
import io.descopefilter.emulator.internal.links.PendingSessions;
import io.descopefilter.emulator.internal.links.RedirectPolicy;
import io.descopefilter.emulator.internal.ratelimit.RateLimiter;
import io.descopefilter.emulator.internal.session.SessionService;
import io.descopefilter.emulator.internal.store.UserStore;
import java.util.ArrayList;
import java.util.List;

/** The route table: every emulated Descope endpoint plus the {@code /emulator/*} control routes. */
public final class ApiRoutes {

    /** What the endpoints are built from. */
    public record Services(String projectId, Authenticator authenticator, RateLimiter rateLimiter,
                           RedirectPolicy redirects, UserStore users, LinkSender sender, LinkVerifier verifier,
                           PendingSessions pendingSessions, SessionService sessions, KeyRing keys, Outbox outbox,
                           Faults faults, RequestCounter requests) {
    }

    private ApiRoutes() {
    }

    public static List<Route> all(Services s) {
        LinkPreparation preparation = new LinkPreparation(s.authenticator(), s.rateLimiter(), s.redirects(),
                new LinkLogins(s.users()), s.users());
        List<Route> routes = new ArrayList<>();
        routes.addAll(new MagicLinkEndpoints(preparation, s.sender(), s.verifier()).routes());
        routes.addAll(new EnchantedLinkEndpoints(preparation, s.sender(), s.verifier(), s.pendingSessions(),
                s.sessions()).routes());
        routes.addAll(new ManagementEndpoints(s.users(), s.sender()).routes());
        routes.addAll(new SessionEndpoints(s.authenticator(), s.sessions()).routes());
        routes.addAll(new KeysEndpoint(s.projectId(), s.keys()).routes());
        routes.addAll(new OutboxEndpoints(s.outbox()).routes());
        routes.addAll(new FaultEndpoints(s.faults()).routes());
        routes.addAll(new KeyControlEndpoints(s.keys()).routes());
        routes.addAll(new CountAndLimitEndpoints(s.requests(), s.rateLimiter()).routes());
        return List.copyOf(routes);
    }
}
