package io.descopefilter.jakarta.links;

import io.descopefilter.core.client.DescopeException;

import java.lang.System.Logger.Level;

/** What a failed Descope send means for the person asking, without telling whether the account exists. */
final class SendFailures {

    private static final System.Logger LOG = System.getLogger(SendFailures.class.getName());
    static final long UNAVAILABLE_RETRY_SECONDS = 30;

    private SendFailures() {
    }

    /** The answer for a failed send; an unknown or already existing user looks exactly like success (no enumeration). */
    static LinkSent toAnswer(DescopeException e, String maskedAddress) {
        if (e.isUserNotFound() || e.isUserAlreadyExists()) {
            LOG.log(Level.INFO, "No link sent to {0}: {1}", maskedAddress, e.kind());
            return LinkSent.accepted(maskedAddress);
        }
        if (e.isRateLimited()) {
            LOG.log(Level.WARNING, "Descope rate limited a link send: {0}", e.getMessage());
            return LinkSent.tryLater(Math.max(1, e.retryAfterSeconds().orElse(UNAVAILABLE_RETRY_SECONDS)));
        }
        if (e.isBadRequest()) {
            LOG.log(Level.INFO, "Descope refused a link send: {0}", e.getMessage());
            return LinkSent.invalidInput("The link could not be sent. Check the address and try again.");
        }
        LOG.log(Level.WARNING, "Link send failed: {0}", e.getMessage());
        return LinkSent.tryLater(UNAVAILABLE_RETRY_SECONDS);
    }
}
