package io.descopefilter.jakarta;

/**
 * The answer to starting an enchanted link sign-in. Show {@code linkId}: the user picks the link with that
 * number in the email. The browser then polls the filter's poll path until it is signed in.
 *
 * @param outcome           see {@link SendOutcome}; {@code ACCEPTED} looks the same whether or not a link went out
 * @param linkId            the number to show; empty unless accepted
 * @param maskedEmail       the address as it may be shown; empty unless accepted
 * @param message           a sentence for the user when not accepted, else empty
 * @param retryAfterSeconds for {@link SendOutcome#TRY_LATER}, the seconds to wait; else 0
 */
public record EnchantedLinkStarted(SendOutcome outcome, String linkId, String maskedEmail, String message,
                                   long retryAfterSeconds) {

    /** Started (or, indistinguishably, a decoy): show {@code linkId}. */
    public static EnchantedLinkStarted accepted(String linkId, String maskedEmail) {
        return new EnchantedLinkStarted(SendOutcome.ACCEPTED, linkId, maskedEmail, "", 0);
    }

    /** Not started, for the reason {@code failure} gives. */
    public static EnchantedLinkStarted from(LinkSent failure) {
        return new EnchantedLinkStarted(failure.outcome(), "", "", failure.message(), failure.retryAfterSeconds());
    }

    public boolean isAccepted() {
        return outcome == SendOutcome.ACCEPTED;
    }
}
