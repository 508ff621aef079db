package io.descopefilter.core;


import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Renews a session with its refresh JWT (contract §6, §8): validate the refresh JWT locally, {@code POST
 * /v1/auth/refresh}, validate the new session JWT (and a rotated refresh JWT), hand back what to store.
 *
 * <p>Concurrent refreshes of one refresh JWT (a page firing 50 requests with an expired session) collapse into one
 * Descope call: the first caller makes it, the others wait for its result, at most {@code waitLimit}. Requests that
 * arrive just after it ended, still carrying the old refresh JWT, get the same successful result for a short grace
 * period instead of a second call; with refresh-token rotation that second call would be refused (the old token is
 * revoked) and would sign the user out mid-page. {@link #forget} drops a result when its session is logged out.
 *
 * <p>A refresh JWT that Descope refused (revoked, say) is remembered, by its SHA-256, until its own expiry in a
 * bounded table: replaying it never reaches Descope again, so a client replaying revoked tokens cannot spend the
 * per-address quota that Descope grants the whole application. At most {@code maxWaiters} callers wait for
 * refreshes of others at a time; one more is answered {@code WAIT_TIMED_OUT} at once instead of holding a thread.
 */
public final class SessionRefresher {

    private static final System.Logger LOG = System.getLogger(SessionRefresher.class.getName());

    /** Bounds the grace map so a flood of refreshes cannot grow it (RL-10); past it, results are not kept. */
    private static final int MAX_RECENT = 10_000;
    /** Refused refresh JWTs remembered (about 100 bytes each). */
    static final int MAX_REFUSED = 100_000;
    /** How long a refused token without a readable expiry is remembered. */
    private static final Duration REFUSED_FALLBACK_TTL = Duration.ofHours(1);
    /** How long a successful result answers later refreshes of the same refresh JWT, unless told otherwise. */
    public static final Duration DEFAULT_GRACE = Duration.ofSeconds(10);

    private final DescopeClient client;
    private final SessionValidator validator;
    private final long waitMillis;
    private final long graceMillis;
    private final Clock clock;
    private final ConcurrentHashMap<String, CompletableFuture<RefreshResult>> inFlight = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Recent> recent = new ConcurrentHashMap<>();
    /** SHA-256 (base64) of refresh JWTs Descope refused, until their expiry (epoch millis). */
    private final Cache<String, Long> refused;
    /** Permits for callers waiting on another caller's refresh; {@code null} for no cap. */
    private final Semaphore waiters;

    private record Recent(RefreshResult result, long expiresAtMillis) {
        boolean isLive(long nowMillis) {
            return nowMillis < expiresAtMillis;
        }
    }

    /** A refresher with the {@link #DEFAULT_GRACE} on the validator's clock. */
    public SessionRefresher(DescopeClient client, SessionValidator validator, Duration waitLimit) {
        this(client, validator, waitLimit, DEFAULT_GRACE);
    }

    /**
     * A refresher on the validator's clock ({@link SessionValidatorConfig#clock()}, {@code Clock.systemUTC()}
     * unless configured).
     *
     * @param grace how long a successful result answers later refreshes of the same refresh JWT (zero: never)
     */
    public SessionRefresher(DescopeClient client, SessionValidator validator, Duration waitLimit, Duration grace) {
        this(client, validator, waitLimit, grace, Objects.requireNonNull(validator, "validator").clock());
    }

    /**
     * @param waitLimit longest time a caller waits for another caller's refresh of the same refresh JWT
     * @param grace     how long a successful result answers later refreshes of the same refresh JWT (zero: never)
     * @param clock     what the grace period is measured on
     */
    public SessionRefresher(DescopeClient client, SessionValidator validator, Duration waitLimit, Duration grace,
                            Clock clock) {
        this(client, validator, waitLimit, grace, clock, 0);
    }

    /**
     * @param maxWaiters most callers waiting at once for a refresh that another caller makes (0: no cap)
     */
    public SessionRefresher(DescopeClient client, SessionValidator validator, Duration waitLimit, Duration grace,
                            Clock clock, int maxWaiters) {
        if (maxWaiters < 0) {
            throw new IllegalArgumentException("maxWaiters must not be negative");
        }
        this.waiters = maxWaiters == 0 ? null : new Semaphore(maxWaiters);
        this.refused = Caffeine.newBuilder()
                .maximumSize(MAX_REFUSED)
                .ticker(() -> Objects.requireNonNull(clock, "clock").millis() * 1_000_000L)
                .executor(Runnable::run)
                .expireAfter(Expiry.<String, Long>creating((hash, until) ->
                        Duration.ofMillis(Math.max(1, until - clock.millis()))))
                .build();
        this.clock = Objects.requireNonNull(clock, "clock");
        this.client = Objects.requireNonNull(client, "client");
        this.validator = Objects.requireNonNull(validator, "validator");
        Objects.requireNonNull(waitLimit, "waitLimit");
        if (waitLimit.isNegative() || waitLimit.isZero()) {
            throw new IllegalArgumentException("waitLimit must be positive");
        }
        this.waitMillis = waitLimit.toMillis();
        if (grace == null || grace.isNegative()) {
            throw new IllegalArgumentException("grace must be zero or positive");
        }
        this.graceMillis = grace.toMillis();
    }

    public RefreshResult refresh(String refreshJwt) {
        if (refreshJwt == null || refreshJwt.isEmpty()) {
            return RefreshResult.failed(RefreshResult.Failure.REFRESH_TOKEN_INVALID);
        }
        Recent done = recent.get(refreshJwt);
        if (done != null && done.isLive(clock.millis())) {
            return done.result();
        }
        String hash = hash(refreshJwt);
        if (isRefused(hash)) {
            return RefreshResult.failed(RefreshResult.Failure.REJECTED_BY_DESCOPE);
        }
        CompletableFuture<RefreshResult> mine = new CompletableFuture<>();
        CompletableFuture<RefreshResult> running = inFlight.putIfAbsent(refreshJwt, mine);
        if (running != null) {
            return awaitWithinCap(running);
        }
        RefreshResult result = RefreshResult.failed(RefreshResult.Failure.INTERNAL_ERROR);
        try {
            // Checked again now that this caller leads: a refusal recorded just before it won must count.
            result = isRefused(hash) ? RefreshResult.failed(RefreshResult.Failure.REJECTED_BY_DESCOPE)
                    : refreshNow(refreshJwt, hash);
        } catch (Throwable t) {
            LOG.log(Level.WARNING, "Session refresh failed with an unexpected {0}", t.getClass().getName());
        } finally {
            remember(refreshJwt, result);
            mine.complete(result);
            inFlight.remove(refreshJwt, mine);
        }
        return result;
    }

    /** Forgets any kept result issued for, or from, this refresh JWT (call it when the session is logged out). */
    public void forget(String refreshJwt) {
        if (refreshJwt == null) {
            return;
        }
        recent.remove(refreshJwt);
        recent.values().removeIf(r -> r.result().refreshed()
                .filter(s -> refreshJwt.equals(s.refreshJwt())).isPresent());
    }

    private void remember(String refreshJwt, RefreshResult result) {
        if (graceMillis == 0 || !result.isSuccess()) {
            return;
        }
        long now = clock.millis();
        if (recent.size() >= MAX_RECENT) {
            recent.values().removeIf(r -> !r.isLive(now));
            if (recent.size() >= MAX_RECENT) {
                return;
            }
        }
        recent.put(refreshJwt, new Recent(result, now + graceMillis));
    }

    /** Refused refresh JWTs remembered now; for tests of the bound. */
    long refusedCount() {
        refused.cleanUp();
        return refused.estimatedSize();
    }

    private boolean isRefused(String hash) {
        Long until = refused.getIfPresent(hash);
        return until != null && clock.millis() < until;
    }

    private void rememberRefused(String hash, ValidationResult local) {
        long until = local.session().map(DescopeSession::expiresAt).map(Instant::toEpochMilli)
                .orElse(clock.millis() + REFUSED_FALLBACK_TTL.toMillis());
        if (until > clock.millis()) {
            refused.put(hash, until);
        }
    }

    private static String hash(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private RefreshResult awaitWithinCap(CompletableFuture<RefreshResult> running) {
        if (waiters == null) {
            return await(running);
        }
        if (!waiters.tryAcquire()) {
            return RefreshResult.failed(RefreshResult.Failure.WAIT_TIMED_OUT);
        }
        try {
            return await(running);
        } finally {
            waiters.release();
        }
    }

    private RefreshResult refreshNow(String refreshJwt, String hash) {
        ValidationResult local = validator.validateRefresh(refreshJwt);
        if (!local.isValid()) {
            LOG.log(Level.DEBUG, "Refresh JWT refused locally: {0}", local.rejection().orElseThrow());
            return RefreshResult.failed(RefreshResult.Failure.REFRESH_TOKEN_INVALID);
        }
        JwtResponse response;
        try {
            response = client.refresh(refreshJwt);
        } catch (DescopeException e) {
            if (e.isUnavailable() || e.isRateLimited()) {
                LOG.log(Level.DEBUG, "Descope could not refresh the session: {0}", e.getMessage());
                return RefreshResult.failed(RefreshResult.Failure.DESCOPE_UNAVAILABLE);
            }
            LOG.log(Level.DEBUG, "Descope refused the refresh: {0}", e.getMessage());
            rememberRefused(hash, local);
            return RefreshResult.failed(RefreshResult.Failure.REJECTED_BY_DESCOPE);
        }
        ValidationResult session = validator.validateSession(response.sessionJwt());
        boolean rotated = response.refreshJwt() != null && !response.refreshJwt().isEmpty()
                && !response.refreshJwt().equals(refreshJwt);
        if (!session.isValid() || (rotated && !validator.validateRefresh(response.refreshJwt()).isValid())) {
            LOG.log(Level.WARNING, "Descope's refresh answer held a token that failed validation: {0}",
                    session.rejection().map(Enum::name).orElse("rotated refresh JWT"));
            return RefreshResult.failed(RefreshResult.Failure.NEW_SESSION_INVALID);
        }
        return RefreshResult.succeeded(new RefreshedSession(session.session().orElseThrow(), response.sessionJwt(),
                rotated ? response.refreshJwt() : refreshJwt, rotated, response.cookieDomain(),
                response.cookiePath(), response.cookieMaxAge(), response.cookieExpiration()));
    }

    private RefreshResult await(CompletableFuture<RefreshResult> running) {
        try {
            return running.get(waitMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return RefreshResult.failed(RefreshResult.Failure.WAIT_TIMED_OUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return RefreshResult.failed(RefreshResult.Failure.WAIT_TIMED_OUT);
        } catch (ExecutionException e) {
            return RefreshResult.failed(RefreshResult.Failure.INTERNAL_ERROR);
        }
    }
}
