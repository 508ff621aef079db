package io.descopefilter.jakarta.internal;

import io.descopefilter.core.DescopeClient;
import io.descopefilter.core.Readiness;
import io.descopefilter.core.SessionRefresher;
import io.descopefilter.core.SessionValidator;
import io.descopefilter.jakarta.internal.config.FilterConfiguration;
import io.descopefilter.jakarta.internal.config.PublicBaseUrl;
import io.descopefilter.jakarta.internal.config.Routes;
import io.descopefilter.jakarta.internal.config.LandingMode;
import io.descopefilter.jakarta.internal.enchanted.EnchantedLinks;
import io.descopefilter.jakarta.internal.enchanted.EnchantedPoll;
import io.descopefilter.jakarta.internal.events.FilterEvents;
import io.descopefilter.jakarta.internal.health.HealthEndpoint;
import io.descopefilter.jakarta.internal.http.AccessPolicy;
import io.descopefilter.jakarta.internal.http.Challenge;
import io.descopefilter.jakarta.internal.http.CsrfTokens;
import io.descopefilter.jakarta.internal.http.RequestPath;
import io.descopefilter.jakarta.internal.landing.LandingFlow;
import io.descopefilter.jakarta.internal.landing.TokenExchange;
import io.descopefilter.jakarta.internal.landing.VerifyThrottle;
import io.descopefilter.core.store.SharedStore;
import io.descopefilter.jakarta.internal.limits.LocalFallbackLimiter;
import io.descopefilter.jakarta.internal.store.StoreSelection;
import io.descopefilter.jakarta.internal.magic.LinkBinding;
import io.descopefilter.jakarta.internal.magic.MagicLinkExchange;
import io.descopefilter.jakarta.internal.pages.OutcomeWriter;
import io.descopefilter.jakarta.internal.send.LinkService;
import io.descopefilter.jakarta.internal.send.LinkUrls;
import io.descopefilter.jakarta.internal.send.SendGate;
import io.descopefilter.jakarta.internal.send.SendLimiter;
import io.descopefilter.jakarta.internal.session.DescopeRequest;
import io.descopefilter.jakarta.internal.session.LogoutEndpoint;
import io.descopefilter.jakarta.internal.session.SessionActions;
import io.descopefilter.jakarta.internal.session.SessionClock;
import io.descopefilter.jakarta.internal.session.TenantEndpoint;
import io.descopefilter.jakarta.internal.session.ResolvedSession;
import io.descopefilter.jakarta.internal.session.SessionGate;
import io.descopefilter.jakarta.internal.session.SessionResolver;
import io.descopefilter.jakarta.internal.session.SessionStore;
import io.descopefilter.jakarta.internal.session.SessionTokens;
import io.descopefilter.jakarta.internal.session.SignIn;
import io.descopefilter.jakarta.internal.session.SignOut;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Everything one filter works with, built once from its configuration: the only place that knows how the parts
 * fit together. It owns the resources with threads and connections (the Descope client, the validator's key
 * fetches, the shared store) and closes them when the filter is destroyed.
 */
public final class FilterComponents implements AutoCloseable {

    /**
     * Most requests waiting at once for a refresh another request makes: enough for every request of a busy page
     * (SE-10: fifty at once sign nobody out), few enough that a hanging Descope cannot hold the container's threads.
     */
    static final int REFRESH_WAITERS = 64;

    /** How long a request waits for another request's refresh of the same token (SE-10). */
    private static final Duration REFRESH_WAIT = Duration.ofSeconds(5);
    /** Clients whose refused refreshes are counted at once. */
    private static final int FAILED_REFRESH_CLIENTS = 100_000;

    private final DescopeClient client;
    private final SharedStore sharedStore;
    private final SessionValidator validator;
    private final SessionResolver resolver;
    private final AccessPolicy access;
    private final Challenge challenge;
    private final Routes routes;
    private final Map<String, Endpoint> endpoints;
    private final OutcomeWriter writer;
    private final DescopeRequest.Actions requestActions;
    private final LinkService links;
    private final SessionGate gate;
    private final SessionActions sessionActions;
    private final SessionClock sessionClock;
    private final io.descopefilter.jakarta.internal.http.RoleRules roles;
    private final FilterEvents events;
    private final Readiness readiness;
    /** {@code healthPath}, or {@code null} when the health endpoint is off. */
    private final String healthPath;
    private final HealthEndpoint health;

