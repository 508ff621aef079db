package io.descopefilter.jakarta.internal.magic;

import io.descopefilter.core.client.DescopeClient;
import io.descopefilter.core.client.DescopeException;
import io.descopefilter.core.client.JwtResponse;
import io.descopefilter.core.session.DescopeSession;
import io.descopefilter.jakarta.LoginProblem;
import io.descopefilter.jakarta.internal.config.PublicBaseUrl;
import io.descopefilter.jakarta.internal.landing.LandingRequest;
import io.descopefilter.jakarta.internal.landing.TokenExchange;
import io.descopefilter.jakarta.internal.pages.DescopeFailures;
import io.descopefilter.jakarta.internal.pages.LandingPages;
import io.descopefilter.jakarta.internal.pages.Outcome;
import io.descopefilter.jakarta.internal.session.SignIn;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.lang.System.Logger.Level;

/**
 * Magic and embedded link landing: verifies the token with Descope (single use, so never retried), lets
 * {@link SignIn} validate and install the session (refusing a user other than the account the link named), and
 * answers 303 to the return path, so the token leaves the address bar (LH-05).
 */
public final class MagicLinkExchange implements TokenExchange {

    private static final System.Logger LOG = System.getLogger(MagicLinkExchange.class.getName());

    private final DescopeClient client;
    private final SignIn signIn;
    private final PublicBaseUrl publicBaseUrl;
    private final String afterLoginPath;

    public MagicLinkExchange(DescopeClient client, SignIn signIn, PublicBaseUrl publicBaseUrl,
                             String afterLoginPath) {
        this.client = client;
        this.signIn = signIn;
        this.publicBaseUrl = publicBaseUrl;
        this.afterLoginPath = afterLoginPath;
    }

    @Override
    public Outcome exchange(HttpServletRequest request, HttpServletResponse response, LandingRequest landing) {
        JwtResponse verified;
        try {
            verified = client.magicLinkVerify(landing.token());
        } catch (DescopeException e) {
            LOG.log(Level.INFO, "Link verification failed: {0}", e.getMessage());
            return DescopeFailures.failed(e);
        } catch (IllegalArgumentException e) {
            return new Outcome.Failed(LoginProblem.INVALID_LINK);
        }
        SignIn.Result result = signIn.install(request, response, verified, session -> fitsHint(landing, verified,
                session));
        if (result instanceof SignIn.Result.Refused refused) {
            return new Outcome.Failed(refused.problem());
        }
        DescopeSession session = ((SignIn.Result.SignedIn) result).session();
        LOG.log(Level.INFO, "User {0} signed in with a link", session.userId());
        return new Outcome.SeeOther(publicBaseUrl.resolve(landing.next().orElse(afterLoginPath)));
    }

    private static boolean fitsHint(LandingRequest landing, JwtResponse verified, DescopeSession session) {
        if (landing.hint().isEmpty() || AccountHint.fits(landing.hint().get(), verified.user(), session)) {
            return true;
        }
        LOG.log(Level.WARNING, "Link for user {0} arrived with an account hint of another account; not signing in",
                session.userId());
        return false;
    }

    @Override
    public LandingPages.Kind pageKind() {
        return LandingPages.Kind.MAGIC;
    }
}
