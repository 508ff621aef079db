package io.descopefilter.jakarta.links;

/**
 * The answer to a magic link send or an email / phone update.
 *
 * @param outcome           see {@link SendOutcome}
 * @param maskedAddress     the address as it may be shown, e.g. {@code a***@example.com}; empty unless accepted
 * @param message           a sentence for the user when not accepted, else empty
 * @param retryAfterSeconds for {@link SendOutcome#TRY_LATER}, the seconds to wait; else 0
 */
public record LinkSent(SendOutcome outcome, String maskedAddress, String message, long retryAfterSeconds) {

    static LinkSent accepted(String maskedAddress) {
        return new LinkSent(SendOutcome.ACCEPTED, maskedAddress, "", 0);
    }

    static LinkSent invalidInput(String message) {
        return new LinkSent(SendOutcome.INVALID_INPUT, "", message, 0);
    }

    static LinkSent tryLater(long retryAfterSeconds) {
        return new LinkSent(SendOutcome.TRY_LATER, "", "Sending links is not possible right now. Please try again "
                + "in " + retryAfterSeconds + " seconds.", retryAfterSeconds);
    }

    static LinkSent notSignedIn() {
        return new LinkSent(SendOutcome.NOT_SIGNED_IN, "", "Please sign in first.", 0);
    }

    public boolean isAccepted() {
        return outcome == SendOutcome.ACCEPTED;
    }
}