    private FilterComponents(FilterConfiguration config, Clock clock, DescopeClient client, SharedStore shared,
                             FilterEvents events, Optional<String> healthPath) {
        this.client = client;
        this.sharedStore = shared;
        this.events = events;
        this.routes = config.routes();
        PublicBaseUrl base = config.publicBaseUrl();
        SessionValidator validator = SessionValidator.create(config.validator(), client::fetchKeySetJson,
                events.dispatcher());
        this.readiness = shared instanceof io.descopefilter.core.internal.store.MemoryStore
                ? Readiness.of(client, validator)
                : Readiness.of(client, validator).with("store", () -> storeAnswers(shared));
        this.healthPath = healthPath.orElse(null);
        this.health = new HealthEndpoint(readiness);
        this.validator = validator;
        // As many requests may wait for a running refresh as may make one: waiting threads stay bounded.
        SessionRefresher refresher = new SessionRefresher(client, validator,
                min(REFRESH_WAIT, config.client().callTimeout()),
                SessionRefresher.DEFAULT_GRACE, clock, REFRESH_WAITERS, shared);
        SessionStore store = SessionStore.of(config.sessionStore(), config.cookies());
        CsrfTokens csrf = new CsrfTokens(config.cookies(), base);
        SessionClock sessionClock = new SessionClock(validator, config.sessionLimits(), clock, shared,
                config.validator().verifiedTokenCacheSize());
        SignIn signIn = new SignIn(store, validator, client, sessionClock);
        SignOut signOut = new SignOut(store, signIn, refresher, events);
        VerifyThrottle throttle = new VerifyThrottle(shared, config.sendLimits().failedVerifiesPerClient(),
                config.sendLimits().window());
        SendGate gate = new SendGate(new SendLimiter(shared, config.sendLimits().perLoginId(),
                config.sendLimits().perClient(), config.sendLimits().window()), config.clientAddress(), csrf);
        LinkUrls urls = new LinkUrls(base, routes);
        LinkBinding binding = new LinkBinding(config.cookies(), routes::isOwnEndpoint, clock);
        EnchantedLinks enchanted = new EnchantedLinks(shared, client, signIn, gate, urls, config.cookies(), clock,
                events);

        // A refresh never depends on the store: while it fails, each node counts refused refreshes by itself.
        LocalFallbackLimiter failedRefreshes = new LocalFallbackLimiter(shared.limiter("refresh.failures",
                config.sendLimits().failedRefreshesPerClient(), config.sendLimits().window()), "failed-refresh",
                config.sendLimits().failedRefreshesPerClient(), config.sendLimits().window(), FAILED_REFRESH_CLIENTS,
                clock);
        this.resolver = new SessionResolver(store, validator, refresher, signIn, sessionClock, config.acceptBearer(),
                config.clientAddress(), failedRefreshes, events);
        this.sessionClock = sessionClock;
        this.roles = config.requiredRoles();
        this.access = new AccessPolicy(routes, config.publicPaths(), config.protectedPaths(), config.stepUpPaths());
        this.challenge = new Challenge(base, routes.loginPage());
        this.writer = new OutcomeWriter(routes.errorPage(), base, routes.loginPage());
        this.links = new LinkService(client, validator, csrf, gate, urls, binding, enchanted.starter(),
                config.recentSignInForUpdates(), clock, events);
        this.requestActions = new RequestActions(signOut, challenge, writer);
        this.sessionActions = new SessionActions(client, signIn, signOut, sessionClock, clock);
        this.gate = new SessionGate(resolver, routes::isOwnEndpoint, requestActions);

        TokenExchange magic = new MagicLinkExchange(client, validator, signIn, binding, csrf, base,
                routes.landingPath(), routes.afterLoginPath(), shared, events, links.embeddedTokens());
        LandingFlow magicLanding = new LandingFlow(magic, base.resolve(routes.landingPath()), config.landingMode(),
                routes, csrf, throttle, config.clientAddress(), events);
        // An enchanted link signs in the browser that polls, so a mail scanner opening it must never be enough:
        // its landing always asks for a click, whatever landingMode says (HW-01).
        LandingFlow enchantedLanding = new LandingFlow(enchanted.exchange(),
                base.resolve(routes.enchantedLandingPath()), LandingMode.CONFIRM, routes, csrf, throttle,
                config.clientAddress(), events);
        EnchantedPoll poll = enchanted.poll();
        LogoutEndpoint logout = new LogoutEndpoint(signOut, csrf, base.resolve(routes.afterLogoutPath()), false);
        LogoutEndpoint logoutAll = new LogoutEndpoint(signOut, csrf, base.resolve(routes.afterLogoutPath()), true);
        TenantEndpoint tenant = new TenantEndpoint(resolver, sessionActions, requestActions, csrf, challenge,
                base::resolve, routes.afterLoginPath());
        this.endpoints = Map.of(
                routes.landingPath(), magicLanding::handle,
                routes.enchantedLandingPath(), enchantedLanding::handle,
                routes.pollPath(), poll::handle,
                routes.logoutPath(), logout::handle,
                routes.logoutAllPath(), logoutAll::handle,
                routes.tenantPath(), tenant::handle);
    }

