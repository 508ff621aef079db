package io.descopefilter.emulator.internal.wire;

import io.descopefilter.emulator.EmulatorUser;
import io.descopefilter.emulator.internal.store.StoredUser;
import java.util.List;
import java.util.Map;

/** The Descope user object (see EMULATOR.md): returned by verify, refresh, me, tenant select and user create. */
public record ResponseUser(String userId, List<String> loginIds, String name, String givenName, String middleName,
                           String familyName, String email, boolean verifiedEmail, String phone, boolean verifiedPhone,
                           List<String> roleNames, List<String> permissions, List<EmulatorUser.Tenant> userTenants,
                           String status, List<String> externalIds, String picture, boolean test,
                           Map<String, Object> customAttributes, long createdTime) {

    public static ResponseUser of(StoredUser user) {
        return new ResponseUser(user.userId(), user.loginIds(), user.name(), user.givenName(), user.middleName(),
                user.familyName(), user.email(), user.verifiedEmail(), user.phone(), user.verifiedPhone(),
                user.roleNames(), user.permissions(), user.tenants(), "enabled", user.loginIds(), "", false,
                user.customAttributes(), user.createdTime().getEpochSecond());
    }
}
