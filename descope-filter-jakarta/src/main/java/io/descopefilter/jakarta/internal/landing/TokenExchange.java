package io.descopefilter.jakarta.internal.landing;

import io.descopefilter.jakarta.internal.pages.LandingPages;
import io.descopefilter.jakarta.internal.pages.Outcome;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.util.Optional;

/** What a landing does with a link token once the user (or {@code direct} mode) asked to use it. */
public interface TokenExchange {

    /** The form field that names a sign-in held for the person's confirmation. */
    String HELD = "held";

    /**
     * Exchanges the token with Descope and says what to answer. A bad or used token answers
     * {@link Outcome.Failed} with {@code INVALID_LINK} or {@code EXPIRED_LINK}, which counts against the client's
     * verify allowance.
     */
    Outcome exchange(HttpServletRequest request, HttpServletResponse response, LandingRequest landing);

    /** Completes a sign-in held for confirmation ({@link #HELD}); the request is CSRF-checked already. */
    Outcome resume(HttpServletRequest request, HttpServletResponse response, String heldHandle);

    /** The masked account the confirmation page may name, if known. */
    Optional<String> displayHint(HttpServletRequest request, LandingRequest landing);

    /** Where the person was going, for the "send me a new link" offer of a failure page; empty when unknown. */
    default Optional<String> returnPath(HttpServletRequest request, LandingRequest landing) {
        return landing.next();
    }

    /** Which confirmation page this kind of link shows. */
    LandingPages.Kind pageKind();
}
