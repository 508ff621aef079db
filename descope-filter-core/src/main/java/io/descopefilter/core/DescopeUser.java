package io.descopefilter.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The user object Descope returns ({@code ResponseUser}, contract §5): from verify, refresh, {@code me} and user
 * create. Absent lists and maps become empty, absent flags {@code false}.
 */
public record DescopeUser(
        String userId,
        List<String> loginIds,
        String name,
        String givenName,
        String middleName,
        String familyName,
        String email,
        boolean verifiedEmail,
        String phone,
        boolean verifiedPhone,
        String picture,
        String status,
        boolean test,
        long createdTime,
        List<String> roleNames,
        List<String> permissions,
        List<Tenant> userTenants,
        Map<String, Object> customAttributes) {

    /** A tenant membership of the user. */
    public record Tenant(String tenantId, String tenantName, List<String> roleNames, List<String> permissions) {
        public Tenant {
            roleNames = immutable(roleNames);
            permissions = immutable(permissions);
        }
    }

    public DescopeUser {
        loginIds = immutable(loginIds);
        roleNames = immutable(roleNames);
        permissions = immutable(permissions);
        userTenants = immutable(userTenants);
        customAttributes = customAttributes == null
                ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(customAttributes));
    }

    private static <T> List<T> immutable(List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }
}
