package io.descopefilter.emulator.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An immutable snapshot of one user; changes produce a new snapshot. */
public record StoredUser(String userId, List<String> loginIds, String email, boolean verifiedEmail, String phone,
                         boolean verifiedPhone, String name, String givenName, String middleName, String familyName,
                         List<String> roleNames, List<String> permissions, List<UserTenant> tenants,
                         Map<String, Object> customAttributes, Instant createdTime, boolean loggedInBefore) {

    public StoredUser {
        loginIds = List.copyOf(loginIds);
        email = email == null ? "" : email;
        phone = phone == null ? "" : phone;
        name = name == null ? "" : name;
        givenName = givenName == null ? "" : givenName;
        middleName = middleName == null ? "" : middleName;
        familyName = familyName == null ? "" : familyName;
        roleNames = List.copyOf(roleNames);
        permissions = List.copyOf(permissions);
        tenants = List.copyOf(tenants);
        customAttributes = Map.copyOf(customAttributes);
    }

    public Optional<UserTenant> tenant(String tenantId) {
        return tenants.stream().filter(t -> t.tenantId().equals(tenantId)).findFirst();
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
}
