package io.descopefilter.emulator.internal.session;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a completed login grants: whose session, how they authenticated ({@code amr}), the custom claims to carry,
 * the current tenant ({@code dct}, may be null) and whether it is a step-up session ({@code su: true}).
 * {@code revokeOtherSessions} applies once, when the login completes: the user's other refresh JWTs are revoked.
 */
public record SessionGrant(String userId, List<String> amr, Map<String, Object> customClaims, String tenantId,
                           boolean stepup, boolean revokeOtherSessions) {

    public SessionGrant {
        Objects.requireNonNull(userId, "userId");
        amr = List.copyOf(amr);
        customClaims = Map.copyOf(customClaims);
    }

    public SessionGrant(String userId, List<String> amr, Map<String, Object> customClaims, String tenantId) {
        this(userId, amr, customClaims, tenantId, false, false);
    }

    /** The same session in another tenant ({@code dct}). */
    public SessionGrant withTenant(String newTenantId) {
        return new SessionGrant(userId, amr, customClaims, newTenantId, stepup, false);
    }
}
