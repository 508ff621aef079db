package io.descopefilter.core;

import java.util.Set;

/** The roles and permissions a session holds in one tenant. */
public record TenantAccess(Set<String> roles, Set<String> permissions) {

    static final TenantAccess NONE = new TenantAccess(Set.of(), Set.of());

    public TenantAccess {
        roles = Set.copyOf(roles);
        permissions = Set.copyOf(permissions);
    }
}
