package io.descopefilter.jakarta.internal.send;

import io.descopefilter.core.DescopeEvent;
import io.descopefilter.core.DescopeException;
import io.descopefilter.core.LoginOptions;
import io.descopefilter.core.store.StoreUnavailableException;
import io.descopefilter.jakarta.LinkSent;
import io.descopefilter.jakarta.LoginProblem;
import io.descopefilter.jakarta.internal.http.ClientAddress;
import io.descopefilter.jakarta.internal.http.CsrfTokens;
import io.descopefilter.jakarta.internal.limits.ThrottledLog;
import io.descopefilter.jakarta.internal.pages.DescopeFailures;
import io.descopefilter.jakarta.internal.session.DescopeRequest;
import io.descopefilter.jakarta.internal.session.SessionTokens;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * What every send passes before and after its Descope call, magic links and enchanted starts alike: the send
 * limits, the signed-in user's refresh JWT where Descope needs it, and the answer for a failed call, which never
 * tells whether the account exists.
 */
public final class SendGate {

    private static final System.Logger LOG = System.getLogger(SendGate.class.getName());
    /** One line per minute at most, with a count of the rest: a flood of bad links must not flood the log. */
    private static final ThrottledLog LIMITED = new ThrottledLog(LOG, Level.INFO, Duration.ofMinutes(1),
            Clock.systemUTC());
    /** Sends Descope could not take (bulkhead full, breaker open, outage): a send flood must not flood the log. */
    private static final ThrottledLog FAILED = new ThrottledLog(LOG, Level.WARNING, Duration.ofMinutes(1),
            Clock.systemUTC());

    private final SendLimiter limiter;
    private final ClientAddress clients;
    private final CsrfTokens csrf;

    public SendGate(SendLimiter limiter, ClientAddress clients, CsrfTokens csrf) {
        this.limiter = limiter;
        this.clients = clients;
        this.csrf = csrf;
    }

    /**
     * Whether the request that asks for a send comes from the application's own page with its CSRF token: every
     * send checks it, so a page on another site cannot make a browser request links (HW-08).
     */
    public boolean isFromOwnPage(HttpServletRequest request) {
        return csrf.isValid(request);
    }

    /**
     * The response of a request that passed through the filter, where a send sets its cookies.
     *
     * @throws IllegalStateException when the request did not pass through {@code DescopeAuthFilter}
     */
    public static HttpServletResponse responseOf(HttpServletRequest request) {
        return DescopeRequest.find(request).map(DescopeRequest::response).orElseThrow(() ->
                new IllegalStateException("DescopeLinks needs the request as DescopeAuthFilter passed it on: map "
                        + "the filter to this page's path"));
    }

    /** What the send limits say about one send. */
    public enum Verdict {
        /** Counted: the send may go out. */
        PROCEED,
        /** A limit is reached: nothing is sent, and the answer looks as if it was (SL-04). */
        LIMITED,
        /** The store that counts cannot be reached: nothing is sent and the answer says "try again later". */
        UNAVAILABLE
    }

    /** Counts one send to {@code address} from this request's client. */
    public Verdict check(HttpServletRequest request, String address) {
        String client = clients.of(request);
        try {
            if (limiter.tryAcquire(LoginIds.limitKey(address), client)) {
                return Verdict.PROCEED;
            }
        } catch (StoreUnavailableException e) {
            FAILED.log("Link send refused: the send limits cannot be counted ({0})", e.getMessage());
            return Verdict.UNAVAILABLE;
        }
        LIMITED.log("Send limit reached for {0} from {1}; nothing sent", LoginIds.mask(address), client);
        return Verdict.LIMITED;
    }

    /** The answer to a send refused because the limits could not be counted. */
    public static LinkSent storeUnavailable() {
        return LinkSent.tryLater(DescopeFailures.UNAVAILABLE_RETRY_SECONDS);
    }

    /** The refresh JWT of the signed-in user of this request, if any. */
    public static Optional<String> refreshJwtOf(HttpServletRequest request) {
        return DescopeRequest.find(request).flatMap(DescopeRequest::tokens).filter(SessionTokens::hasRefreshJwt)
                .map(SessionTokens::refreshJwt);
    }

    /** Step-up and MFA sign-ins act on the current session, so Descope needs its refresh JWT. */
    public static String refreshJwtIfNeeded(HttpServletRequest request, LoginOptions options) {
        if (!options.requiresRefreshJwt()) {
            return null;
        }
        return refreshJwtOf(request).orElseThrow(() ->
                new IllegalArgumentException("step-up and MFA links need a signed-in user"));
    }

    /** What a failed send's event says; the same split as {@link #answerFor}. */
    public static DescopeEvent.SendRefusal refusalOf(DescopeException e) {
        if (e.isUserNotFound() || e.isUserAlreadyExists()) {
            return DescopeEvent.SendRefusal.NO_ACCOUNT;
        }
        return e.isBadRequest() ? DescopeEvent.SendRefusal.DESCOPE_REFUSED
                : DescopeEvent.SendRefusal.UNAVAILABLE;
    }

    /** The answer for a failed send; an unknown or already existing user looks exactly like success (SL-04). */
    public static LinkSent answerFor(DescopeException e, String maskedAddress) {
        if (e.isUserNotFound() || e.isUserAlreadyExists()) {
            LOG.log(Level.INFO, "No link sent to {0}: {1}", maskedAddress, e.kind());
            return LinkSent.accepted(maskedAddress);
        }
        if (e.isBadRequest()) {
            LOG.log(Level.INFO, "Descope refused a link send: {0}", e.getMessage());
            return LinkSent.invalidInput("The link could not be sent. Check the address and try again.");
        }
        LoginProblem problem = DescopeFailures.problemOf(e);
        FAILED.log("Link send failed: {0}", e.getMessage());
        long retryAfter = DescopeFailures.retryAfterSeconds(e, problem);
        return LinkSent.tryLater(retryAfter > 0 ? retryAfter : DescopeFailures.UNAVAILABLE_RETRY_SECONDS);
    }
}
