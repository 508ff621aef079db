package io.descopefilter.sample;

import io.descopefilter.jakarta.DescopePrincipal;
import jakarta.servlet.http.HttpServletRequest;
import org.owasp.encoder.Encode;

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
     * The friendliest name the session offers: display name, email or first login ID. The session JWT carries them
     * only when the Descope project's JWT template adds them; the user ID alone is no name to greet anyone with.
     */
    static Optional<String> name(DescopePrincipal user) {
        if (present(user.displayName())) {
            return Optional.of(user.displayName());
        }
        if (present(user.email())) {
            return Optional.of(user.email());
        }
        return user.loginIds().stream().filter(SignedInUser::present).findFirst();
    }

    /** "as <strong>name</strong>" when there is a name, else nothing; for "You are signed in …". */
    static String asName(DescopePrincipal user) {
        return name(user).map(name -> " as <strong>" + Encode.forHtml(name) + "</strong>")
                .orElse("");
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
