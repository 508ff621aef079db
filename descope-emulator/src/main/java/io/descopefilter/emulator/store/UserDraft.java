package io.descopefilter.emulator.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What is known about a user before it is stored and given an ID. */
public record UserDraft(String loginId, String email, boolean verifiedEmail, String phone, boolean verifiedPhone,
                        String name, String givenName, String middleName, String familyName, List<String> roleNames,
                        List<String> permissions, List<UserTenant> tenants, Map<String, Object> customAttributes) {

    public UserDraft {
        if (loginId == null || loginId.isBlank()) {
            throw new IllegalArgumentException("loginId is required");
        }
        roleNames = roleNames == null ? List.of() : List.copyOf(roleNames);
        permissions = permissions == null ? List.of() : List.copyOf(permissions);
        tenants = tenants == null ? List.of() : List.copyOf(tenants);
        customAttributes = customAttributes == null ? Map.of() : Map.copyOf(customAttributes);
    }

    /** A draft with just contact details, as a link sign-up creates it. */
    public static UserDraft contact(String loginId, String email, String phone, String name, String givenName,
                                    String middleName, String familyName) {
        return new UserDraft(loginId, email, false, phone, false, name, givenName, middleName, familyName,
                List.of(), List.of(), List.of(), Map.of());
    }

    StoredUser toUser(String userId, Instant createdTime) {
        return new StoredUser(userId, List.of(loginId), email, verifiedEmail, phone, verifiedPhone, name, givenName,
                middleName, familyName, roleNames, permissions, tenants, customAttributes, createdTime, false);
    }
}
