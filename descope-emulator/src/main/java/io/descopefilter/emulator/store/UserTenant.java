package io.descopefilter.emulator.store;

import java.util.List;

/** A user's membership of one tenant, in the ResponseUser {@code userTenants} shape. */
public record UserTenant(String tenantId, String tenantName, List<String> roleNames, List<String> permissions) {

    public UserTenant {
        roleNames = List.copyOf(roleNames);
        permissions = List.copyOf(permissions);
    }
}
