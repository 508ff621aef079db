package io.descopefilter.jakarta.internal.session;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.descopefilter.core.DescopeSession;
import io.descopefilter.core.SessionValidator;
import io.descopefilter.core.internal.store.MemoryStore;
import io.descopefilter.core.internal.store.Sealed;
import io.descopefilter.core.store.SharedMap;
import io.descopefilter.core.store.SharedStore;
import io.descopefilter.core.store.StoreUnavailableException;
import io.descopefilter.jakarta.internal.config.SessionLimits;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * When a session's user last proved control of their inbox or phone, and whether the session is still within the
 * filter's own limits ({@code maxSessionAge}, {@code idleTimeout}, {@code stepUpMaxAge}).
 *
 * <p>The sign-in time is the {@code iat} of the refresh JWT, which Descope issues at sign-in and step-up, verified
 * (never read unverified: a forged refresh cookie must not buy a fresh sign-in) and remembered per refresh JWT so
 * that the hot path pays one lock-free cache read. Idle tracking is a table of recently seen sessions that forgets a
 * session after {@code idleTimeout} without a request.
 *
 * <p>With several nodes, the idle table of each node is backed by the shared store: a node records a session's
 * activity there at most every {@code idleTimeout / 4} (off the request thread; entries live {@code idleTimeout}),
 * and asks the store only when its own table lacks the session, which is the first request of that session on this
 * node (a cold path anyway: it also verifies the refresh JWT once). A node that never saw a session thus does not
 * take it for idle, and the hot path of a session this node knows never touches the store. If the store cannot
 * answer, the session counts as active: a store outage never signs anyone out.
 */
public final class SessionClock implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(SessionClock.class.getName());
    private static final String LABEL = "session.idle";
    private static final byte[] MARK = {1};

    /** Sessions remembered at least; more when the verified-token cache is sized for more active sessions. */
    private static final int CAPACITY = 100_000;

    private final SessionValidator validator;
    private final SessionLimits limits;
    private final Clock clock;
    private final Cache<String, Instant> signedInAt;
    /** Per session seen within the idle timeout: when this node last recorded its activity in the store. */
    private final Cache<String, AtomicLong> active;
    private final SharedMap shared;
    /** Writes activity to a store that may wait; {@code null} for the memory store, written inline. */
    private final ActivityPublisher publisher;
    private final long publishEveryMillis;

    public SessionClock(SessionValidator validator, SessionLimits limits, Clock clock) {
        this(validator, limits, clock, new MemoryStore(clock));
    }

    public SessionClock(SessionValidator validator, SessionLimits limits, Clock clock, SharedStore store) {
        this(validator, limits, clock, store, CAPACITY);
    }

    /** @param sessions how many active sessions to remember (at least {@value #CAPACITY}) */
    public SessionClock(SessionValidator validator, SessionLimits limits, Clock clock, SharedStore store,
                        int sessions) {
        this.validator = validator;
        this.limits = limits;
        this.clock = clock;
        // A session missing from this table costs an RSA verification of its refresh JWT on its next request, so the
        // table holds as many sessions as the validator remembers.
        int capacity = Math.max(CAPACITY, sessions);
        this.signedInAt = Caffeine.newBuilder().maximumSize(capacity).expireAfterWrite(1, TimeUnit.DAYS)
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis())).executor(Runnable::run).build();
        this.active = limits.hasIdleTimeout()
                ? Caffeine.newBuilder().maximumSize(capacity)
                        .expireAfterAccess(limits.idleTimeout().toMillis(), TimeUnit.MILLISECONDS)
                        .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis())).executor(Runnable::run).build()
                : null;
        this.shared = limits.hasIdleTimeout() ? store.map(LABEL, limits.idleTimeout()) : null;
        this.publishEveryMillis = limits.hasIdleTimeout() ? Math.max(1, limits.idleTimeout().toMillis() / 4) : 0;
        // The memory store never waits, so it is written on the caller's thread; another store from one thread.
        this.publisher = shared == null || store instanceof MemoryStore ? null
                : new ActivityPublisher(shared, Duration.ofMillis(Math.min(1_000, publishEveryMillis)));
    }

    @Override
    public void close() {
        if (publisher != null) {
            publisher.close();
        }
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
        if (active == null || !tokens.hasRefreshJwt()) {
            return true;
        }
        AtomicLong recorded = active.getIfPresent(key(tokens.refreshJwt()));
        if (recorded != null) {
            long now = clock.millis();
            long last = recorded.get();
            if (now - last >= publishEveryMillis && recorded.compareAndSet(last, now)) {
                publish(tokens.refreshJwt());
            }
            return true;
        }
        return seenByAnotherNode(tokens.refreshJwt());
    }

    /** The cold path: this node has not seen the session within the idle timeout; maybe another node has. */
    private boolean seenByAnotherNode(String refreshJwt) {
        boolean seen;
        try {
            seen = shared.get(Sealed.keyOf(LABEL, refreshJwt)).isPresent();
        } catch (StoreUnavailableException e) {
            LOG.log(Level.DEBUG, "Idle time not known while the shared store fails; the session counts as active");
            seen = true;
        }
        if (seen) {
            active.put(key(refreshJwt), new AtomicLong(clock.millis()));
        }
        return seen;
    }

    /** Records activity of this session in the store, off the request thread; a failure only costs sharing. */
    private void publish(String refreshJwt) {
        if (publisher == null) {
            write(shared, refreshJwt);
        } else {
            publisher.offer(refreshJwt);
        }
    }

    private static void write(SharedMap shared, String refreshJwt) {
        try {
            shared.put(Sealed.keyOf(LABEL, refreshJwt), MARK);
        } catch (StoreUnavailableException e) {
            // Other nodes may count this session as idle sooner; this node still knows it.
        }
    }

    /**
     * Hands activity records from request threads to one writer thread without a lock: the request thread appends
     * to a lock-free queue (bounded by a counter: past it, records are dropped, which only shortens what other nodes
     * believe), and the writer drains it on a fixed delay.
     */
    private static final class ActivityPublisher implements AutoCloseable {
        private static final int MAX_QUEUED = 10_000;
        private final ConcurrentLinkedQueue<String> queue = new ConcurrentLinkedQueue<>();
        private final AtomicInteger queued = new AtomicInteger();
        private final ScheduledExecutorService writer;

        ActivityPublisher(SharedMap shared, Duration every) {
            this.writer = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "descope-filter-idle-publisher");
                thread.setDaemon(true);
                return thread;
            });
            writer.scheduleWithFixedDelay(() -> {
                for (String refreshJwt = queue.poll(); refreshJwt != null; refreshJwt = queue.poll()) {
                    queued.decrementAndGet();
                    write(shared, refreshJwt);
                }
            }, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        }

        void offer(String refreshJwt) {
            if (queued.incrementAndGet() > MAX_QUEUED) {
                queued.decrementAndGet();
                return;
            }
            queue.offer(refreshJwt);
        }

        @Override
        public void close() {
            writer.shutdownNow();
        }
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
            active.put(key(to.refreshJwt()), new AtomicLong(clock.millis()));
            publish(to.refreshJwt());
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
            active.put(key(tokens.refreshJwt()), new AtomicLong(clock.millis()));
            publish(tokens.refreshJwt());
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
