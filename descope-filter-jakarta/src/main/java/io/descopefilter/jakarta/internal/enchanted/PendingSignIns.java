package io.descopefilter.jakarta.internal.enchanted;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.descopefilter.core.internal.store.Fields;
import io.descopefilter.core.internal.store.Sealed;
import io.descopefilter.core.store.SharedMap;
import io.descopefilter.core.store.SharedStore;
import io.descopefilter.core.store.StoreUnavailableException;
import io.descopefilter.jakarta.internal.config.CookieSettings;
import io.descopefilter.jakarta.internal.config.SameSite;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The enchanted sign-ins browsers are waiting for. Each browser that starts one gets a random handle in an
 * {@code HttpOnly} cookie ({@code __Host-DSPENDING} on https) that only it holds; the {@code pendingRef} stays on
 * the server under that handle. No {@code HttpSession} is involved, so a session ID planted before the start gives
 * nothing (HW-03), and a decoy (nothing was sent) creates no server state at all, only the same cookie (HW-11).
 *
 * <p>The waits live in the shared store, so the poll may reach any node (no sticky sessions): each is stored under
 * a hash of the handle and sealed under the handle itself ({@link Sealed}), so the store's contents give no
 * {@code pendingRef} and no way to poll. Each node keeps, in a bounded table of its own, only the state of the polls
 * it answers; a one-second claim in the store keeps a browser's polls of Descope to one per second across nodes.
 */
final class PendingSignIns {

    /** The cookie's name before its prefix. */
    static final String COOKIE = "DSPENDING";
    static final int CAPACITY = 100_000;

    private static final String LABEL = "enchanted.pending";
    private static final String POLL_LABEL = "enchanted.poll";
    private static final byte[] MARK = {1};

    private final SharedMap pending;
    private final SharedMap polls;
    /** The waits this node answers polls of, with their poll state; the store decides whether a wait exists. */
    private final Cache<String, PendingEnchantedLink> local;
    private final CookieSettings cookies;
    private final Duration lifetime;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    PendingSignIns(SharedStore store, CookieSettings cookies, Duration lifetime, Duration pollInterval,
                   Clock clock) {
        this.cookies = cookies;
        this.lifetime = lifetime;
        this.clock = clock;
        this.pending = store.map(LABEL, lifetime);
        this.polls = store.map(POLL_LABEL, pollInterval);
        this.local = Caffeine.newBuilder()
                .maximumSize(CAPACITY)
                .expireAfterWrite(lifetime.toMillis(), TimeUnit.MILLISECONDS)
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .executor(Runnable::run)
                .build();
    }

    /** A handle the browser holds: the key and when its wait ends. */
    record Handle(String key, long expiresAtMillis) {
        boolean isExpired(long nowMillis) {
            return nowMillis >= expiresAtMillis;
        }
    }

    /**
     * Starts a wait for this browser; {@code pending} is {@code null} for a decoy.
     *
     * @throws StoreUnavailableException the wait could not be stored (no cookie is set then)
     */
    void start(HttpServletResponse response, PendingEnchantedLink pending) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String key = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        long expiresAt = clock.millis() + lifetime.toMillis();
        if (pending != null) {
            this.pending.put(Sealed.keyOf(LABEL, key), Sealed.seal(LABEL, key,
                    Fields.pack(pending.pendingRef(), pending.next())));
            local.put(key, pending);
        }
        cookies.set(response, cookies.name(COOKIE), key + "." + expiresAt, (int) lifetime.toSeconds(),
                SameSite.STRICT);
    }

    /** The handle this browser holds, or {@code null}. */
    Handle handleOf(HttpServletRequest request) {
        String value = CookieSettings.single(request, cookies.name(COOKIE));
        if (value == null) {
            return null;
        }
        int dot = value.indexOf('.');
        if (dot != 43) {
            return null;
        }
        try {
            return new Handle(value.substring(0, dot), Long.parseLong(value.substring(dot + 1)));
        } catch (NumberFormatException malformed) {
            return null;
        }
    }

    /**
     * The pending sign-in under {@code handle}, whichever node started it; {@code null} for a decoy or one that is
     * gone.
     *
     * @throws StoreUnavailableException the store cannot tell now
     */
    PendingEnchantedLink find(Handle handle) {
        Optional<byte[]> sealed = pending.get(Sealed.keyOf(LABEL, handle.key()));
        if (sealed.isEmpty()) {
            local.invalidate(handle.key());
            return null;
        }
        PendingEnchantedLink known = local.getIfPresent(handle.key());
        if (known != null) {
            return known;
        }
        Optional<List<String>> fields = Sealed.open(LABEL, handle.key(), sealed.get())
                .flatMap(plain -> Fields.unpack(plain, 2));
        if (fields.isEmpty() || fields.get().get(0) == null) {
            return null;
        }
        PendingEnchantedLink found = new PendingEnchantedLink(fields.get().get(0), fields.get().get(1));
        PendingEnchantedLink raced = local.asMap().putIfAbsent(handle.key(), found);
        return raced != null ? raced : found;
    }

    /**
     * Claims the one poll of Descope per interval for this browser across every node.
     *
     * @throws StoreUnavailableException the store cannot tell now
     */
    boolean claimPoll(Handle handle) {
        return polls.putIfAbsent(Sealed.keyOf(POLL_LABEL, handle.key()), MARK);
    }

    /** Forgets the wait of this browser (done or expired). */
    void end(Handle handle, HttpServletResponse response) {
        local.invalidate(handle.key());
        try {
            pending.remove(Sealed.keyOf(LABEL, handle.key()));
        } catch (StoreUnavailableException e) {
            // It expires in the store by itself; its pendingRef has been used or has expired at Descope.
        }
        cookies.expire(response, cookies.name(COOKIE));
    }
}
