package io.descopefilter.core;

import io.descopefilter.core.internal.http.InputChecks;

import jakarta.json.bind.annotation.JsonbProperty;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Body of {@code POST /v1/mgmt/user/create} (contract §13). Build with {@link #builder(String)}; {@code null}
 * fields are not sent.
 */
public record UserCreateRequest(
        String loginId,
        String email,
        Boolean verifiedEmail,
        String phone,
        Boolean verifiedPhone,
        String displayName,
        String givenName,
        String middleName,
        String familyName,
        List<String> roleNames,
        List<Tenant> userTenants,
        Map<String, Object> customAttributes,
        String picture,
        Boolean test,
        List<String> additionalIdentifiers,
        @JsonbProperty("ssoAppIDs") List<String> ssoAppIds) {

    /** A tenant membership given at creation. */
    public record Tenant(String tenantId, String tenantName, List<String> roleNames) {
        public Tenant {
            InputChecks.text(tenantId, "tenantId", InputChecks.MAX_TEXT_LENGTH);
            InputChecks.optionalText(tenantName, "tenantName", InputChecks.MAX_TEXT_LENGTH);
            roleNames = texts(roleNames, "tenant roleNames");
        }
    }

    public UserCreateRequest {
        InputChecks.loginId(loginId);
        if (email != null) {
            InputChecks.email(email, "email");
        }
        if (phone != null) {
            InputChecks.phone(phone, "phone");
        }
        InputChecks.optionalText(displayName, "displayName", InputChecks.MAX_TEXT_LENGTH);
        InputChecks.optionalText(givenName, "givenName", InputChecks.MAX_TEXT_LENGTH);
        InputChecks.optionalText(middleName, "middleName", InputChecks.MAX_TEXT_LENGTH);
        InputChecks.optionalText(familyName, "familyName", InputChecks.MAX_TEXT_LENGTH);
        InputChecks.optionalText(picture, "picture", InputChecks.MAX_URI_LENGTH);
        roleNames = texts(roleNames, "roleNames");
        userTenants = userTenants == null ? null : List.copyOf(userTenants);
        customAttributes = InputChecks.customClaims(customAttributes) == null
                ? null
                : Collections.unmodifiableMap(new LinkedHashMap<>(customAttributes));
        additionalIdentifiers = texts(additionalIdentifiers, "additionalIdentifiers");
        ssoAppIds = texts(ssoAppIds, "ssoAppIds");
    }

    public static Builder builder(String loginId) {
        return new Builder(loginId);
    }

    private static List<String> texts(List<String> values, String name) {
        if (values == null) {
            return null;
        }
        values.forEach(value -> InputChecks.text(value, name + " entry", InputChecks.MAX_TEXT_LENGTH));
        return List.copyOf(values);
    }

    /** Builder for {@link UserCreateRequest}; only the login ID is required. */
    public static final class Builder {
        private final String loginId;
        private String email;
        private Boolean verifiedEmail;
        private String phone;
        private Boolean verifiedPhone;
        private String displayName;
        private String givenName;
        private String middleName;
        private String familyName;
        private List<String> roleNames;
        private List<Tenant> userTenants;
        private Map<String, Object> customAttributes;
        private String picture;
        private Boolean test;
        private List<String> additionalIdentifiers;
        private List<String> ssoAppIds;

        private Builder(String loginId) {
            this.loginId = loginId;
        }

        public Builder email(String email, boolean verified) {
            this.email = email;
            this.verifiedEmail = verified;
            return this;
        }

        public Builder phone(String phone, boolean verified) {
            this.phone = phone;
            this.verifiedPhone = verified;
            return this;
        }

        public Builder displayName(String displayName) {
            this.displayName = displayName;
            return this;
        }

        public Builder givenName(String givenName) {
            this.givenName = givenName;
            return this;
        }

        public Builder middleName(String middleName) {
            this.middleName = middleName;
            return this;
        }

        public Builder familyName(String familyName) {
            this.familyName = familyName;
            return this;
        }

        public Builder roleNames(List<String> roleNames) {
            this.roleNames = roleNames;
            return this;
        }

        public Builder userTenants(List<Tenant> userTenants) {
            this.userTenants = userTenants;
            return this;
        }

        /** Custom attributes: strings, finite numbers or booleans only. */
        public Builder customAttributes(Map<String, Object> customAttributes) {
            this.customAttributes = customAttributes;
            return this;
        }

        public Builder picture(String picture) {
            this.picture = picture;
            return this;
        }

        public Builder test(boolean test) {
            this.test = test;
            return this;
        }

        public Builder additionalIdentifiers(List<String> additionalIdentifiers) {
            this.additionalIdentifiers = additionalIdentifiers;
            return this;
        }

        public Builder ssoAppIds(List<String> ssoAppIds) {
            this.ssoAppIds = ssoAppIds;
            return this;
        }

        public UserCreateRequest build() {
            return new UserCreateRequest(loginId, email, verifiedEmail, phone, verifiedPhone, displayName, givenName,
                    middleName, familyName, roleNames, userTenants, customAttributes, picture, test,
                    additionalIdentifiers, ssoAppIds);
        }
    }
}
