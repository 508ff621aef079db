package io.descopefilter.jakarta.internal.landing;

import io.descopefilter.core.store.StoreUnavailableException;
import io.descopefilter.jakarta.internal.pages.DescopeFailures;

import io.descopefilter.core.DescopeEvent.SignInMethod;
import io.descopefilter.core.internal.events.JfrSignIn;
import io.descopefilter.jakarta.LoginProblem;
import io.descopefilter.jakarta.internal.config.LandingMode;
import io.descopefilter.jakarta.internal.config.Routes;
import io.descopefilter.jakarta.internal.events.FilterEvents;
import io.descopefilter.jakarta.internal.http.ClientAddress;
import io.descopefilter.jakarta.internal.http.CsrfTokens;
import io.descopefilter.jakarta.internal.pages.LandingPages;
import io.descopefilter.jakarta.internal.pages.Outcome;
import io.descopefilter.jakarta.internal.pages.Pages;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The HTTP side of a link landing, shared by magic/embedded and enchanted links: HEAD never consumes (LH-01);
 * GET shows the confirmation page (or, in {@code direct} mode, consumes); POST is CSRF-checked and consumes
 * (LH-04, TX-09); other methods get 405. Token guessing is throttled per client (TX-06).
 */
public final class LandingFlow {

    private final TokenExchange exchange;
    private final String landingUrl;
    private final LandingMode mode;
    private final Routes routes;
    private final CsrfTokens csrf;
    private final VerifyThrottle throttle;
    private final ClientAddress clients;
    private final FilterEvents events;
    private final SignInMethod method;

    public LandingFlow(TokenExchange exchange, String landingUrl, LandingMode mode, Routes routes, CsrfTokens csrf,
                       VerifyThrottle throttle, ClientAddress clients) {
        this(exchange, landingUrl, mode, routes, csrf, throttle, clients, FilterEvents.none());
    }

    /** @param events where refused landings are reported (the exchange reports the sign-ins) */
    public LandingFlow(TokenExchange exchange, String landingUrl, LandingMode mode, Routes routes, CsrfTokens csrf,
                       VerifyThrottle throttle, ClientAddress clients, FilterEvents events) {
        this.events = events;
        this.method = exchange.pageKind() == LandingPages.Kind.MAGIC ? SignInMethod.MAGIC : SignInMethod.ENCHANTED;
        this.exchange = exchange;
        this.landingUrl = landingUrl;
        this.mode = mode;
        this.routes = routes;
        this.csrf = csrf;
        this.throttle = throttle;
        this.clients = clients;
    }

    public Outcome handle(HttpServletRequest request, HttpServletResponse response) {
        boolean consumes = request.getMethod().equals("POST")
                || (request.getMethod().equals("GET") && mode == LandingMode.DIRECT);
        JfrSignIn recording = new JfrSignIn();
        if (consumes) {
            recording.begin();
        }
        Outcome outcome = switch (request.getMethod()) {
            case "GET" -> get(request, response);
            case "POST" -> post(request, response);
            case "HEAD" -> LandingPages.head(exchange.pageKind());
            default -> new Outcome.MethodNotAllowed("GET, HEAD, POST");
        };
        Outcome.Failed failed = outcome instanceof Outcome.Failed f ? f : null;
        if (failed != null) {
            events.signInRefused(method, failed.problem());
        }
        if (consumes) {
            recording.end();
            if (recording.shouldCommit()) {
                recording.method = method.name();
                recording.signedIn = outcome instanceof Outcome.SeeOther;
                recording.refusal = failed == null ? null : failed.problem().reason();
                recording.commit();
            }
        }
        return outcome;
    }

    private Outcome get(HttpServletRequest request, HttpServletResponse response) {
        Optional<LandingRequest> landing = LandingRequest.fromQuery(request, routes);
        if (landing.isEmpty()) {
            return badToken(request, new Outcome.Failed(LoginProblem.INVALID_LINK));
        }
        if (mode == LandingMode.DIRECT) {
            return consume(request, response, landing.get());
        }
        return confirmation(request, response, landing.get());
    }

