package io.descopefilter.jakarta.internal.session;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.descopefilter.core.DescopeSession;
import io.descopefilter.core.SessionValidator;
import io.descopefilter.jakarta.internal.config.SessionLimits;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * When a session's user last proved control of their inbox or phone, and whether the session is still within the
 * filter's own limits ({@code maxSessionAge}, {@code idleTimeout}, {@code stepUpMaxAge}).
 *
 * <p>The sign-in time is the {@code iat} of the refresh JWT, which Descope issues at sign-in and step-up, verified
 * (never read unverified: a forged refresh cookie must not buy a fresh sign-in) and remembered per refresh JWT so
 * that the hot path pays one lock-free cache read. Idle tracking is a table of recently seen sessions that forgets a
 * session after {@code idleTimeout} without a request; it lives in this node's memory.
 */
public final class SessionClock {

    private static final int CAPACITY = 100_000;

    private final SessionValidator validator;
    private final SessionLimits limits;
    private final Clock clock;
    private final Cache<String, Instant> signedInAt;
    private final Cache<String, Boolean> active;

    public SessionClock(SessionValidator validator, SessionLimits limits, Clock clock) {
        this.validator = validator;
        this.limits = limits;
        this.clock = clock;
        this.signedInAt = Caffeine.newBuilder().maximumSize(CAPACITY).expireAfterWrite(1, TimeUnit.DAYS)
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis())).executor(Runnable::run).build();
        this.active = limits.hasIdleTimeout()
                ? Caffeine.newBuilder().maximumSize(CAPACITY)
                        .expireAfterAccess(limits.idleTimeout().toMillis(), TimeUnit.MILLISECONDS)
                        .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis())).executor(Runnable::run).build()
                : null;
    }

    /** When the user signed in (or stepped up) for this session, if its tokens tell. */
    public Optional<Instant> signedInAt(SessionTokens tokens) {
        if (tokens == null || !tokens.hasRefreshJwt()) {
            return Optional.empty();
        }
        Instant known = signedInAt.getIfPresent(tokens.refreshJwt());
        if (known != null) {
            return Optional.of(known);
        }
        Optional<Instant> verified = validator.validateRefresh(tokens.refreshJwt()).session()
                .map(DescopeSession::issuedAt);
        verified.ifPresent(at -> signedInAt.put(tokens.refreshJwt(), at));
        return verified;
    }

    /**
     * Whether a signed-in request still falls within {@code maxSessionAge} (counted from {@code signedInAt}) and
     * {@code idleTimeout}; reading the idle table counts as activity.
     */
    boolean withinLimits(SessionTokens tokens, Instant signedInAt) {
        if (passedMaxAge(signedInAt)) {
            return false;
        }
        return active == null || !tokens.hasRefreshJwt() || active.getIfPresent(key(tokens.refreshJwt())) != null;
    }

    /** Whether a session signed in at {@code signedInAt} is past {@code maxSessionAge} (when one is set). */
    boolean passedMaxAge(Instant signedInAt) {
        return limits.hasMaxAge() && (signedInAt == null || signedInAt.plus(limits.maxAge()).isBefore(clock.instant()));
    }

    /**
     * A refreshed session keeps the sign-in time and the activity of the one it replaces, so neither a rotated
     * refresh JWT nor a refresh resets {@code maxSessionAge} or the idle clock.
     */
    void carryOver(SessionTokens from, SessionTokens to, Optional<Instant> signedIn) {
        if (!to.hasRefreshJwt() || (from.hasRefreshJwt() && from.refreshJwt().equals(to.refreshJwt()))) {
            return;
        }
        signedIn.ifPresent(at -> signedInAt.put(to.refreshJwt(), at));
        if (active != null && from.hasRefreshJwt() && active.getIfPresent(key(from.refreshJwt())) != null) {
            active.put(key(to.refreshJwt()), Boolean.TRUE);
        }
    }

    /** Whether the session's sign-in or step-up is recent enough for a step-up path. */
    public boolean isRecentEnoughForStepUp(SessionTokens tokens) {
        Optional<Instant> at = signedInAt(tokens);
        return at.isPresent() && !at.get().plus(limits.stepUpMaxAge()).isBefore(clock.instant());
    }

    /** Registers a session that was just installed, so the idle timeout starts now. */
    void started(SessionTokens tokens) {
        if (active != null && tokens.hasRefreshJwt()) {
            active.put(key(tokens.refreshJwt()), Boolean.TRUE);
        }
    }

    private static String key(String refreshJwt) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(refreshJwt.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }

    Duration idleTimeout() {
        return limits.idleTimeout();
    }
}
