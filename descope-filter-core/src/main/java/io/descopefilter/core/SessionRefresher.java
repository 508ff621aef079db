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
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
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
 *
 * <p>With refresh-token rotation a logout can race its own page's refresh: the refresh turned R1 into R2 while the
 * logout still carries R1, which Descope no longer knows, so revoking R1 leaves R2 alive. {@link #forget} therefore
 * returns the refresh JWTs that the results kept for R1 (on this node, or in the store, sealed under R1) were rotated
 * into, each once per node, for the caller to revoke at Descope with R1; a rotated result is kept for that long even
 * without a grace period (the wait limit). A refresh of R1 still at Descope when {@link #forget} comes (on this node,
 * or on another, through the store's mark) hands its result to none of its callers and revokes the refresh JWT it
 * got itself.
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
    /** How many rotations {@link #forget} follows from the logged-out refresh JWT (R1 to R2 to R3 ...). */
    private static final int MAX_ROTATIONS = 8;

    private final DescopeClient client;
    private final SessionValidator validator;
    private final long waitMillis;
    private final long graceMillis;
    private final Clock clock;
    private final ConcurrentHashMap<String, Flight> inFlight = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Recent> recent = new ConcurrentHashMap<>();
    /**
     * SHA-256 (base64) of rotated refresh JWTs of signed-out sessions that this node revoked or named to a caller
     * of {@link #forget}: each is revoked once per node, whichever of the logout and the refresh comes last.
     */
    private final Cache<String, Boolean> revoked;
    /** SHA-256 (base64) of refresh JWTs Descope refused, until their expiry (epoch millis). */
    private final Cache<String, Long> refused;
    /** Permits for callers waiting on another caller's refresh; {@code null} for no cap. */
    private final Semaphore waiters;
    /** The refresh coordination across nodes; {@code null} without a shared store. */
    private final Shared shared;

    /**
     * A kept result: handed out until {@code handOutUntilMillis} (the grace period), kept until
     * {@code keptUntilMillis} so that a logout with the old refresh JWT still finds the one it was rotated into.
     */
    private record Recent(RefreshResult result, long handOutUntilMillis, long keptUntilMillis) {
        boolean isLive(long nowMillis) {
            return nowMillis < handOutUntilMillis;
        }

        boolean isKept(long nowMillis) {
            return nowMillis < keptUntilMillis;
        }
    }

    /** A refresh in progress; {@code signedOut} is set by a {@link #forget} of its refresh JWT meanwhile. */
    private record Flight(CompletableFuture<RefreshResult> done, AtomicBoolean signedOut) {
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
        Duration kept = grace.compareTo(waitLimit) > 0 ? grace : waitLimit;
        this.revoked = Caffeine.newBuilder()
                .maximumSize(MAX_RECENT)
                .ticker(() -> clock.millis() * 1_000_000L)
                .executor(Runnable::run)
                .expireAfterWrite(kept.plus(grace).plus(waitLimit))
                .build();
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
        Flight mine = new Flight(new CompletableFuture<>(), new AtomicBoolean());
        Flight running = inFlight.putIfAbsent(refreshJwt, mine);
        if (running != null) {
            return awaitWithinCap(running.done());
        }
        RefreshResult result = RefreshResult.failed(RefreshResult.Failure.INTERNAL_ERROR);
        try {
            // Checked again now that this caller leads: a refusal recorded just before it won must count.
            result = isRefused(hash) ? RefreshResult.failed(RefreshResult.Failure.REJECTED_BY_DESCOPE)
                    : shared == null ? refreshNow(refreshJwt, hash) : refreshAcrossNodes(refreshJwt, hash);
            if (result.isSuccess()) {
                // Kept before the flag is read, while forget sets the flag before it looks for kept results: of a
                // refresh and a logout that overlap, at least one sees the other.
                remember(refreshJwt, result);
                if (mine.signedOut().get()) {
                    recent.remove(refreshJwt);
                    result = endedMeanwhile(refreshJwt, hash, result);
                }
            }
        } catch (Throwable t) {
            LOG.log(Level.WARNING, "Session refresh failed with an unexpected {0}", t.getClass().getName());
            result = RefreshResult.failed(RefreshResult.Failure.INTERNAL_ERROR);
        } finally {
            mine.done().complete(result);
            inFlight.remove(refreshJwt, mine);
        }
        return result;
    }

    /**
     * The result of a refresh whose session was logged out while Descope answered it: handed out to nobody, and the
     * refresh JWT it brought (when rotated) revoked at Descope, unless a logout already named it.
     */
    private RefreshResult endedMeanwhile(String refreshJwt, String hash, RefreshResult result) {
        revokeRotated(refreshJwt, result);
        rememberRefused(hash, validator.validateRefresh(refreshJwt));
        return RefreshResult.failed(RefreshResult.Failure.REJECTED_BY_DESCOPE);
    }

    /** Revokes, quietly and once per node, the refresh JWT a result of a signed-out session was rotated into. */
    private void revokeRotated(String refreshJwt, RefreshResult result) {
        Optional<String> rotated = rotatedInto(refreshJwt, result);
        if (rotated.isEmpty() || !claim(rotated.get())) {
            return;
        }
        try {
            client.logout(rotated.get());
        } catch (DescopeException | IllegalArgumentException e) {
            LOG.log(Level.INFO, "Could not revoke the rotated refresh JWT of a signed-out session at Descope: {0}",
                    e.getMessage());
        }
    }

    /** The refresh JWT a result for {@code refreshJwt} was rotated into, if it was. */
    private static Optional<String> rotatedInto(String refreshJwt, RefreshResult result) {
        return result.refreshed().filter(RefreshedSession::refreshJwtRotated).map(RefreshedSession::refreshJwt)
                .filter(rotated -> !rotated.equals(refreshJwt));
    }

    /** {@code true} for the first caller on this node that is to revoke this rotated refresh JWT. */
    private boolean claim(String rotated) {
        return revoked.asMap().putIfAbsent(hash(rotated), Boolean.TRUE) == null;
    }

    /**
     * Forgets any kept result issued for, or from, this refresh JWT (call it when the session is logged out, after
     * revoking the refresh JWT at Descope). With a shared store, every node stops handing out such a result: the
     * store gets a "signed out" mark for it. When the store fails here, the mark is lost: nodes that cannot reach
     * the store hand out nothing anyway, others may hand out their kept copy until its grace period ends.
     *
     * <p>A refresh of this refresh JWT still running on this node hands its result out to nobody and revokes the
     * refresh JWT it gets itself.
     *
     * @return the refresh JWTs that kept results (this node's, or the store's) rotated this one into, oldest first,
     *         which the caller must revoke at Descope too: with rotation, revoking the rotated-away one does not end
     *         them. Each is returned once per node; empty without rotation.
     */
    public List<String> forget(String refreshJwt) {
        if (refreshJwt == null) {
            return List.of();
        }
        List<String> ended = new ArrayList<>();
        ended.add(refreshJwt);
        Set<String> rotated = new LinkedHashSet<>();
        String current = refreshJwt;
        for (int i = 0; current != null && i < MAX_ROTATIONS; i++) {
            // The flag first, the kept result after: see refresh.
            Flight flight = inFlight.get(current);
            if (flight != null) {
                flight.signedOut().set(true);
            }
            Recent kept = recent.remove(current);
            String next = kept == null ? null : rotatedInto(current, kept.result()).orElse(null);
            if (next == null || !rotated.add(next)) {
                break;
            }
            ended.add(next);
            current = next;
        }
        recent.entrySet().removeIf(e -> {
            boolean issuedIt = e.getValue().result().refreshed()
                    .filter(s -> refreshJwt.equals(s.refreshJwt())).isPresent();
            if (issuedIt) {
                ended.add(e.getKey());
            }
            return issuedIt;
        });
        if (shared != null) {
            for (String next : shared.forget(ended)) {
                if (validator.validateRefresh(next).isValid()) {
                    rotated.add(next);
                }
            }
        }
        // A logout with R2 finds R1's result, rotated into R2: the caller revokes R2 already.
        rotated.remove(refreshJwt);
        List<String> toRevoke = new ArrayList<>();
        for (String next : rotated) {
            if (claim(next)) {
                toRevoke.add(next);
            }
        }
        return List.copyOf(toRevoke);
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
        // The logging-out node may not have found what this node kept (its store entry gone): revoked here too.
        recent.remove(refreshJwt);
        return endedMeanwhile(refreshJwt, hash(refreshJwt), kept);
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
        boolean published = false;
        try {
            result = refreshNow(refreshJwt, hash);
        } finally {
            published = shared.publish(keys, result);
        }
        if (!result.isSuccess() || !published) {
            // Unpublished (the store failed), the refresh goes on as on one node: it never depends on the store.
            return result;
        }
        // Published before the mark is read, while forget marks before it takes the result: of a refresh and a
        // logout on two nodes, at least one sees the other.
        try {
            if (!shared.isSignedOut(keys.result())) {
                return result;
            }
            if (shared.take(keys)) {
                return endedMeanwhile(refreshJwt, hash, result);
            }
            // The logging-out node took the result, and revokes its rotated refresh JWT.
            rememberRefused(hash, validator.validateRefresh(refreshJwt));
            return RefreshResult.failed(RefreshResult.Failure.REJECTED_BY_DESCOPE);
        } catch (StoreUnavailableException e) {
            // Fail closed: whether the session was signed out meanwhile is unknown. The published result stays in
            // the store for a retry to use once it is back; the browser keeps its cookies (not a final failure).
            shared.failed(e);
            return RefreshResult.failed(RefreshResult.Failure.STORE_UNAVAILABLE);
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

        /**
         * Publishes this node's result for the others and frees the lock; a store failure only costs sharing.
         *
         * @return whether it was written (a failure, or a success that is now in the store)
         */
        boolean publish(Keys keys, RefreshResult result) {
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
                return true;
            } catch (StoreUnavailableException e) {
                failed(e);
                return false;
            }
        }

        /** Removes this refresh JWT's published result; {@code true} if this call removed it (of two, one does). */
        boolean take(Keys keys) {
            return results.take(keys.result()).isPresent();
        }

        /** The refresh JWT a sealed result for {@code refreshJwt} was rotated into, if it opens and was rotated. */
        private Optional<String> openRotated(String refreshJwt, byte[] sealed) {
            return Sealed.open(RESULT, refreshJwt, sealed).flatMap(plain -> Fields.unpack(plain, 7))
                    .filter(f -> Boolean.parseBoolean(f.get(2)))
                    .map(f -> f.get(1))
                    .filter(rotated -> !rotated.isEmpty() && !rotated.equals(refreshJwt));
        }

        /**
         * Marks as signed out (and as refused), and takes, the results issued for the logged-out refresh JWT
         * ({@code ended.get(0)}), for the refresh JWTs this node saw it rotated into or from (the rest of
         * {@code ended}), for those the store's results rotated it into, and for the one the store saw rotated into
         * it ({@code refresh.issued}). Marks first: a node reading in between, or publishing a result just now,
         * finds the mark.
         *
         * @return the refresh JWTs the taken results were rotated into (opened with the refresh JWT they were
         *         sealed under), oldest first; only this call got them
         */
        List<String> forget(List<String> ended) {
            List<String> rotated = new ArrayList<>();
            try {
                List<String> tokens = new ArrayList<>(ended);
                Set<String> seen = new HashSet<>(ended);
                for (int i = 0; i < tokens.size() && i < ended.size() + MAX_ROTATIONS; i++) {
                    String refreshJwt = tokens.get(i);
                    String key = Sealed.keyOf(RESULT, refreshJwt);
                    signedOut.put(key, MARK);
                    // Revoked (or rotated away) at Descope by now: no node need ask Descope about it again.
                    refusals.put(Sealed.keyOf(REFUSED, refreshJwt), MARK);
                    Optional<String> next = results.take(key).flatMap(sealed -> openRotated(refreshJwt, sealed));
                    if (next.isPresent()) {
                        rotated.add(next.get());
                        if (seen.add(next.get())) {
                            tokens.add(next.get());
                        }
                    }
                }
                Optional<byte[]> rotatedFrom = issued.take(Sealed.keyOf(ISSUED, ended.get(0)));
                if (rotatedFrom.isPresent()) {
                    String key = new String(rotatedFrom.get(), StandardCharsets.US_ASCII);
                    signedOut.put(key, MARK);
                    results.remove(key);
                }
            } catch (StoreUnavailableException e) {
                failed(e);
            }
            return rotated;
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
        if (!result.isSuccess()) {
            return;
        }
        // A rotated result is kept past the grace period, up to the wait limit, so that a logout racing the
        // page's refresh finds the refresh JWT it must also revoke even without a grace period.
        long keepMillis = rotatedInto(refreshJwt, result).isPresent() ? Math.max(graceMillis, waitMillis)
                : graceMillis;
        if (keepMillis == 0) {
            return;
        }
        long now = clock.millis();
        if (recent.size() >= MAX_RECENT) {
            recent.values().removeIf(r -> !r.isKept(now));
            if (recent.size() >= MAX_RECENT) {
                return;
            }
        }
        recent.put(refreshJwt, new Recent(result, now + graceMillis, now + keepMillis));
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
