package io.descopefilter.jakarta.internal.enchanted;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.descopefilter.jakarta.internal.config.CookieSettings;
import io.descopefilter.jakarta.internal.config.SameSite;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

/**
 * The enchanted sign-ins browsers are waiting for. Each browser that starts one gets a random handle in an
 * {@code HttpOnly} cookie ({@code __Host-DSPENDING} on https) that only it holds; the {@code pendingRef} stays on
 * the server under that handle. No {@code HttpSession} is involved, so a session ID planted before the start gives
 * nothing (HW-03), and a decoy (nothing was sent) creates no server state at all, only the same cookie (HW-11).
 * The table is bounded and expires entries itself, on the callers' threads.
 */
final class PendingSignIns {

    /** The cookie's name before its prefix. */
    static final String COOKIE = "DSPENDING";
    static final int CAPACITY = 100_000;

    private final Cache<String, PendingEnchantedLink> pending;
    private final CookieSettings cookies;
    private final Duration lifetime;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    PendingSignIns(CookieSettings cookies, Duration lifetime, Clock clock) {
        this.cookies = cookies;
        this.lifetime = lifetime;
        this.clock = clock;
        this.pending = Caffeine.newBuilder()
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

    /** Starts a wait for this browser; {@code pending} is {@code null} for a decoy. */
    void start(HttpServletResponse response, PendingEnchantedLink pending) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String key = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        long expiresAt = clock.millis() + lifetime.toMillis();
        if (pending != null) {
            this.pending.put(key, pending);
        }
        response.addCookie(cookies.cookie(cookies.name(COOKIE), key + "." + expiresAt, (int) lifetime.toSeconds(),
                SameSite.STRICT));
    }

    /** The handle this browser holds, or {@code null}. */
    Handle handleOf(HttpServletRequest request) {
        String value = CookieSettings.single(request.getCookies(), cookies.name(COOKIE));
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

    /** The pending sign-in under {@code handle}; {@code null} for a decoy or one that is gone. */
    PendingEnchantedLink find(Handle handle) {
        return pending.getIfPresent(handle.key());
    }

    /** Forgets the wait of this browser (done or expired). */
    void end(Handle handle, HttpServletResponse response) {
        pending.invalidate(handle.key());
        response.addCookie(cookies.expired(cookies.name(COOKIE)));
    }
}
