package io.descopefilter.emulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A user to seed with {@link DescopeEmulator#createUser(EmulatorUser)}. Build with {@link #builder(String)}.
 * Email and phone are treated as verified.
 */
public record EmulatorUser(String loginId, String email, String phone, String name, List<String> roleNames,
                           List<String> permissions, List<Tenant> tenants, Map<String, Object> customAttributes) {

    /** Membership of one tenant. */
    public record Tenant(String tenantId, String tenantName, List<String> roleNames, List<String> permissions) {
        public Tenant {
            Objects.requireNonNull(tenantId, "tenantId");
            tenantName = tenantName == null ? "" : tenantName;
            roleNames = List.copyOf(roleNames);
            permissions = List.copyOf(permissions);
        }
    }

    public EmulatorUser {
        if (loginId == null || loginId.isBlank()) {
            throw new IllegalArgumentException("loginId is required");
        }
        roleNames = List.copyOf(roleNames);
        permissions = List.copyOf(permissions);
        tenants = List.copyOf(tenants);
        customAttributes = Map.copyOf(customAttributes);
    }

    /** A builder; an email-like login ID also becomes the email, a phone-like one the phone. */
    public static Builder builder(String loginId) {
        return new Builder(loginId);
    }

    public static final class Builder {
        private final String loginId;
        private String email;
        private String phone;
        private String name;
        private final List<String> roleNames = new ArrayList<>();
        private final List<String> permissions = new ArrayList<>();
        private final List<Tenant> tenants = new ArrayList<>();
        private final Map<String, Object> customAttributes = new LinkedHashMap<>();

        private Builder(String loginId) {
            this.loginId = loginId;
            if (loginId != null && loginId.contains("@")) {
                this.email = loginId;
            } else if (loginId != null && loginId.matches("\\+?[0-9]{6,15}")) {
                this.phone = loginId;
            }
        }

        public Builder email(String value) {
            this.email = value;
            return this;
        }

        public Builder phone(String value) {
            this.phone = value;
            return this;
        }

        public Builder name(String value) {
            this.name = value;
            return this;
        }

        public Builder roles(String... roles) {
            roleNames.addAll(List.of(roles));
            return this;
        }

        public Builder permissions(String... values) {
            permissions.addAll(List.of(values));
            return this;
        }

        public Builder tenant(String tenantId, List<String> roles, List<String> tenantPermissions) {
            return tenant(tenantId, tenantId, roles, tenantPermissions);
        }

        public Builder tenant(String tenantId, String tenantName, List<String> roles, List<String> tenantPermissions) {
            tenants.add(new Tenant(tenantId, tenantName, roles, tenantPermissions));
            return this;
        }

        public Builder customAttribute(String key, Object value) {
            customAttributes.put(key, value);
            return this;
        }

        public EmulatorUser build() {
            return new EmulatorUser(loginId, email, phone, name, roleNames, permissions, tenants, customAttributes);
        }
    }
}
