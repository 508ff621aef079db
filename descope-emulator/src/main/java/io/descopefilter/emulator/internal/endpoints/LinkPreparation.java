package io.descopefilter.emulator.internal.endpoints;

import io.descopefilter.emulator.internal.http.ApiException;
import io.descopefilter.emulator.internal.http.ApiRequest;
import io.descopefilter.emulator.internal.http.Authenticator;
import io.descopefilter.emulator.internal.http.ErrorCode;
import io.descopefilter.emulator.internal.jwt.RefreshToken;
import io.descopefilter.emulator.internal.links.Addresses;
import io.descopefilter.emulator.internal.links.DeliveryChannel;
import io.descopefilter.emulator.internal.links.LinkLogins;
import io.descopefilter.emulator.internal.links.LinkRequest;
import io.descopefilter.emulator.internal.links.ProfileChange;
import io.descopefilter.emulator.internal.links.RedirectPolicy;
import io.descopefilter.emulator.internal.links.UpdateRequest;
import io.descopefilter.emulator.internal.ratelimit.RateLimiter;
import io.descopefilter.emulator.internal.session.SessionGrant;
import io.descopefilter.emulator.internal.store.StoredUser;
import io.descopefilter.emulator.internal.store.UserStore;
import java.util.List;
import java.util.Map;

/**
 * The checks every link-sending call shares, in order: body, per-login-ID rate limit, redirect URI, session (for
 * updates and step-up), user, delivery address and the grant the eventual session carries.
 */
final class LinkPreparation {

    /** Everything needed to send a link. {@code change} is null for logins. */
    record PreparedLink(DeliveryChannel channel, String address, String redirectUri, SessionGrant grant,
                        ProfileChange change, Map<String, Object> messageOptions) {
    }

    private final Authenticator authenticator;
    private final RateLimiter rateLimiter;
    private final RedirectPolicy redirects;
    private final LinkLogins logins;
    private final UserStore users;

    LinkPreparation(Authenticator authenticator, RateLimiter rateLimiter, RedirectPolicy redirects, LinkLogins logins,
                    UserStore users) {
        this.authenticator = authenticator;
        this.rateLimiter = rateLimiter;
        this.redirects = redirects;
        this.logins = logins;
        this.users = users;
    }

    PreparedLink login(LinkLogins.Mode mode, DeliveryChannel channel, ApiRequest request) {
        LinkRequest body = LinkRequest.from(request.body());
        rateLimiter.checkLoginId(body.loginId());
        String redirectUri = redirects.resolve(body.redirectUri());
        RefreshToken session = mode == LinkLogins.Mode.SIGN_IN && body.options().requiresSession()
                ? authenticator.requireRefreshToken(request) : null;
        StoredUser user = logins.userFor(mode, channel, body);
        if (session != null) {
            logins.requireSameUser(user, session);
        }
        return new PreparedLink(channel, logins.addressOf(user, channel), redirectUri,
                logins.grantFor(user, channel, body.options(), session), null, body.messageOptions());
    }

    PreparedLink update(DeliveryChannel channel, ApiRequest request) {
        RefreshToken session = authenticator.requireRefreshToken(request);
        UpdateRequest body = UpdateRequest.from(request.body(), channel);
        rateLimiter.checkLoginId(body.loginId());
        String newAddress = Addresses.require(channel, body.newValue());
        String redirectUri = redirects.resolve(body.redirectUri());
        StoredUser user = users.byLoginId(body.loginId())
                .orElseThrow(() -> new ApiException(ErrorCode.USER_NOT_FOUND, "Cannot find user"));
        logins.requireSameUser(user, session);
        boolean takenByOther = users.byLoginId(newAddress).filter(o -> !o.userId().equals(user.userId())).isPresent();
        if (body.addToLoginIds() && takenByOther) {
            throw new ApiException(ErrorCode.USER_ALREADY_EXISTS, "The new login ID belongs to another user");
        }
        SessionGrant grant = new SessionGrant(user.userId(), List.of(channel.wireName()),
                session.grant().customClaims(), session.grant().tenantId());
        return new PreparedLink(channel, newAddress, redirectUri, grant,
                new ProfileChange(channel, newAddress, body.addToLoginIds()), body.messageOptions());
    }
}
