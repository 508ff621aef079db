package io.descopefilter.jakarta;

import io.descopefilter.core.DescopeSession;
import io.descopefilter.core.TenantAccess;

import java.security.Principal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The signed-in user, built only from a validated session JWT. {@link #getName()} is the Descope user ID (stable,
 * unlike an email address that the user may change).
 */
public final class DescopePrincipal implements Principal {

    private final DescopeSession session;
    private final Instant authenticatedAt;

    public DescopePrincipal(DescopeSession session) {
        this(session, null);
    }

    /**
     * @param authenticatedAt when the user last signed in or stepped up (the refresh JWT's {@code iat}), or
     *                        {@code null} when unknown
     */
    public DescopePrincipal(DescopeSession session, Instant authenticatedAt) {
        this.session = Objects.requireNonNull(session, "session");
        this.authenticatedAt = authenticatedAt;
    }

    /**
     * When the user last proved control of their inbox or phone: signed in or stepped up with a link. Empty for a
     * bearer token, whose sign-in the filter cannot see.
     */
    public Optional<Instant> authenticatedAt() {
        return Optional.ofNullable(authenticatedAt);
    }

    /** Whether this session came from a step-up link (Descope's {@code su} claim). */
    public boolean isSteppedUp() {
        return Boolean.TRUE.equals(session.customClaims().get("su"));
    }

    /** The Descope user ID ({@code sub}, or {@code dsub} when present). */
    @Override
    public String getName() {
        return session.userId();
    }

    /** The login IDs, when the project's JWT template includes them. */
    public List<String> loginIds() {
        return session.loginIds();
    }

    /** The email address claim, or {@code null}. */
    public String email() {
        return session.email();
    }

    /** The display name claim, or {@code null}. */
    public String displayName() {
        return session.name();
    }

    /** Project-level roles. */
    public Set<String> roles() {
        return session.roles();
    }

    /** Project-level permissions. */
    public Set<String> permissions() {
        return session.permissions();
    }

    /** Tenant ID to the roles and permissions held there. */
    public Map<String, TenantAccess> tenants() {
        return session.tenants();
    }

    /** The current tenant ({@code dct}), or {@code null}. */
    public String currentTenant() {
        return session.currentTenant();
    }

    /** Every claim without a field of its own (custom claims). */
    public Map<String, Object> claims() {
        return session.customClaims();
    }

    /** The whole validated session. */
    public DescopeSession session() {
        return session;
    }

    /**
     * Whether the user holds {@code role} at project level or in the current tenant. {@code **} means "any
     * signed-in user", as in {@code HttpServletRequest#isUserInRole}.
     */
    public boolean hasRole(String role) {
        if (role == null) {
            return false;
        }
        return role.equals("**") || session.hasRole(role) || session.hasTenantRole(session.currentTenant(), role);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DescopePrincipal that && getName().equals(that.getName());
    }

    @Override
    public int hashCode() {
        return getName().hashCode();
    }

    @Override
    public String toString() {
        return "DescopePrincipal[" + getName() + "]";
    }
}
