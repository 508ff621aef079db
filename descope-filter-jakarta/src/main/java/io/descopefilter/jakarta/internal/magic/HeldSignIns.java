package io.descopefilter.jakarta.internal.magic;

import io.descopefilter.core.DescopeEvent;
import io.descopefilter.core.JwtResponse;
import io.descopefilter.core.internal.http.JsonCodec;
import io.descopefilter.core.internal.store.Fields;
import io.descopefilter.core.internal.store.MemoryStore;
import io.descopefilter.core.internal.store.Sealed;
import io.descopefilter.core.store.SharedMap;
import io.descopefilter.core.store.SharedStore;
import io.descopefilter.core.store.StoreUnavailableException;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Sign-ins that Descope verified but that wait for the person's confirmation because the link was opened in a
 * browser that did not ask for it. Each is held under a random handle, for the browser that opened the link only
 * (bound to its CSRF token), for a few minutes. An entry that is never confirmed is dropped; its tokens never
 * reached any browser.
 *
 * <p>They live in the shared store, so the confirmation may reach any node: under a hash of the handle, sealed
 * under the handle itself ({@link Sealed}), so the store's contents hold no usable token. The store bounds and
 * expires them.
 */
final class HeldSignIns {

    static final Duration LIFETIME = Duration.ofMinutes(5);
    private static final String LABEL = "magic.held";

    /** A verified sign-in waiting for a click. */
    record Held(JwtResponse granted, String loginId, String next, String browserCsrf,
                DescopeEvent.SignInMethod method) {
        @Override
        public String toString() {
            return "Held[" + loginId + "]";
        }
    }

    private final SharedMap held;
    private final SecureRandom random = new SecureRandom();

    HeldSignIns(Clock clock) {
        this(new MemoryStore(clock, 10_000));
    }

    HeldSignIns(SharedStore store) {
        this.held = store.map(LABEL, LIFETIME);
    }

    /**
     * Holds a sign-in and returns its handle.
     *
     * @throws StoreUnavailableException it could not be held
     */
    String hold(Held sign) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String handle = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        byte[] plain = Fields.pack(new String(JsonCodec.toJson(sign.granted()), StandardCharsets.UTF_8),
                sign.loginId(), sign.next(), sign.browserCsrf(), sign.method().name());
        held.put(Sealed.keyOf(LABEL, handle), Sealed.seal(LABEL, handle, plain));
        return handle;
    }

    /**
     * Takes the held sign-in of {@code handle} (once, on any node), if it exists and belongs to the browser with
     * this CSRF token.
     *
     * @throws StoreUnavailableException the store cannot tell now
     */
    Optional<Held> take(String handle, String browserCsrf) {
        if (handle == null || handle.length() != 43 || browserCsrf == null) {
            return Optional.empty();
        }
        Optional<List<String>> fields = held.take(Sealed.keyOf(LABEL, handle))
                .flatMap(sealed -> Sealed.open(LABEL, handle, sealed))
                .flatMap(plain -> Fields.unpack(plain, 5));
        if (fields.isEmpty() || !browserCsrf.equals(fields.get().get(3))) {
            return Optional.empty();
        }
        List<String> f = fields.get();
        try {
            JwtResponse granted = JsonCodec.fromJson(f.get(0).getBytes(StandardCharsets.UTF_8), JwtResponse.class);
            return Optional.of(new Held(granted, f.get(1), f.get(2), f.get(3),
                    DescopeEvent.SignInMethod.valueOf(f.get(4))));
        } catch (JsonCodec.MalformedJsonException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
