package io.descopefilter.emulator.internal.session;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which refresh JWTs (by {@code jti}) are revoked, and which were issued to each user so that logout-all can revoke
 * them all. Entries of expired tokens are pruned as new ones arrive.
 */
public final class RefreshRevocations {

    private static final int PRUNE_THRESHOLD = 10_000;

    private final Clock clock;
    private final Map<String, Instant> revoked = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Instant>> issuedByUser = new ConcurrentHashMap<>();

    public RefreshRevocations(Clock clock) {
        this.clock = clock;
    }

    public void track(String userId, String jti, Instant expiresAt) {
        issuedByUser.computeIfAbsent(userId, id -> new ConcurrentHashMap<>()).put(jti, expiresAt);
    }

    public void revoke(String jti, Instant expiresAt) {
        if (revoked.size() > PRUNE_THRESHOLD) {
            Instant now = clock.instant();
            revoked.values().removeIf(expiry -> expiry.isBefore(now));
        }
        revoked.put(jti, expiresAt);
    }

    public void revokeAll(String userId) {
        Map<String, Instant> issued = issuedByUser.remove(userId);
        if (issued != null) {
            issued.forEach(this::revoke);
        }
    }

    public boolean isRevoked(String jti) {
        return revoked.containsKey(jti);
    }

    /** How many refresh JWTs issued to the user are neither revoked nor expired: the sessions a client can renew. */
    public int liveCount(String userId) {
        Instant now = clock.instant();
        Map<String, Instant> issued = issuedByUser.getOrDefault(userId, Map.of());
        return (int) issued.entrySet().stream()
                .filter(e -> e.getValue().isAfter(now) && !revoked.containsKey(e.getKey()))
                .count();
    }
}
