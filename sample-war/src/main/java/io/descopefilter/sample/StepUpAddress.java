package io.descopefilter.sample;

import io.descopefilter.core.DeliveryMethod;
import io.descopefilter.core.DescopeUser;
import io.descopefilter.jakarta.DescopeLinks;
import io.descopefilter.jakarta.DescopePrincipal;
import jakarta.servlet.http.HttpServletRequest;

import java.util.Optional;

/**
 * Where a step-up link for the signed-in user goes: their email address, else their phone number, as Descope has
 * them ({@code DescopeLinks.currentUser}), else as the session token names them. Never an address from a form.
 *
 * @param method  email, or SMS for a phone number
 * @param loginId the address
 */
record StepUpAddress(DeliveryMethod method, String loginId) {

    static Optional<StepUpAddress> of(HttpServletRequest request, DescopeLinks links) {
        Optional<DescopePrincipal> principal = SignedInUser.of(request);
        if (principal.isEmpty()) {
            return Optional.empty();
        }
        Optional<DescopeUser> user = links.currentUser(request);
        String email = user.map(DescopeUser::email).filter(StepUpAddress::present).orElse(principal.get().email());
        if (present(email)) {
            return Optional.of(new StepUpAddress(DeliveryMethod.EMAIL, email));
        }
        String phone = user.map(DescopeUser::phone).filter(StepUpAddress::present).orElse(null);
        if (phone == null) {
            phone = principal.get().loginIds().stream().filter(id -> id.startsWith("+")).findFirst().orElse(null);
        }
        return present(phone) ? Optional.of(new StepUpAddress(DeliveryMethod.SMS, phone)) : Optional.empty();
    }

    /** The address with most of it hidden, as the confirmation page shows it: a***@example.com, +***01. */
    String masked() {
        if (method == DeliveryMethod.EMAIL) {
            int at = loginId.indexOf('@');
            return at <= 0 ? "***" : loginId.charAt(0) + "***" + loginId.substring(at);
        }
        return "+***" + loginId.substring(Math.max(1, loginId.length() - 2));
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
