package io.descopefilter.emulator;

import io.descopefilter.emulator.internal.endpoints.ApiRoutes;
import io.descopefilter.emulator.internal.http.Authenticator;
import io.descopefilter.emulator.internal.http.Dispatcher;
import io.descopefilter.emulator.internal.http.EmulatorHttpServer;
import io.descopefilter.emulator.internal.http.RequestCounter;
import io.descopefilter.emulator.internal.jwt.KeyRing;
import io.descopefilter.emulator.internal.jwt.RefreshTokenVerifier;
import io.descopefilter.emulator.internal.jwt.TokenIssuer;
import io.descopefilter.emulator.internal.links.LinkSender;
import io.descopefilter.emulator.internal.links.LinkTokens;
import io.descopefilter.emulator.internal.links.LinkVerifier;
import io.descopefilter.emulator.internal.links.PendingSessions;
import io.descopefilter.emulator.internal.links.RedirectPolicy;
import io.descopefilter.emulator.internal.ratelimit.RateLimiter;
import io.descopefilter.emulator.internal.session.RefreshRevocations;
import io.descopefilter.emulator.internal.session.SessionService;
import io.descopefilter.emulator.internal.store.UserStore;
import io.descopefilter.emulator.internal.time.AdjustableClock;

/** Wires the parts of one running emulator together and starts its HTTP server. */
record EmulatorRuntime(AdjustableClock clock, KeyRing keys, UserStore users, Outbox outbox, Faults faults,
                       SessionService sessions, RequestCounter requests, RateLimiter rateLimiter,
                       EmulatorHttpServer server) {

    static EmulatorRuntime start(EmulatorConfig config) {
        AdjustableClock clock = new AdjustableClock(config.clock());
        KeyRing keys = new KeyRing();
        UserStore users = new UserStore(clock);
        Outbox outbox = new Outbox(Outbox.DEFAULT_CAPACITY);
        Faults faults = new Faults();
        RequestCounter requests = new RequestCounter();

        RefreshRevocations revocations = new RefreshRevocations(clock);
        TokenIssuer issuer = new TokenIssuer(config.projectId(), keys, clock, config.sessionTtl(), config.refreshTtl());
        SessionService sessions = new SessionService(users, issuer, revocations, clock, config.refreshTokenRotation());
        Authenticator authenticator = new Authenticator(config.projectId(), config.managementKey(),
                new RefreshTokenVerifier(config.projectId(), keys, revocations, clock));

        LinkTokens tokens = new LinkTokens(clock);
        PendingSessions pendingSessions = new PendingSessions(clock, config.enchantedPendingTtl());
        LinkSender sender = new LinkSender(tokens, pendingSessions, outbox, clock, config.linkTtl());
        LinkVerifier verifier = new LinkVerifier(tokens, pendingSessions, users, sessions);

        RateLimiter rateLimiter = new RateLimiter(config.rateLimit(), clock);
        ApiRoutes.Services services = new ApiRoutes.Services(config.projectId(), authenticator, rateLimiter,
                new RedirectPolicy(config.approvedDomains(), config.defaultRedirectUrl()), users, sender, verifier,
                pendingSessions, sessions, keys, outbox, faults, requests);
        Dispatcher dispatcher = new Dispatcher(ApiRoutes.all(services), authenticator, rateLimiter, faults, requests);
        EmulatorHttpServer server = EmulatorHttpServer.start(config.port(), dispatcher);
        return new EmulatorRuntime(clock, keys, users, outbox, faults, sessions, requests, rateLimiter, server);
    }
}
