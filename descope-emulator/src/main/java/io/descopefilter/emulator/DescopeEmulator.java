package io.descopefilter.emulator;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import io.descopefilter.emulator.internal.jwt.IssuedTokens;
import io.descopefilter.emulator.internal.session.SessionGrant;
import io.descopefilter.emulator.internal.store.StoredUser;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A local stand-in for the Descope API: link logins, sessions, JWKS, an outbox instead of email/SMS, and fault
 * injection. Listens on 127.0.0.1 only. Start one with {@link #builder()}; close it when done.
 */
public final class DescopeEmulator implements AutoCloseable {

    private final EmulatorConfig config;
    private final EmulatorRuntime runtime;

    private DescopeEmulator(EmulatorConfig config, EmulatorRuntime runtime) {
        this.config = config;
        this.runtime = runtime;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts an emulator and seeds the configured users. */
    public static DescopeEmulator start(EmulatorConfig config) {
        DescopeEmulator emulator = new DescopeEmulator(config, EmulatorRuntime.start(config));
        try {
            config.seedUsers().forEach(emulator::createUser);
        } catch (RuntimeException e) {
            emulator.close();
            throw e;
        }
        return emulator;
    }

    /** {@code http://127.0.0.1:<port>}, to use as the Descope base URL. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    public int port() {
        return runtime.server().port();
    }

    public String projectId() {
        return config.projectId();
    }

    public String managementKey() {
        return config.managementKey();
    }

    /** Seeds a user (email and phone verified); returns its user ID. Fails if the login ID is taken. */
    public String createUser(EmulatorUser user) {
        return runtime.users().create(StoredUser.seed(user)).userId();
    }

    /** Every message "sent" so far. */
    public Outbox outbox() {
        return runtime.outbox();
    }

    /** Faults to inject in front of API paths. */
    public Faults faults() {
        return runtime.faults();
    }

    /** Signs with a new key (new kid) from now on; old public keys stay published until {@link #retireOldKeys()}. */
    public String rotateKeys() {
        return runtime.keys().rotate();
    }

    /** Removes every key but the current signing key from the JWKS. */
    public void retireOldKeys() {
        runtime.keys().retireOldKeys();
    }

    /** The current private signing key, for tests that craft their own tokens. */
    public RSAKey signingKey() {
        return runtime.keys().signingKey();
    }

    /** Publishes any key (even a bad one) in the JWKS; a private key is published as its public part. */
    public void publishExtraKey(JWK key) {
        runtime.keys().publish(key);
    }

    public void unpublishKey(String kid) {
        runtime.keys().unpublish(kid);
    }

    /** A session and refresh JWT for an existing user without a link ({@code amr: ["email"]}). */
    public EmulatorTokens issueSession(String loginId, Map<String, Object> customClaims) {
        StoredUser user = runtime.users().byLoginId(loginId)
                .orElseThrow(() -> new IllegalArgumentException("no user with this login ID"));
        IssuedTokens tokens = runtime.sessions().issue(
                new SessionGrant(user.userId(), List.of("email"), Map.copyOf(customClaims), null));
        return new EmulatorTokens(tokens.sessionJwt(), tokens.refreshJwt());
    }

    public EmulatorTokens issueSession(String loginId) {
        return issueSession(loginId, Map.of());
    }

    /**
     * How many refresh JWTs issued to this user are still good (neither revoked, by logout or rotation, nor
     * expired): after every session of the user ended, zero.
     */
    public int liveRefreshTokens(String loginId) {
        StoredUser user = runtime.users().byLoginId(loginId)
                .orElseThrow(() -> new IllegalArgumentException("no user with this login ID"));
        return runtime.sessions().liveRefreshTokens(user.userId());
    }

    /** How many requests hit exactly this path (query excluded), whatever their outcome. */
    public long requestCount(String path) {
        return runtime.requests().count(path);
    }

    /**
     * Requests per API endpoint, keyed {@code "<METHOD> <route pattern>"} (e.g.
     * {@code "POST /v1/auth/magiclink/verify"}, {@code "GET /v2/keys/{projectId}"}); control routes are not counted.
     */
    public Map<String, Long> requestCountsByEndpoint() {
        return runtime.requests().byEndpoint();
    }

    /** Starts every request count (per path and per endpoint) from zero. */
    public void resetRequestCounts() {
        runtime.requests().reset();
    }

    /** The rate limits in force. */
    public RateLimit rateLimit() {
        return runtime.rateLimiter().limits();
    }

    /** Replaces the rate limits while running; every window starts afresh. */
    public void rateLimit(RateLimit limits) {
        runtime.rateLimiter().update(Objects.requireNonNull(limits, "limits"));
    }

    /** Moves the emulator's clock forward: link, pending-ref and token expiry, and issued iat/exp. */
    public void advanceClock(Duration amount) {
        runtime.clock().advance(amount);
    }

    @Override
    public void close() {
        runtime.server().close();
    }

    /** Settings with Descope-like defaults (see EMULATOR.md); only project ID and management key are required. */
    public static final class Builder {
        private String projectId;
        private String managementKey;
        private int port;
        private final List<String> approvedDomains = new ArrayList<>();
        private String defaultRedirectUrl;
        private Duration sessionTtl = Duration.ofMinutes(10);
        private Duration refreshTtl = Duration.ofDays(30);
        private Duration linkTtl = Duration.ofMinutes(10);
        private Duration enchantedPendingTtl = Duration.ofMinutes(5);
        private boolean refreshTokenRotation;
        private RateLimit rateLimit = RateLimit.defaults();
        private Clock clock = Clock.systemUTC();
        private final List<EmulatorUser> seedUsers = new ArrayList<>();

        private Builder() {
        }

        public Builder projectId(String value) {
            this.projectId = value;
            return this;
        }

        public Builder managementKey(String value) {
            this.managementKey = value;
            return this;
        }

        /** 0 (the default) picks a free port. */
        public Builder port(int value) {
            this.port = value;
            return this;
        }

        /** Hosts redirect URIs may point at (subdomains included); none configured allows any host. */
        public Builder approvedDomains(List<String> domains) {
            this.approvedDomains.clear();
            this.approvedDomains.addAll(domains);
            return this;
        }

        public Builder approvedDomain(String domain) {
            this.approvedDomains.add(Objects.requireNonNull(domain, "domain"));
            return this;
        }

        /** Where links point when a request names no URI. */
        public Builder defaultRedirectUrl(String value) {
            this.defaultRedirectUrl = value;
            return this;
        }

        public Builder sessionTtl(Duration value) {
            this.sessionTtl = value;
            return this;
        }

        public Builder refreshTtl(Duration value) {
            this.refreshTtl = value;
            return this;
        }

        public Builder linkTtl(Duration value) {
            this.linkTtl = value;
            return this;
        }

        public Builder enchantedPendingTtl(Duration value) {
            this.enchantedPendingTtl = value;
            return this;
        }

        /** With rotation, refresh returns a new refresh JWT and revokes the presented one. */
        public Builder refreshTokenRotation(boolean value) {
            this.refreshTokenRotation = value;
            return this;
        }

        public Builder rateLimit(RateLimit value) {
            this.rateLimit = value;
            return this;
        }

        /** The base clock; {@link DescopeEmulator#advanceClock} moves forward from it. */
        public Builder clock(Clock value) {
            this.clock = value;
            return this;
        }

        public Builder seedUser(EmulatorUser user) {
            this.seedUsers.add(Objects.requireNonNull(user, "user"));
            return this;
        }

        public EmulatorConfig config() {
            return new EmulatorConfig(projectId, managementKey, port, approvedDomains, defaultRedirectUrl, sessionTtl,
                    refreshTtl, linkTtl, enchantedPendingTtl, refreshTokenRotation, rateLimit, clock, seedUsers);
        }

        public DescopeEmulator start() {
            return DescopeEmulator.start(config());
        }
    }
}
