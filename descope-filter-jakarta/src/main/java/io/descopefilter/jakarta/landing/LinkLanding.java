package io.descopefilter.jakarta.landing;

import io.descopefilter.core.client.DescopeClient;
import io.descopefilter.core.client.DescopeException;
import io.descopefilter.core.client.JwtResponse;
import io.descopefilter.core.session.DescopeSession;
import io.descopefilter.core.session.SessionValidator;
import io.descopefilter.core.session.ValidationResult;
import io.descopefilter.jakarta.config.PublicBaseUrl;
import io.descopefilter.jakarta.session.SessionTokens;
import io.descopefilter.jakarta.session.SessionTooLargeException;
import io.descopefilter.jakarta.session.SignIn;
import io.descopefilter.jakarta.web.LoginProblem;
import io.descopefilter.jakarta.web.Responses;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.lang.System.Logger.Level;
import java.util.Optional;

/**
 * Magic and embedded link landing: verifies the token with Descope (single use, so never retried), validates the
 * returned session JWT locally before trusting it (TX-07), checks the account hint, installs the session (ending
 * any previous one, TX-08) and answers 303 to the return path, so the token leaves the address bar (LH-05).
 */
public final class LinkLanding implements TokenExchange {

    private static final System.Logger LOG = System.getLogger(LinkLanding.class.getName());

    private final DescopeClient client;
    private final SessionValidator validator;
    private final SignIn signIn;
    private final PublicBaseUrl publicBaseUrl;
    private final String afterLoginPath;

    public LinkLanding(DescopeClient client, SessionValidator validator, SignIn signIn, PublicBaseUrl publicBaseUrl,
                       String afterLoginPath) {
        this.client = client;
        this.validator = validator;
        this.signIn = signIn;
        this.publicBaseUrl = publicBaseUrl;
        this.afterLoginPath = afterLoginPath;
    }

    @Override
    public LandingFailure exchange(HttpServletRequest request, HttpServletResponse response, LandingRequest landing) {
        JwtResponse verified;
        try {
            verified = client.magicLinkVerify(landing.token());
        } catch (DescopeException e) {
            LOG.log(Level.INFO, "Link verification failed: {0}", e.getMessage());
            return LandingFailure.from(e);
        } catch (IllegalArgumentException e) {
            return LandingFailure.of(LoginProblem.INVALID_LINK);
        }
        ValidationResult result = validator.validateSession(verified.sessionJwt());
        if (!result.isValid()) {
            LOG.log(Level.WARNING, "Descope's verify answer held a session JWT that failed validation: {0}",
                    result.rejection().orElseThrow());
            revoke(verified);
            return LandingFailure.of(LoginProblem.INVALID_LINK);
        }
        DescopeSession session = result.session().orElseThrow();
        if (landing.hint().isPresent() && !AccountHint.fits(landing.hint().get(), verified.user(), session)) {
            LOG.log(Level.WARNING, "Link for user {0} arrived with an account hint of another account; "
                    + "not signing in", session.userId());
            revoke(verified);
            return LandingFailure.of(LoginProblem.INVALID_LINK);
        }
        String refreshJwt = verified.refreshJwt() == null || verified.refreshJwt().isEmpty() ? null : verified.refreshJwt();
        try {
            signIn.install(request, response, new SessionTokens(verified.sessionJwt(), refreshJwt,
                    verified.cookieMaxAge()), session);
        } catch (SessionTooLargeException e) {
            LOG.log(Level.ERROR, e.getMessage());
            revoke(verified);
            return LandingFailure.of(LoginProblem.SESSION_TOO_LARGE);
        }
        LOG.log(Level.INFO, "User {0} signed in with a link", session.userId());
        Optional<String> next = landing.next();
        Responses.seeOther(response, publicBaseUrl.resolve(next.orElse(afterLoginPath)));
        return null;
    }

    private void revoke(JwtResponse verified) {
        if (verified.refreshJwt() != null && !verified.refreshJwt().isEmpty()) {
            try {
                client.logout(verified.refreshJwt());
            } catch (DescopeException | IllegalArgumentException e) {
                LOG.log(Level.INFO, "Could not revoke a refused session at Descope: {0}", e.getMessage());
            }
        }
    }

    @Override
    public String heading() {
        return "Sign in";
    }

    @Override
    public String explanation(Optional<String> hint) {
        return hint.map(h -> "You are about to sign in as " + h + ". Press the button to continue.")
                .orElse("Press the button to continue signing in.");
    }
}
