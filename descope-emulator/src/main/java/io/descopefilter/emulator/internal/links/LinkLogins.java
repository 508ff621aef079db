package io.descopefilter.emulator.internal.links;

import io.descopefilter.emulator.EmulatorUser;
import io.descopefilter.emulator.internal.http.ApiException;
import io.descopefilter.emulator.internal.http.ErrorCode;
import io.descopefilter.emulator.internal.jwt.RefreshToken;
import io.descopefilter.emulator.internal.session.SessionGrant;
import io.descopefilter.emulator.internal.store.StoredUser;
import io.descopefilter.emulator.internal.store.UserStore;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The user side of a link login: who signs up or in, where the link goes and what the session will carry. */
public final class LinkLogins {

    /** Which of the three link-sending operations runs. */
    public enum Mode { SIGN_UP, SIGN_IN, SIGN_UP_OR_IN }

    private final UserStore users;

    public LinkLogins(UserStore users) {
        this.users = users;
    }

    /**
     * The user to send the link to: sign-in needs an existing user (400 E062108), sign-up a new login ID
     * (400 E062107), sign-up-or-in takes either. A sign-up naming a tenant joins it.
     */
    public StoredUser userFor(Mode mode, DeliveryChannel channel, LinkRequest request) {
        Optional<StoredUser> existing = users.byLoginId(request.loginId());
        return switch (mode) {
            case SIGN_IN -> existing.orElseThrow(() -> new ApiException(ErrorCode.USER_NOT_FOUND, "Cannot find user"));
            case SIGN_UP -> {
                if (existing.isPresent()) {
                    throw new ApiException(ErrorCode.USER_ALREADY_EXISTS, "A user with this login ID already exists");
                }
                yield signUp(channel, request);
            }
            case SIGN_UP_OR_IN -> existing.orElseGet(() -> signUp(channel, request));
        };
    }

    /** Step-up/MFA: the presented session must belong to the same user (401 E061004 otherwise). */
    public void requireSameUser(StoredUser user, RefreshToken session) {
        if (!user.userId().equals(session.userId())) {
            throw new ApiException(ErrorCode.INVALID_REFRESH_TOKEN, "The session belongs to another user");
        }
    }

    /** The address the link is delivered to: the user's email or phone (400 E011004 when the user has none). */
    public String addressOf(StoredUser user, DeliveryChannel channel) {
        String address = channel.isEmail() ? user.email() : user.phone();
        if (address.isBlank()) {
            throw new ApiException(ErrorCode.INVALID_ARGUMENT,
                    channel.isEmail() ? "The user has no email address" : "The user has no phone number");
        }
        return address;
    }

    /**
     * The grant the session will carry; a requested tenant must be one of the user's (400 E011004). With a presented
     * session ({@code stepup}/{@code mfa} sign-in, else null) the new session extends it: its {@code amr} values,
     * custom claims and tenant carry over, {@code stepup} adds {@code su: true} and {@code mfa} adds {@code "mfa"}
     * to {@code amr}. Without one, {@code stepup}/{@code mfa} are ignored.
     */
    public SessionGrant grantFor(StoredUser user, DeliveryChannel channel, LoginOptions options,
                                 RefreshToken session) {
        if (options.tenantId() != null && user.tenant(options.tenantId()).isEmpty()) {
            throw new ApiException(ErrorCode.INVALID_ARGUMENT, "The user is not a member of the requested tenant");
        }
        if (session == null) {
            return new SessionGrant(user.userId(), List.of(channel.wireName()), options.customClaims(),
                    options.tenantId(), false, options.revokeOtherSessions());
        }
        SessionGrant previous = session.grant();
        Set<String> amr = new LinkedHashSet<>(previous.amr());
        amr.add(channel.wireName());
        if (options.mfa()) {
            amr.add("mfa");
        }
        Map<String, Object> claims = new LinkedHashMap<>(previous.customClaims());
        claims.putAll(options.customClaims());
        String tenantId = options.tenantId() != null ? options.tenantId() : previous.tenantId();
        return new SessionGrant(user.userId(), List.copyOf(amr), claims, tenantId,
                options.stepup() || previous.stepup(), options.revokeOtherSessions());
    }

    private StoredUser signUp(DeliveryChannel channel, LinkRequest request) {
        String loginId = request.loginId();
        String email = LinkRequest.firstNonBlank(request.email(), Addresses.isEmail(loginId) ? loginId : null);
        String phone = LinkRequest.firstNonBlank(request.phone(), Addresses.isPhone(loginId) ? loginId : null);
        if (email != null && !Addresses.isEmail(email)) {
            throw new ApiException(ErrorCode.INVALID_ARGUMENT, "The email is not a valid email address");
        }
        if (phone != null && !Addresses.isPhone(phone)) {
            throw new ApiException(ErrorCode.INVALID_ARGUMENT, "The phone is not a valid phone number");
        }
        Addresses.require(channel, channel.isEmail() ? email : phone);
        String tenantId = request.options().tenantId();
        List<EmulatorUser.Tenant> tenants = tenantId == null ? List.of()
                : List.of(new EmulatorUser.Tenant(tenantId, tenantId, List.of(), List.of()));
        return users.create(StoredUser.newUser(loginId, email, false, phone, false, request.name(), request.givenName(),
                request.middleName(), request.familyName(), List.of(), List.of(), tenants, Map.of()));
    }
}
