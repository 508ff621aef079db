package io.descopefilter.emulator.internal.links;

import io.descopefilter.emulator.internal.http.ApiException;
import io.descopefilter.emulator.internal.http.ErrorCode;
import io.descopefilter.emulator.internal.session.SessionService;
import io.descopefilter.emulator.internal.store.StoredUser;
import io.descopefilter.emulator.internal.store.UserStore;
import io.descopefilter.emulator.internal.wire.JwtResponseBody;

/** Completes links: consumes the token, applies what it carries (verified address or profile change), logs in. */
public final class LinkVerifier {

    private final LinkTokens tokens;
    private final PendingSessions pendingSessions;
    private final UserStore users;
    private final SessionService sessions;

    public LinkVerifier(LinkTokens tokens, PendingSessions pendingSessions, UserStore users, SessionService sessions) {
        this.tokens = tokens;
        this.pendingSessions = pendingSessions;
        this.users = users;
        this.sessions = sessions;
    }

    /** Magic and embedded links: a session right away. */
    public JwtResponseBody verifyMagicLink(String token) {
        LinkToken link = tokens.consume(token, LinkToken.Kind.MAGIC);
        applyTo(link);
        return sessions.login(link.grant());
    }

    /** Enchanted links: only the correct one of the three completes the pending login, which the poll collects. */
    public void verifyEnchantedLink(String token) {
        LinkToken link = tokens.consume(token, LinkToken.Kind.ENCHANTED);
        if (!link.correct()) {
            throw new ApiException(ErrorCode.TOKEN_NOT_FOUND, "This is not the link whose number was shown");
        }
        pendingSessions.markVerified(link.pendingRef());
        applyTo(link);
    }

    private void applyTo(LinkToken link) {
        if (link.kind() == LinkToken.Kind.EMBEDDED) {
            return;
        }
        users.update(link.grant().userId(), user -> link.change() != null ? link.change().applyTo(user)
                : markAddressVerified(user, link.channel()));
    }

    private static StoredUser markAddressVerified(StoredUser user, DeliveryChannel channel) {
        return channel.isEmail() ? user.withEmail(user.email(), true) : user.withPhone(user.phone(), true);
    }
}
