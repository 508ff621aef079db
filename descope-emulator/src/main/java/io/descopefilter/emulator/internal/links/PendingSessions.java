package io.descopefilter.emulator.internal.links;

import io.descopefilter.emulator.internal.http.ApiException;
import io.descopefilter.emulator.internal.http.ErrorCode;
import io.descopefilter.emulator.internal.session.SessionGrant;
import io.descopefilter.emulator.internal.store.RandomIds;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Enchanted-link polls: pending until the right link is verified, then collectable exactly once, and gone after
 * they expire.
 */
public final class PendingSessions {

    private record Pending(SessionGrant grant, Instant expiresAt, boolean verified) {
    }

    private static final int PRUNE_THRESHOLD = 10_000;

    private final Clock clock;
    private final Duration ttl;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();

    public PendingSessions(Clock clock, Duration ttl) {
        this.clock = clock;
        this.ttl = ttl;
    }

    /** Opens a poll for a login that completes when its link is verified; returns the pendingRef. */
    public String open(SessionGrant grant) {
        Instant now = clock.instant();
        if (pending.size() > PRUNE_THRESHOLD) {
            pending.values().removeIf(p -> !now.isBefore(p.expiresAt()));
        }
        String ref = RandomIds.pendingRef();
        pending.put(ref, new Pending(grant, now.plus(ttl), false));
        return ref;
    }

    /** Marks the login verified; fails with E063010 when the poll has expired or is unknown. */
    public void markVerified(String ref) {
        Pending updated = pending.computeIfPresent(ref,
                (key, p) -> isExpired(p) ? null : new Pending(p.grant(), p.expiresAt(), true));
        if (updated == null) {
            throw gone();
        }
    }

    /** The grant of a verified login, once: 401 E062503 while pending, 401 E063010 when unknown, expired or taken. */
    public SessionGrant collect(String ref) {
        Pending current = ref == null ? null : pending.get(ref);
        if (current == null || isExpired(current)) {
            throw gone();
        }
        if (!current.verified()) {
            throw new ApiException(ErrorCode.ENCHANTED_LINK_PENDING, "Enchanted link is pending verification");
        }
        if (!pending.remove(ref, current)) {
            throw gone();
        }
        return current.grant();
    }

    private boolean isExpired(Pending p) {
        return !clock.instant().isBefore(p.expiresAt());
    }

    private static ApiException gone() {
        return new ApiException(ErrorCode.TOKEN_NOT_FOUND,
                "Failed loading enchanted link session: it was not found, was already collected or expired");
    }
}
