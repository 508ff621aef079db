package io.descopefilter.jakarta.internal.magic;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.descopefilter.core.JwtResponse;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Sign-ins that Descope verified but that wait for the person's confirmation because the link was opened in a
 * browser that did not ask for it. Each is held under a random handle, for the browser that opened the link only
 * (bound to its CSRF token), for a few minutes, in a bounded table that cleans itself on the callers' threads.
 * An entry that is never confirmed is dropped; its tokens never reached any browser.
 */
final class HeldSignIns {

    static final Duration LIFETIME = Duration.ofMinutes(5);
    static final int CAPACITY = 10_000;

    /** A verified sign-in waiting for a click. */
    record Held(JwtResponse granted, String loginId, String next, String browserCsrf,
                io.descopefilter.core.DescopeEvent.SignInMethod method) {
        @Override
        public String toString() {
            return "Held[" + loginId + "]";
        }
    }

    private final Cache<String, Held> held;
    private final SecureRandom random = new SecureRandom();

    HeldSignIns(Clock clock) {
        this.held = Caffeine.newBuilder()
                .maximumSize(CAPACITY)
                .expireAfterWrite(LIFETIME.toMillis(), TimeUnit.MILLISECONDS)
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .executor(Runnable::run)
                .build();
    }

    /** Holds a sign-in and returns its handle. */
    String hold(Held sign) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String handle = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        held.put(handle, sign);
        return handle;
    }

    /** Takes the held sign-in of {@code handle} (once), if it exists and belongs to the browser with this CSRF token. */
    Optional<Held> take(String handle, String browserCsrf) {
        if (handle == null || handle.length() != 43 || browserCsrf == null) {
            return Optional.empty();
        }
        Held found = held.asMap().remove(handle);
        if (found == null || !found.browserCsrf().equals(browserCsrf)) {
            return Optional.empty();
        }
        return Optional.of(found);
    }
}
