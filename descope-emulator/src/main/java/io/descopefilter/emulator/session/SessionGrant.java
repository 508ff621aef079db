package io.descopefilter.emulator.session;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a completed login grants: whose session, how they authenticated ({@code amr}), the custom claims to carry and
 * the current tenant ({@code dct}, may be null).
 */
public record SessionGrant(String userId, List<String> amr, Map<String, Object> customClaims, String tenantId) {

    public SessionGrant {
        Objects.requireNonNull(userId, "userId");
        amr = List.copyOf(amr);
        customClaims = Map.copyOf(customClaims);
    }
}
