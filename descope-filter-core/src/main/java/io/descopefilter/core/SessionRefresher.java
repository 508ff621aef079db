package io.descopefilter.core;


import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.descopefilter.core.internal.store.Fields;
import io.descopefilter.core.internal.store.Sealed;
import io.descopefilter.core.store.SharedMap;
import io.descopefilter.core.store.SharedStore;
import io.descopefilter.core.store.StoreUnavailableException;

import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

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
 *
 * <p>With a {@link SharedStore} the same holds across every node sharing it. After the callers of one node have
 * collapsed into one, that caller takes a lock entry for the refresh JWT in the store ({@code putIfAbsent}, living
 * {@code waitLimit}); the node that wins calls Descope and puts the result in the store for the grace period,
 * sealed under the old refresh JWT ({@link Sealed}: the store's contents sign nobody in). Callers on other nodes
 * poll for that result (short sleeps, at most {@code waitLimit}, counted among the waiters) and validate its
 * session JWT locally before using it, so with refresh-token rotation a page whose requests reach several nodes
 * still makes one refresh and signs nobody out. Refused refresh JWTs are remembered in the store too. When the
 * store fails, refreshes go on as if there were one node (logged once per outage): a refresh never depends on it,
 * only the handing out of a kept result does (below).
 *
 * <p>A logout ({@link #forget}) on any node must end the grace period on every node, and each node also keeps the
 * results it made or saw for itself. So with a store, {@link #forget} records a "signed out" mark in it, keyed like
 * the result (a hash of the refresh JWT it was issued for, never the token), and drops the published result; before
 * a node hands out a result, its own or the store's, it asks the store for that mark. This is a store call on the
 * refresh path only (a valid session JWT never gets here). When the store cannot be asked, a kept result is not
 * handed out ({@link RefreshResult.Failure#STORE_UNAVAILABLE}: fail closed) but nobody is signed out either: the
 * failure is not final, so the request goes without a session and the browser keeps its cookies.
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
    /** The refresh coordination across nodes; {@code null} without a shared store. */
    private final Shared shared;

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
        this(client, validator, waitLimit, grace, clock, maxWaiters, null);
    }

    /**
     * @param store the store shared by every node of the application, through which one refresh per refresh JWT
     *              is made cluster-wide and its result seen by every node during the grace period; {@code null}
     *              for this node alone
     */
    public SessionRefresher(DescopeClient client, SessionValidator validator, Duration waitLimit, Duration grace,
                            Clock clock, int maxWaiters, SharedStore store) {
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
        this.shared = store == null ? null : new Shared(store, waitLimit, grace);
    }

    public RefreshResult refresh(String refreshJwt) {
        if (refreshJwt == null || refreshJwt.isEmpty()) {
            return RefreshResult.failed(RefreshResult.Failure.REFRESH_TOKEN_INVALID);
        }
        Recent done = recent.get(refreshJwt);
        if (done != null && done.isLive(clock.millis())) {
            return shared == null ? done.result() : unlessSignedOut(refreshJwt, done.result());
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
                    : shared == null ? refreshNow(refreshJwt, hash) : refreshAcrossNodes(refreshJwt, hash);
        } catch (Throwable t) {
            LOG.log(Level.WARNING, "Session refresh failed with an unexpected {0}", t.getClass().getName());
        } finally {
            remember(refreshJwt, result);
            mine.complete(result);
            inFlight.remove(refreshJwt, mine);
        }
        return result;
    }

    /**
     * Forgets any kept result issued for, or from, this refresh JWT (call it when the session is logged out). With a
     * shared store, every node stops handing out such a result: the store gets a "signed out" mark for it. When the
     * store fails here, the mark is lost: nodes that cannot reach the store hand out nothing anyway, others may hand
     * out their kept copy until its grace period ends.
     */
    public void forget(String refreshJwt) {
        if (refreshJwt == null) {
            return;
        }
        List<String> ended = new ArrayList<>();
        ended.add(refreshJwt);
        recent.remove(refreshJwt);
        recent.entrySet().removeIf(e -> {
            boolean issuedIt = e.getValue().result().refreshed()
                    .filter(s -> refreshJwt.equals(s.refreshJwt())).isPresent();
            if (issuedIt) {
                ended.add(e.getKey());
            }
            return issuedIt;
        });
        if (shared != null) {
            shared.forget(ended);
        }
    }

    /**
     * A result this node kept for the refresh JWT, handed out only if the store says its session was not signed out
     * since; when the store cannot say, nothing is handed out and nothing is ended (not a final failure).
     */
    private RefreshResult unlessSignedOut(String refreshJwt, RefreshResult kept) {
        try {
            if (!shared.isSignedOut(Sealed.keyOf(Shared.RESULT, refreshJwt))) {
                shared.recovered();
                return kept;
            }
        } catch (StoreUnavailableException e) {
            shared.failed(e);
            return RefreshResult.failed(RefreshResult.Failure.STORE_UNAVAILABLE);
        }
        recent.remove(refreshJwt);
        rememberRefused(hash(refreshJwt), validator.validateRefresh(refreshJwt));
        return RefreshResult.failed(RefreshResult.Failure.REJECTED_BY_DESCOPE);
    }

    /**
     * The refresh of a caller that leads on this node: another node's result for this refresh JWT if there is one,
     * else this node's own call to Descope if it wins the store's lock, else the result the winner publishes. Any
     * store failure before Descope was called falls back to calling Descope from here; after the call, a store
     * failure only means other nodes do not see the result.
     */
    private RefreshResult refreshAcrossNodes(String refreshJwt, String hash) {
        Shared.Keys keys = new Shared.Keys(refreshJwt);
        boolean waiting = false;
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis);
        try {
            boolean first = true;
            while (true) {
                // A late request of a page (grace) or a poll while another node refreshes.
                if (graceMillis > 0 || !first) {
                    Optional<RefreshResult> known = shared.result(keys, refreshJwt);
                    if (known.isPresent()) {
                        if (known.get().failure().filter(f -> f == RefreshResult.Failure.REJECTED_BY_DESCOPE)
                                .isPresent()) {
                            rememberRefused(hash, validator.validateRefresh(refreshJwt));
                        }
                        return known.get();
                    }
                }
                first = false;
                if (shared.lock(keys)) {
                    shared.recovered();
                    break;
                }
                if (!waiting) {
                    if (waiters != null && !waiters.tryAcquire()) {
                        return RefreshResult.failed(RefreshResult.Failure.WAIT_TIMED_OUT);
                    }
                    waiting = true;
                }
                if (System.nanoTime() - deadline >= 0) {
                    return RefreshResult.failed(RefreshResult.Failure.WAIT_TIMED_OUT);
                }
                Thread.sleep(Shared.POLL_MILLIS);
            }
        } catch (StoreUnavailableException e) {
            shared.failed(e);
            return refreshNow(refreshJwt, hash);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return RefreshResult.failed(RefreshResult.Failure.WAIT_TIMED_OUT);
        } finally {
            if (waiting && waiters != null) {
                waiters.release();
            }
        }
        RefreshResult result = RefreshResult.failed(RefreshResult.Failure.INTERNAL_ERROR);
        try {
            result = refreshNow(refreshJwt, hash);
            return result;
        } finally {
            shared.publish(keys, result);
        }
    }

    /** Validates a result another node published before it is used here: the store is not trusted with sessions. */
    private Optional<RefreshResult> validated(String sessionJwt, String newRefreshJwt, boolean rotated,
                                              String cookieDomain, String cookiePath, int cookieMaxAge,
                                              long cookieExpiration) {
        ValidationResult session = validator.validateSession(sessionJwt);
        if (!session.isValid() || (rotated && !validator.validateRefresh(newRefreshJwt).isValid())) {
            return Optional.empty();
        }
        return Optional.of(RefreshResult.succeeded(new RefreshedSession(session.session().orElseThrow(), sessionJwt,
                newRefreshJwt, rotated, cookieDomain, cookiePath, cookieMaxAge, cookieExpiration)));
    }

    /** The store entries of the refresh coordination, and how they are read and written. */
    private final class Shared {

        static final long POLL_MILLIS = 25;
        private static final String LOCK = "refresh.lock";
        private static final String RESULT = "refresh.result";
        private static final String ISSUED = "refresh.issued";
        private static final String REFUSED = "refresh.refused";
        private static final String SIGNED_OUT = "refresh.signedout";
        private static final byte[] MARK = {1};

        private final SharedMap locks;
        private final SharedMap results;
        private final SharedMap issued;
        private final SharedMap refusals;
        /** Results whose session was logged out, under the result's own key: never handed out again. */
        private final SharedMap signedOut;
        private final AtomicBoolean failing = new AtomicBoolean();

        /** The store keys of one refresh JWT: hashes under distinct labels, never the token. */
        record Keys(String lock, String result, String refused, String refreshJwt) {
            Keys(String refreshJwt) {
                this(Sealed.keyOf(LOCK, refreshJwt), Sealed.keyOf(RESULT, refreshJwt),
                        Sealed.keyOf(REFUSED, refreshJwt), refreshJwt);
            }

            @Override
            public String toString() {
                return "Keys[<redacted>]";
            }
        }

        Shared(SharedStore store, Duration waitLimit, Duration grace) {
            Duration kept = grace.compareTo(waitLimit) > 0 ? grace : waitLimit;
            this.locks = store.map(LOCK, waitLimit);
            this.results = store.map(RESULT, kept);
            this.issued = store.map(ISSUED, kept);
            this.refusals = store.map(REFUSED, REFUSED_FALLBACK_TTL);
            // A node that read a result at the end of its life keeps its own copy for one more grace period.
            this.signedOut = store.map(SIGNED_OUT, kept.plus(grace));
        }

        boolean isSignedOut(String resultKey) {
            return signedOut.get(resultKey).isPresent();
        }

        boolean lock(Keys keys) {
            return locks.putIfAbsent(keys.lock(), MARK);
        }

        /** A result published for this refresh JWT by any node, validated here; empty when there is none. */
        Optional<RefreshResult> result(Keys keys, String refreshJwt) {
            Optional<byte[]> sealed = results.get(keys.result());
            if (sealed.isPresent()) {
                Optional<List<String>> fields = Sealed.open(RESULT, refreshJwt, sealed.get())
                        .flatMap(plain -> Fields.unpack(plain, 7));
                if (fields.isPresent()) {
                    List<String> f = fields.get();
                    try {
                        Optional<RefreshResult> valid = validated(f.get(0), f.get(1), Boolean.parseBoolean(f.get(2)),
                                f.get(3), f.get(4), Integer.parseInt(f.get(5)), Long.parseLong(f.get(6)));
                        if (valid.isPresent()) {
                            return isSignedOut(keys.result())
                                    ? Optional.of(RefreshResult.failed(RefreshResult.Failure.REJECTED_BY_DESCOPE))
                                    : valid;
                        }
                    } catch (RuntimeException malformed) {
                        // Not what this filter wrote: ignored, as if there were no result.
                    }
                }
                LOG.log(Level.WARNING, "A refresh result in the shared store could not be opened or failed "
                        + "validation; ignored");
            }
            if (refusals.get(keys.refused()).isPresent()) {
                return Optional.of(RefreshResult.failed(RefreshResult.Failure.REJECTED_BY_DESCOPE));
            }
            return Optional.empty();
        }

        /** Publishes this node's result for the others and frees the lock; a store failure only costs sharing. */
        void publish(Keys keys, RefreshResult result) {
            try {
                Optional<RefreshedSession> done = result.refreshed();
                if (done.isPresent()) {
                    RefreshedSession s = done.get();
                    results.put(keys.result(), Sealed.seal(RESULT, keys.refreshJwt(), Fields.pack(s.sessionJwt(),
                            s.refreshJwt(), Boolean.toString(s.refreshJwtRotated()), s.cookieDomain(),
                            s.cookiePath(), Integer.toString(s.cookieMaxAge()),
                            Long.toString(s.cookieExpiration()))));
                    if (s.refreshJwtRotated()) {
                        issued.put(Sealed.keyOf(ISSUED, s.refreshJwt()),
                                keys.result().getBytes(StandardCharsets.US_ASCII));
                    }
                } else if (result.failure().filter(f -> f == RefreshResult.Failure.REJECTED_BY_DESCOPE).isPresent()) {
                    refusals.put(keys.refused(), MARK);
                }
                locks.remove(keys.lock());
            } catch (StoreUnavailableException e) {
                failed(e);
            }
        }

        /**
         * Marks as signed out, and drops, the results issued for the logged-out refresh JWT ({@code ended.get(0)}),
         * for the refresh JWTs this node saw rotated into it (the rest of {@code ended}) and for the one the store
         * saw rotated into it ({@code refresh.issued}). Marks first: a node reading in between finds the mark.
         */
        void forget(List<String> ended) {
            try {
                List<String> keys = new ArrayList<>();
                for (String refreshJwt : ended) {
                    String key = Sealed.keyOf(RESULT, refreshJwt);
                    signedOut.put(key, MARK);
                    keys.add(key);
                }
                Optional<byte[]> rotatedFrom = issued.take(Sealed.keyOf(ISSUED, ended.get(0)));
                if (rotatedFrom.isPresent()) {
                    String key = new String(rotatedFrom.get(), StandardCharsets.US_ASCII);
                    signedOut.put(key, MARK);
                    keys.add(key);
                }
                for (String key : keys) {
                    results.remove(key);
                }
            } catch (StoreUnavailableException e) {
                failed(e);
            }
        }

        void failed(StoreUnavailableException e) {
            if (failing.compareAndSet(false, true)) {
                LOG.log(Level.WARNING, "Refreshes are coordinated on this node only: the shared store failed ({0})",
                        e.getMessage());
            }
        }

        void recovered() {
            if (failing.compareAndSet(true, false)) {
                LOG.log(Level.INFO, "Refreshes are coordinated through the shared store again");
            }
        }
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
