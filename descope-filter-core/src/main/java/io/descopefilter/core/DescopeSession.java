package io.descopefilter.core;

import io.descopefilter.core.internal.jwt.Claims;
import io.descopefilter.core.internal.jwt.MalformedClaimException;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What a validated Descope token says about its user (contract §7). Immutable; holds no JWT.
 *
 * @param kind                  session or refresh token
 * @param userId                {@code dsub} when present, else {@code sub}
 * @param loginIds              {@code loginIds} claim, when the project's JWT template adds it
 * @param email                 {@code email} claim, or {@code null}
 * @param name                  {@code name} claim, or {@code null}
 * @param roles                 project-level roles
 * @param permissions           project-level permissions
 * @param tenants               tenant ID to the roles and permissions held there. When the token names a current
 *                              tenant ({@code dct}) but has no {@code tenants} claim, that tenant holds the
 *                              project-level roles and permissions (the {@code dct} rule of contract §7)
 * @param currentTenant         {@code dct}, or {@code null}
 * @param authenticationMethods {@code amr}, e.g. {@code email}
 * @param issuedAt              {@code iat}, or {@code null}
 * @param expiresAt             {@code exp}
 * @param customClaims          every other claim, deeply unmodifiable
 */
public record DescopeSession(
        TokenKind kind,
        String userId,
        List<String> loginIds,
        String email,
        String name,
        Set<String> roles,
        Set<String> permissions,
        Map<String, TenantAccess> tenants,
        String currentTenant,
        List<String> authenticationMethods,
        Instant issuedAt,
        Instant expiresAt,
        Map<String, Object> customClaims) {

    /** Claims with a field of their own, or used only for validation. */
    static final Set<String> MAPPED_CLAIMS = Set.of("iss", "sub", "dsub", "aud", "exp", "nbf", "iat", "drn",
            "loginIds", "email", "name", "roles", "permissions", "tenants", "dct", "amr");

    public DescopeSession {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(expiresAt, "expiresAt");
        loginIds = List.copyOf(loginIds);
        roles = Set.copyOf(roles);
        permissions = Set.copyOf(permissions);
        tenants = Map.copyOf(tenants);
        authenticationMethods = List.copyOf(authenticationMethods);
        // JSON null is a legal custom claim value, which Map.copyOf would refuse.
        customClaims = Collections.unmodifiableMap(new LinkedHashMap<>(customClaims));
    }

    /** Reads the claims of a token whose signature, issuer, times and kind were already checked. */
    static DescopeSession from(Claims claims, TokenKind kind) throws MalformedClaimException {
        String sub = claims.string("sub");
        String dsub = claims.string("dsub");
        String userId = dsub != null ? dsub : sub;
        if (userId == null || userId.isBlank()) {
            throw new MalformedClaimException("sub");
        }
        Set<String> roles = Set.copyOf(claims.strings("roles"));
        Set<String> permissions = Set.copyOf(claims.strings("permissions"));
        String currentTenant = claims.string("dct");
        Map<String, TenantAccess> tenants = claims.tenants();
        if (tenants == null) {
            tenants = currentTenant == null ? Map.of() : Map.of(currentTenant, new TenantAccess(roles, permissions));
        }
        return new DescopeSession(kind, userId, claims.strings("loginIds"), claims.string("email"),
                claims.string("name"), roles, permissions, tenants, currentTenant, claims.strings("amr"),
                claims.epochSecond("iat"), claims.epochSecond("exp"), claims.allExcept(MAPPED_CLAIMS));
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    public boolean hasPermission(String permission) {
        return permissions.contains(permission);
    }

    /** The roles and permissions held in this tenant; none when the session has no access there. */
    public TenantAccess accessIn(String tenantId) {
        return tenantId == null ? TenantAccess.NONE : tenants.getOrDefault(tenantId, TenantAccess.NONE);
    }

    public boolean hasTenantRole(String tenantId, String role) {
        return accessIn(tenantId).roles().contains(role);
    }

    public boolean hasTenantPermission(String tenantId, String permission) {
        return accessIn(tenantId).permissions().contains(permission);
    }

    /** Names the user and the token's lifetime only: no claims values that could be personal data beyond the ID. */
    @Override
    public String toString() {
        return "DescopeSession[kind=" + kind + ", userId=" + userId + ", currentTenant=" + currentTenant
                + ", issuedAt=" + issuedAt + ", expiresAt=" + expiresAt + "]";
    }
}
