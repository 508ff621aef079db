package io.descopefilter.jakarta.landing;

import io.descopefilter.core.client.DescopeClient;
import io.descopefilter.core.client.DescopeException;
import io.descopefilter.jakarta.web.LoginProblem;
import io.descopefilter.jakarta.web.Pages;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.Optional;

/**
 * Enchanted link landing, usually opened on another device: marks the link as clicked at Descope and says that the
 * browser that asked for it is now signed in. No session is created here; the initiating browser collects it by
 * polling ({@code EnchantedPoll}).
 */
public final class EnchantedLanding implements TokenExchange {

    private static final System.Logger LOG = System.getLogger(EnchantedLanding.class.getName());

    private final DescopeClient client;

    public EnchantedLanding(DescopeClient client) {
        this.client = client;
    }

    @Override
    public LandingFailure exchange(HttpServletRequest request, HttpServletResponse response, LandingRequest landing)
            throws IOException {
        try {
            client.enchantedLinkVerify(landing.token());
        } catch (DescopeException e) {
            LOG.log(Level.INFO, "Enchanted link verification failed: {0}", e.getMessage());
            return LandingFailure.from(e);
        } catch (IllegalArgumentException e) {
            return LandingFailure.of(LoginProblem.INVALID_LINK);
        }
        Pages.write(response, HttpServletResponse.SC_OK, Pages.message("You are signed in",
                "The browser where you asked for this link is now signed in. You can close this tab.", null, null),
                false);
        return null;
    }

    @Override
    public String heading() {
        return "Confirm sign-in";
    }

    @Override
    public String explanation(Optional<String> hint) {
        return hint.map(h -> "Press the button to sign in as " + h + " in the browser where you asked for this link.")
                .orElse("Press the button to sign in in the browser where you asked for this link.");
    }
}
