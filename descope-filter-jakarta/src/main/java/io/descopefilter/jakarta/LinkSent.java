package io.descopefilter.jakarta;

/**
 * The answer to a magic link send or an email / phone update.
 *
 * @param outcome           see {@link SendOutcome}
 * @param maskedAddress     the address as it may be shown, e.g. {@code a***@example.com}; empty unless accepted
 * @param message           a sentence for the user when not accepted, else empty
 * @param retryAfterSeconds for {@link SendOutcome#TRY_LATER}, the seconds to wait; else 0
 */
public record LinkSent(SendOutcome outcome, String maskedAddress, String message, long retryAfterSeconds) {

    /** A link went out, or the answer must look as if it did. */
    public static LinkSent accepted(String maskedAddress) {
        return new LinkSent(SendOutcome.ACCEPTED, maskedAddress, "", 0);
    }

    /** Nothing was sent; {@code message} says what to fix. */
    public static LinkSent invalidInput(String message) {
        return new LinkSent(SendOutcome.INVALID_INPUT, "", message, 0);
    }

    /** Nothing was sent: Descope is unavailable or rate limiting. */
    public static LinkSent tryLater(long retryAfterSeconds) {
        return new LinkSent(SendOutcome.TRY_LATER, "", "Sending links is not possible right now. Please try again "
                + "in " + retryAfterSeconds + " seconds.", retryAfterSeconds);
    }

    /** An update was asked for without a signed-in user. */
    public static LinkSent notSignedIn() {
        return new LinkSent(SendOutcome.NOT_SIGNED_IN, "", "Please sign in first.", 0);
    }

    /** Nothing was sent: the request did not carry the page's CSRF token or came from another site. */
    public static LinkSent notFromThisSite() {
        return new LinkSent(SendOutcome.NOT_FROM_THIS_SITE, "", "This request could not be verified. Please "
                + "reload the page and try again.", 0);
    }

    /** Nothing was sent: the change needs a recent sign-in. */
    public static LinkSent signInAgain() {
        return new LinkSent(SendOutcome.SIGN_IN_AGAIN, "", "For your security, please sign in again before "
                + "changing how you sign in.", 0);
    }

    public boolean isAccepted() {
        return outcome == SendOutcome.ACCEPTED;
    }
}
