package io.descopefilter.emulator.internal.store;

import io.descopefilter.emulator.EmulatorUser;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one record of a user: what the store keeps (immutable; a change stores a new snapshot). Seeds come from
 * {@link EmulatorUser} ({@link #seed}), sign-ups and management calls from {@link #newUser}; the JSON view is
 * {@code wire.ResponseUser.of(user)}. {@code userId} and {@code createdTime} are null until {@link UserStore#create}
 * stores the user.
 */
public record StoredUser(String userId, List<String> loginIds, String email, boolean verifiedEmail, String phone,
                         boolean verifiedPhone, String name, String givenName, String middleName, String familyName,
                         List<String> roleNames, List<String> permissions, List<EmulatorUser.Tenant> tenants,
                         Map<String, Object> customAttributes, Instant createdTime, boolean loggedInBefore) {

    public StoredUser {
        loginIds = List.copyOf(loginIds);
        if (loginIds.isEmpty() || loginIds.get(0) == null || loginIds.get(0).isBlank()) {
            throw new IllegalArgumentException("loginId is required");
        }
        email = orEmpty(email);
        phone = orEmpty(phone);
        name = orEmpty(name);
        givenName = orEmpty(givenName);
        middleName = orEmpty(middleName);
        familyName = orEmpty(familyName);
        roleNames = roleNames == null ? List.of() : List.copyOf(roleNames);
        permissions = permissions == null ? List.of() : List.copyOf(permissions);
        tenants = tenants == null ? List.of() : List.copyOf(tenants);
        customAttributes = customAttributes == null ? Map.of() : Map.copyOf(customAttributes);
    }

    /** A user not stored yet, with one login ID; blank strings and nulls read as "none". */
    public static StoredUser newUser(String loginId, String email, boolean verifiedEmail, String phone,
                                     boolean verifiedPhone, String name, String givenName, String middleName,
                                     String familyName, List<String> roleNames, List<String> permissions,
                                     List<EmulatorUser.Tenant> tenants, Map<String, Object> customAttributes) {
        return new StoredUser(null, List.of(loginId), email, verifiedEmail, phone, verifiedPhone, name, givenName,
                middleName, familyName, roleNames, permissions, tenants, customAttributes, null, false);
    }

    /** A seeded user: email and phone, when given, count as verified. */
    public static StoredUser seed(EmulatorUser user) {
        return newUser(user.loginId(), user.email(), user.email() != null, user.phone(), user.phone() != null,
                user.name(), null, null, null, user.roleNames(), user.permissions(), user.tenants(),
                user.customAttributes());
    }

    public Optional<EmulatorUser.Tenant> tenant(String tenantId) {
        return tenants.stream().filter(t -> t.tenantId().equals(tenantId)).findFirst();
    }

    /** This user as stored: with its ID and creation time. */
    StoredUser stored(String newUserId, Instant created) {
        return new StoredUser(newUserId, loginIds, email, verifiedEmail, phone, verifiedPhone, name, givenName,
                middleName, familyName, roleNames, permissions, tenants, customAttributes, created, loggedInBefore);
    }

    public StoredUser withEmail(String newEmail, boolean verified) {
        return new StoredUser(userId, loginIds, newEmail, verified, phone, verifiedPhone, name, givenName, middleName,
                familyName, roleNames, permissions, tenants, customAttributes, createdTime, loggedInBefore);
    }

    public StoredUser withPhone(String newPhone, boolean verified) {
        return new StoredUser(userId, loginIds, email, verifiedEmail, newPhone, verified, name, givenName, middleName,
                familyName, roleNames, permissions, tenants, customAttributes, createdTime, loggedInBefore);
    }

    public StoredUser withLoginId(String loginId) {
        List<String> ids = new ArrayList<>(loginIds);
        if (ids.stream().noneMatch(id -> id.equalsIgnoreCase(loginId))) {
            ids.add(loginId);
        }
        return new StoredUser(userId, ids, email, verifiedEmail, phone, verifiedPhone, name, givenName, middleName,
                familyName, roleNames, permissions, tenants, customAttributes, createdTime, loggedInBefore);
    }

    public StoredUser loggedIn() {
        return new StoredUser(userId, loginIds, email, verifiedEmail, phone, verifiedPhone, name, givenName, middleName,
                familyName, roleNames, permissions, tenants, customAttributes, createdTime, true);
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