    /** Readiness of a shared store: it answers within its own timeout (the guard fails fast while it is down). */
    private static boolean storeAnswers(SharedStore shared) {
        try {
            shared.ping();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** Builds the parts of a filter, with the store the {@code store} setting names; on failure nothing is left running. */
    public static FilterComponents build(FilterConfiguration config, Clock clock) {
        return build(config, clock, FilterEvents.none(), Optional.empty());
    }

    /** With the filter's events and, when {@code healthPath} is set, its readiness endpoint. */
    public static FilterComponents build(FilterConfiguration config, Clock clock, FilterEvents events,
                                         Optional<String> healthPath) {
        SharedStore shared = StoreSelection.open(config.store(), config.storeSettings(), clock);
        DescopeClient client;
        try {
            client = DescopeClient.create(config.client(), events.dispatcher());
        } catch (RuntimeException e) {
            shared.close();
            throw e;
        }
        try {
            if (!(shared instanceof io.descopefilter.core.internal.store.MemoryStore)) {
                // One node's open breaker (a 429 with Retry-After, an outage) keeps the other nodes off Descope too.
                client.shareCircuitBreaker(shared);
            }
            return new FilterComponents(config, clock, client, shared, events, healthPath);
        } catch (RuntimeException e) {
            try {
                client.close();
            } finally {
                shared.close();
            }
            throw e;
        }
    }

    /** The store this filter shares with the other nodes ({@code memory}: this node only). */
    public SharedStore sharedStore() {
        return sharedStore;
    }

    public DescopeClient client() {
        return client;
    }

    public SessionResolver resolver() {
        return resolver;
    }

    public AccessPolicy access() {
        return access;
    }

    public Challenge challenge() {
        return challenge;
    }

    public OutcomeWriter writer() {
        return writer;
    }

    public DescopeRequest.Actions requestActions() {
        return requestActions;
    }

    public LinkService links() {
        return links;
    }

    public SessionActions sessionActions() {
        return sessionActions;
    }

    /** Whether any path needs a role ({@code requiredRoles}); without, the hot path skips the check entirely. */
    public boolean hasRoleRules() {
        return !roles.isEmpty();
    }

    /** Whether the signed-in user lacks a role that {@code path} needs ({@code requiredRoles}). */
    public boolean forbids(String path, io.descopefilter.core.DescopeSession session) {
        return roles.forbids(path, session);
    }

    /** Whether a signed-in request for {@code path} must first step up (a recent sign-in). */
    public boolean needsStepUp(String path, ResolvedSession resolved) {
        return access.requiresStepUp(path) && !sessionClock.isRecentEnoughForStepUp(resolved.tokens());
    }

    /** What the filter's events go through; listeners are added to its dispatcher. */
    public FilterEvents events() {
        return events;
    }

    /** Whether this node is ready (keys, breaker, and whatever else was plugged in). */
    public Readiness readiness() {
        return readiness;
    }

    /** The session resolution the container's security may use (the Jakarta Security bridge). */
    public SessionGate gate() {
        return gate;
    }

    /** The filter's own endpoint at {@code path} (canonical, relative to the context root), if it is one. */
    public Optional<Endpoint> endpoint(String path) {
        if (path.equals(healthPath)) {
            return Optional.of(health::handle);
        }
        return routes.isOwnEndpoint(path) ? Optional.of(endpoints.get(path)) : Optional.empty();
    }

    /** What {@link DescopeRequest#logout()} and {@link DescopeRequest#authenticate} do; one per filter. */
    private record RequestActions(SignOut signOut, Challenge challenge, OutcomeWriter writer)
            implements DescopeRequest.Actions {
        @Override
        public void signOut(HttpServletRequest request, HttpServletResponse response,
                            Optional<SessionTokens> current) {
            signOut.signOut(request, response, current);
        }

        @Override
        public void challenge(HttpServletRequest request, HttpServletResponse response) throws IOException {
            try {
                writer.write(request, response, challenge.of(request, RequestPath.of(request), null));
            } catch (ServletException e) {
                throw new IOException(e);
            }
        }
    }

    /** Stops everything the parts started: the validator's key fetches, the client's threads and pool, the store. */
    @Override
    public void close() {
        try {
            validator.close();
            sessionClock.close();
        } finally {
            try {
                client.close();
            } finally {
                sharedStore.close();
            }
        }
    }
}
