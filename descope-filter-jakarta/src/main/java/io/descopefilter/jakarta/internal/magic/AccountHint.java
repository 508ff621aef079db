package io.descopefilter.jakarta.internal.magic;

import io.descopefilter.core.client.DescopeUser;
import io.descopefilter.core.session.DescopeSession;
import io.descopefilter.jakarta.internal.send.LoginIds;

import java.util.ArrayList;
import java.util.List;

/**
 * Checks the masked account named on the confirmation page against the user Descope actually verified. The hint
 * travels in the link and could be forged: an attacker mailing a victim their own link with the victim's masked
 * address would otherwise get the victim signed in to the attacker's account (login CSRF, TX-09). If a hint is
 * present it must fit the verified user.
 */
final class AccountHint {

    private AccountHint() {
    }

    static boolean fits(String hint, DescopeUser user, DescopeSession session) {
        List<String> identifiers = new ArrayList<>(session.loginIds());
        identifiers.add(session.email());
        if (user != null) {
            identifiers.addAll(user.loginIds());
            identifiers.add(user.email());
            identifiers.add(user.phone());
        }
        return identifiers.stream().anyMatch(id -> id != null && !id.isEmpty() && LoginIds.mask(id).equals(hint));
    }
}
