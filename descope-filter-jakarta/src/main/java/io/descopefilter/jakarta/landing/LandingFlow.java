package io.descopefilter.jakarta.landing;

import io.descopefilter.jakarta.config.Routes;
import io.descopefilter.jakarta.web.ClientAddress;
import io.descopefilter.jakarta.web.CsrfTokens;
import io.descopefilter.jakarta.web.ErrorPages;
import io.descopefilter.jakarta.web.LoginProblem;
import io.descopefilter.jakarta.web.Pages;
import io.descopefilter.jakarta.web.Responses;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The HTTP side of a link landing, shared by magic/embedded and enchanted links: HEAD never consumes (LH-01);
 * GET shows the confirmation page (or, in {@code direct} mode, consumes); POST is CSRF-checked and consumes
 * (LH-04, TX-09); other methods get 405. Token guessing is throttled per client (TX-06). The page and every error
 * carry no-store and no-referrer headers.
 */
public final class LandingFlow {

    private final TokenExchange exchange;
    private final String landingUrl;
    private final LandingMode mode;
    private final Routes routes;
    private final CsrfTokens csrf;
    private final ErrorPages errors;
    private final VerifyThrottle throttle;
    private final ClientAddress clients;

    public LandingFlow(TokenExchange exchange, String landingUrl, LandingMode mode, Routes routes, CsrfTokens csrf,
                       ErrorPages errors, VerifyThrottle throttle, ClientAddress clients) {
        this.exchange = exchange;
        this.landingUrl = landingUrl;
        this.mode = mode;
        this.routes = routes;
        this.csrf = csrf;
        this.errors = errors;
        this.throttle = throttle;
        this.clients = clients;
    }

    public void handle(HttpServletRequest request, HttpServletResponse response) throws IOException, ServletException {
        switch (request.getMethod()) {
            case "GET" -> get(request, response);
            case "POST" -> post(request, response);
            case "HEAD" -> Pages.write(response, HttpServletResponse.SC_OK,
                    Pages.message(exchange.heading(), "Open this link in your browser to continue.", null, null), true);
            default -> Responses.methodNotAllowed(response, "GET, HEAD, POST");
        }
    }

    private void get(HttpServletRequest request, HttpServletResponse response) throws IOException, ServletException {
        Optional<LandingRequest> landing = LandingRequest.fromQuery(request, routes);
        if (landing.isEmpty()) {
            fail(request, response, LandingFailure.of(LoginProblem.INVALID_LINK), null);
        } else if (mode == LandingMode.DIRECT) {
            consume(request, response, landing.get());
        } else {
            showConfirmation(request, response, landing.get());
        }
    }

    private void post(HttpServletRequest request, HttpServletResponse response) throws IOException, ServletException {
        if (!csrf.isValid(request)) {
            errors.send(request, response, LoginProblem.CSRF, null, 0, null);
            return;
        }
        Optional<LandingRequest> landing = LandingRequest.fromForm(request, routes);
        if (landing.isEmpty()) {
            fail(request, response, LandingFailure.of(LoginProblem.INVALID_LINK), null);
            return;
        }
        consume(request, response, landing.get());
    }

    private void consume(HttpServletRequest request, HttpServletResponse response, LandingRequest landing)
            throws IOException, ServletException {
        String client = clients.of(request);
        if (throttle.isExhausted(client)) {
            errors.send(request, response, LoginProblem.RATE_LIMITED, landing.hint().orElse(null),
                    throttle.retryAfterSeconds(), landing.next().orElse(null));
            return;
        }
        LandingFailure failure = exchange.exchange(request, response, landing);
        if (failure != null) {
            fail(request, response, failure, landing);
        }
    }

    private void fail(HttpServletRequest request, HttpServletResponse response, LandingFailure failure,
                      LandingRequest landing) throws IOException, ServletException {
        if (failure.isBadToken()) {
            throttle.recordFailure(clients.of(request));
        }
        errors.send(request, response, failure.problem(),
                landing == null ? null : landing.hint().orElse(null), failure.retryAfterSeconds(),
                landing == null ? null : landing.next().orElse(null));
    }

    private void showConfirmation(HttpServletRequest request, HttpServletResponse response, LandingRequest landing)
            throws IOException {
        List<Pages.HiddenField> fields = new ArrayList<>();
        fields.add(new Pages.HiddenField(LandingRequest.TOKEN, landing.token()));
        fields.add(new Pages.HiddenField(CsrfTokens.FIELD, csrf.tokenFor(request, response)));
        landing.next().ifPresent(next -> fields.add(new Pages.HiddenField(LandingRequest.NEXT, next)));
        landing.hint().ifPresent(hint -> fields.add(new Pages.HiddenField(LandingRequest.HINT, hint)));
        String button = landing.hint().map(hint -> "Sign in as " + hint).orElse("Continue signing in");
        String html = Pages.landing(exchange.heading(), exchange.explanation(landing.hint()), button, landingUrl,
                fields, mode == LandingMode.AUTO);
        Pages.write(response, HttpServletResponse.SC_OK, html, false);
    }
}
