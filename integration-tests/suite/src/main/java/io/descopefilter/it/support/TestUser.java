package io.descopefilter.it.support;

/** A user seeded in the emulator. {@code phone} or {@code email} may be {@code null}. */
public record TestUser(String userId, String loginId, String email, String phone) {
}
