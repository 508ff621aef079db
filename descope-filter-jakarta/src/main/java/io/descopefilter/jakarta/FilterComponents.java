package io.descopefilter.jakarta;

import io.descopefilter.core.client.DescopeClient;
import io.descopefilter.core.session.SessionRefresher;
import io.descopefilter.core.session.SessionValidator;
import io.descopefilter.jakarta.access.AccessPolicy;
import io.descopefilter.jakarta.access.Challenge;
import io.descopefilter.jakarta.access.RequestPath;
import io.descopefilter.jakarta.config.FilterConfiguration;
import io.descopefilter.jakarta.config.Routes;
import io.descopefilter.jakarta.landing.EnchantedLanding;
import io.descopefilter.jakarta.landing.LandingFlow;
import io.descopefilter.jakarta.landing.LinkLanding;
import io.descopefilter.jakarta.landing.VerifyThrottle;
import io.descopefilter.jakarta.links.DescopeLinks;
import io.descopefilter.jakarta.links.LinkService;
import io.descopefilter.jakarta.links.SendLimiter;
import io.descopefilter.jakarta.logout.LogoutEndpoint;
import io.descopefilter.jakarta.poll.EnchantedPoll;
import io.descopefilter.jakarta.principal.DescopeRequest;
import io.descopefilter.jakarta.session.SessionResolver;
import io.descopefilter.jakarta.session.SessionStore;
import io.descopefilter.jakarta.session.SignIn;
import io.descopefilter.jakarta.session.SignOut;
import io.descopefilter.jakarta.web.CsrfTokens;
import io.descopefilter.jakarta.web.ErrorPages;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.time.Clock;
import java.time.Duration;

/**
 * Everything one {@link DescopeAuthFilter} works with, built once from its configuration. The only place that
 * knows how the parts fit together.
 */
record FilterComponents(
        DescopeClient client,
        SessionResolver resolver,
        AccessPolicy access,
        Challenge challenge,
        Routes routes,
        LandingFlow linkLanding,
        LandingFlow enchantedLanding,
        EnchantedPoll poll,
        LogoutEndpoint logout,
        DescopeRequest.Actions requestActions,
        DescopeLinks links) implements AutoCloseable {

    /** How long a request waits for another request's refresh of the same token (SE-10). */
    private static final Duration REFRESH_WAIT = Duration.ofSeconds(5);

    static FilterComponents build(FilterConfiguration config, Clock clock) {
        DescopeClient client = DescopeClient.create(config.client());
        try {
            return build(config, clock, client);
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
    }

    private static FilterComponents build(FilterConfiguration config, Clock clock, DescopeClient client) {
        SessionValidator validator = SessionValidator.create(config.validator(), client::fetchKeySetJson);
        SessionRefresher refresher = new SessionRefresher(client, validator, REFRESH_WAIT);
        SessionStore store = SessionStore.of(config.sessionStore(), config.cookies());
        Routes routes = config.routes();
        CsrfTokens csrf = new CsrfTokens(config.cookies(), config.publicBaseUrl());
        ErrorPages errors = new ErrorPages(routes.errorPage(), config.publicBaseUrl(), routes.loginPage());
        SignIn signIn = new SignIn(store, validator, client);
        SignOut signOut = new SignOut(store, client, refresher);
        VerifyThrottle throttle = new VerifyThrottle(config.sendLimits().failedVerifiesPerClient(),
                config.sendLimits().window(), clock);

        LandingFlow linkLanding = new LandingFlow(
                new LinkLanding(client, validator, signIn, config.publicBaseUrl(), routes.afterLoginPath()),
                config.publicBaseUrl().resolve(routes.landingPath()), config.landingMode(), routes, csrf, errors,
                throttle, config.clientAddress());
        LandingFlow enchantedLanding = new LandingFlow(new EnchantedLanding(client),
                config.publicBaseUrl().resolve(routes.enchantedLandingPath()), config.landingMode(), routes, csrf,
                errors, throttle, config.clientAddress());
        SendLimiter limiter = new SendLimiter(config.sendLimits().perLoginId(), config.sendLimits().perClient(),
                config.sendLimits().window(), clock);
        LinkService links = new LinkService(client, store, csrf, limiter, config.clientAddress(),
                config.publicBaseUrl(), routes, clock);
        Challenge challenge = new Challenge(config.publicBaseUrl(), routes.loginPage());

        return new FilterComponents(client,
                new SessionResolver(store, validator, refresher, config.acceptBearer()),
                new AccessPolicy(routes, config.publicPaths(), config.protectedPaths()),
                challenge, routes, linkLanding, enchantedLanding,
                new EnchantedPoll(client, validator, signIn, clock),
                new LogoutEndpoint(signOut, csrf, errors, config.publicBaseUrl(), routes.afterLogoutPath()),
                new RequestActions(signOut, challenge), new DescopeLinks(links));
    }

    /** What {@link DescopeRequest#logout()} and {@link DescopeRequest#authenticate} do; one per filter. */
    private record RequestActions(SignOut signOut, Challenge challenge) implements DescopeRequest.Actions {
        @Override
        public void signOut(HttpServletRequest request, HttpServletResponse response) {
            signOut.signOut(request, response);
        }

        @Override
        public void challenge(HttpServletRequest request, HttpServletResponse response) {
            challenge.send(request, response, RequestPath.of(request), null);
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
