package io.descopefilter.jakarta.landing;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.Optional;

/** What a landing does with a link token once the user (or {@code direct} mode) asked to use it. */
public interface TokenExchange {

    /**
     * Exchanges the token with Descope. On success writes the response itself and returns {@code null}; on
     * failure writes nothing and returns what went wrong.
     */
    LandingFailure exchange(HttpServletRequest request, HttpServletResponse response, LandingRequest landing)
            throws IOException, ServletException;

    /** Heading of the confirmation page. */
    String heading();

    /** Text of the confirmation page, naming the masked account when the link carries one. */
    String explanation(Optional<String> hint);
}
