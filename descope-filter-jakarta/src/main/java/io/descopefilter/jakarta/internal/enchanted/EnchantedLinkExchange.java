package io.descopefilter.jakarta.internal.enchanted;

import io.descopefilter.core.DescopeClient;
import io.descopefilter.core.DescopeException;
import io.descopefilter.jakarta.LoginProblem;
import io.descopefilter.jakarta.internal.landing.LandingRequest;
import io.descopefilter.jakarta.internal.landing.TokenExchange;
import io.descopefilter.jakarta.internal.pages.DescopeFailures;
import io.descopefilter.jakarta.internal.pages.LandingPages;
import io.descopefilter.jakarta.internal.pages.Outcome;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.descopefilter.jakarta.internal.limits.ThrottledLog;
import java.lang.System.Logger.Level;
import java.util.Optional;

/**
 * Enchanted link landing, usually opened on another device: marks the link as clicked at Descope and says that the
 * browser that asked for it is now signed in. No session is created here; the initiating browser collects it by
 * polling ({@link EnchantedPoll}).
 */
public final class EnchantedLinkExchange implements TokenExchange {

    private static final System.Logger LOG = System.getLogger(EnchantedLinkExchange.class.getName());
    /** One line per minute at most, with a count of the rest: a flood of bad links must not flood the log. */
    private static final ThrottledLog FAILURES = new ThrottledLog(LOG, Level.INFO, java.time.Duration.ofMinutes(1),
            java.time.Clock.systemUTC());

    private final DescopeClient client;

    public EnchantedLinkExchange(DescopeClient client) {
        this.client = client;
    }

    @Override
    public Outcome exchange(HttpServletRequest request, HttpServletResponse response, LandingRequest landing) {
        try {
            client.enchantedLinkVerify(landing.token());
        } catch (DescopeException e) {
            FAILURES.log("Enchanted link verification failed: {0}", e.getMessage());
            return DescopeFailures.failed(e);
        } catch (IllegalArgumentException e) {
            return new Outcome.Failed(LoginProblem.INVALID_LINK);
        }
        return LandingPages.enchantedDone();
    }

    @Override
    public Outcome resume(HttpServletRequest request, HttpServletResponse response, String heldHandle) {
        return new Outcome.Failed(LoginProblem.INVALID_LINK);
    }

    /** The masked address the link carries: display only, since this landing signs nobody in here. */
    @Override
    public Optional<String> displayHint(HttpServletRequest request, LandingRequest landing) {
        return landing.hint();
    }

    @Override
    public LandingPages.Kind pageKind() {
        return LandingPages.Kind.ENCHANTED;
    }
}
