package io.descopefilter.sample;

import io.descopefilter.jakarta.principal.DescopePrincipal;
import jakarta.servlet.http.HttpServletRequest;

import java.util.Optional;

/** The signed-in user as the filter put it on the request, and how to name them on a page. */
final class SignedInUser {

    private SignedInUser() {
    }

    /** The request's principal when a Descope session is present. */
    static Optional<DescopePrincipal> of(HttpServletRequest request) {
        return request.getUserPrincipal() instanceof DescopePrincipal principal
                ? Optional.of(principal) : Optional.empty();
    }

    /**
     * The friendliest name the session offers: display name, email, first login ID, else the user ID. Name, email
     * and login IDs are in the session JWT only when the project's JWT template adds them.
     */
    static String displayName(DescopePrincipal user) {
        if (present(user.displayName())) {
            return user.displayName();
        }
        if (present(user.email())) {
            return user.email();
        }
        return user.loginIds().isEmpty() ? user.getName() : user.loginIds().get(0);
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