    private Outcome post(HttpServletRequest request, HttpServletResponse response) {
        if (!csrf.isValid(request)) {
            return new Outcome.Failed(LoginProblem.CSRF);
        }
        String held = request.getParameter(TokenExchange.HELD);
        if (held != null) {
            return badToken(request, exchange.resume(request, response, held));
        }
        Optional<LandingRequest> landing = LandingRequest.fromForm(request, routes);
        if (landing.isEmpty()) {
            return badToken(request, new Outcome.Failed(LoginProblem.INVALID_LINK));
        }
        return consume(request, response, landing.get());
    }

    private Outcome consume(HttpServletRequest request, HttpServletResponse response, LandingRequest landing) {
        String client = clients.of(request);
        // Reserve, then refund: the allowance is taken before Descope is asked, so that concurrent guesses cannot
        // all pass the check before the first failures are recorded.
        boolean reserved;
        try {
            reserved = throttle.tryReserve(client);
        } catch (StoreUnavailableException e) {
            // The guessing limit cannot be counted: the link waits (it stays valid) rather than go unthrottled.
            return failedPage(request, landing, LoginProblem.UNAVAILABLE, DescopeFailures.UNAVAILABLE_RETRY_SECONDS);
        }
        if (!reserved) {
            return failedPage(request, landing, LoginProblem.RATE_LIMITED, throttle.retryAfterSeconds(client));
        }
        Outcome outcome;
        try {
            outcome = exchange.exchange(request, response, landing);
        } catch (RuntimeException e) {
            throttle.refund(client);
            throw e;
        }
        if (outcome instanceof Outcome.Failed failed) {
            if (!isGuess(failed.problem())) {
                // Descope rate limiting or unavailable (or the breaker open): nothing was learnt about the link,
                // and the breaker, not this allowance, keeps such retries off Descope.
                throttle.refund(client);
            }
            return failedPage(request, landing, failed.problem(), failed.retryAfterSeconds());
        }
        throttle.refund(client);
        return outcome;
    }

    /**
     * A refused landing's page names the address the link went to and offers the way back. Both come from the
     * link binding cookie, read here only when the landing failed: a sign-in does not pay for them.
     */
    private Outcome.Failed failedPage(HttpServletRequest request, LandingRequest landing, LoginProblem problem,
                                      long retryAfterSeconds) {
        return new Outcome.Failed(problem, retryAfterSeconds, exchange.displayHint(request, landing).orElse(null),
                exchange.returnPath(request, landing).orElse(null));
    }

    private static boolean isGuess(LoginProblem problem) {
        return problem == LoginProblem.INVALID_LINK || problem == LoginProblem.EXPIRED_LINK;
    }

    /** Failures that may come from guessing tokens count against the client's verify allowance. */
    private Outcome badToken(HttpServletRequest request, Outcome outcome) {
        if (outcome instanceof Outcome.Failed failed && isGuess(failed.problem())) {
            throttle.recordFailure(clients.of(request));
        }
        return outcome;
    }

    private Outcome confirmation(HttpServletRequest request, HttpServletResponse response, LandingRequest landing) {
        List<Pages.HiddenField> fields = new ArrayList<>();
        fields.add(new Pages.HiddenField(LandingRequest.TOKEN, landing.token()));
        fields.add(new Pages.HiddenField(CsrfTokens.FIELD, csrf.tokenFor(request, response)));
        landing.next().ifPresent(next -> fields.add(new Pages.HiddenField(LandingRequest.NEXT, next)));
        landing.hint().ifPresent(hint -> fields.add(new Pages.HiddenField(LandingRequest.HINT, hint)));
        return LandingPages.confirmation(exchange.pageKind(), exchange.displayHint(request, landing), landingUrl,
                fields, mode == LandingMode.AUTO);
    }
}
