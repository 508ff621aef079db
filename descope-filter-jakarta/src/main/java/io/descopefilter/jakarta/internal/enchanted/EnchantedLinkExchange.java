package io.descopefilter.jakarta.internal.enchanted;

import io.descopefilter.core.client.DescopeClient;
import io.descopefilter.core.client.DescopeException;
import io.descopefilter.jakarta.LoginProblem;
import io.descopefilter.jakarta.internal.landing.LandingRequest;
import io.descopefilter.jakarta.internal.landing.TokenExchange;
import io.descopefilter.jakarta.internal.pages.DescopeFailures;
import io.descopefilter.jakarta.internal.pages.LandingPages;
import io.descopefilter.jakarta.internal.pages.Outcome;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.lang.System.Logger.Level;

/**
 * Enchanted link landing, usually opened on another device: marks the link as clicked at Descope and says that the
 * browser that asked for it is now signed in. No session is created here; the initiating browser collects it by
 * polling ({@link EnchantedPoll}).
 */
public final class EnchantedLinkExchange implements TokenExchange {

    private static final System.Logger LOG = System.getLogger(EnchantedLinkExchange.class.getName());

    private final DescopeClient client;

    public EnchantedLinkExchange(DescopeClient client) {
        this.client = client;
    }

    @Override
    public Outcome exchange(HttpServletRequest request, HttpServletResponse response, LandingRequest landing) {
        try {
            client.enchantedLinkVerify(landing.token());
        } catch (DescopeException e) {
            LOG.log(Level.INFO, "Enchanted link verification failed: {0}", e.getMessage());
            return DescopeFailures.failed(e);
        } catch (IllegalArgumentException e) {
            return new Outcome.Failed(LoginProblem.INVALID_LINK);
        }
        return LandingPages.enchantedDone();
    }

    @Override
    public LandingPages.Kind pageKind() {
        return LandingPages.Kind.ENCHANTED;
    }
}
