package io.descopefilter.jakarta;

/** How a request to send a link ended, as far as the person asking may know. */
public enum SendOutcome {
    /**
     * Accepted: a link went out if the account exists and no send limit was hit. Deliberately the same answer in
     * all those cases, so that nobody can learn who has an account or when a limit applies (SL-02, SL-04).
     */
    ACCEPTED,
    /** The address (or an option) is malformed; {@code message} says what to fix. Nothing was sent. */
    INVALID_INPUT,
    /** Descope is unavailable or rate limiting; try again after {@code retryAfterSeconds}. */
    TRY_LATER,
    /** An update of email or phone was asked for without a signed-in user. */
    NOT_SIGNED_IN,
    /**
     * The request did not come from the application's own page (no valid CSRF token, or another origin). Nothing
     * was sent; the page should reload and try again.
     */
    NOT_FROM_THIS_SITE,
    /**
     * An email or phone change needs a recent sign-in (setting {@code recentSignInForUpdates}): send the user
     * through a sign-in link first, then offer the change again. Nothing was sent.
     */
    SIGN_IN_AGAIN
}
