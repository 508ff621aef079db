package io.descopefilter.core;

import com.nimbusds.jose.JWSAlgorithm;
import io.descopefilter.core.internal.http.BaseUrls;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;

/**
 * Settings of the session validation engine. Build with {@link #builder(String)}; the constructor validates
 * everything, so an instance is always usable. A refused value fails with an {@link InvalidConfigException} whose
 * {@link InvalidConfigException#field() field} is the component's name; a missing value with a
 * {@link NullPointerException}.
 *
 * @param projectId              the Descope project ID; a token's {@code iss} must be one of
 *                               {@link #acceptedIssuers()}
 * @param baseUrl                the Descope base URL the project's tokens come from, the same as the client's;
 *                               derived from the project ID's region when not set (contract §1). Only the issuer
 *                               check uses it
 * @param allowedAlgorithms      header {@code alg} values accepted: a non-empty subset of RS256, RS384, RS512
 *                               (default RS256 only)
 * @param audience               when set, a token's {@code aud} must contain it; {@code null} skips the check
 * @param leeway                 clock skew tolerated on {@code exp}, {@code nbf} and {@code iat} (default 5 s, at most 60 s)
 * @param maxTokenLength         longer tokens are refused before any parsing (default 8 KiB)
 * @param keySetTtl              how long a fetched key set is fresh (default 5 min)
 * @param keySetRefreshAhead     how long before the TTL ends a background refetch starts (default 1 min)
 * @param keyFetchCooldown       minimum time between two key fetches, successful or not, so an unknown-kid flood
 *                               costs at most one fetch per window (default 30 s)
 * @param outageTolerance        how long after its TTL the last good key set still serves when fetches fail
 *                               (default 1 h); afterwards validation fails closed
 * @param keyFetchWait           longest time a caller waits for an in-flight key fetch (default 5 s)
 * @param verifiedTokenCacheSize how many verified session JWTs are remembered (rounded up to a power of two);
 *                               0 turns the cache off (default 10 000)
 * @param clock                  time source (default UTC system clock)
 * @param keyFetchExecutor       runs key fetches; {@code null} (the default) gives the validator a daemon thread of its
 *                               own ({@code descope-key-fetch}, ended when idle and by
 *                               {@link SessionValidator#close()}). A given executor is the caller's to stop
 */
public record SessionValidatorConfig(
        String projectId,
        URI baseUrl,
        Set<JWSAlgorithm> allowedAlgorithms,
        String audience,
        Duration leeway,
        int maxTokenLength,
        Duration keySetTtl,
        Duration keySetRefreshAhead,
        Duration keyFetchCooldown,
        Duration outageTolerance,
        Duration keyFetchWait,
        int verifiedTokenCacheSize,
        Clock clock,
        Executor keyFetchExecutor) {

    /** The largest verified-token cache: 2^24 sessions (its empty table alone is 128 MiB). */
    public static final int MAX_VERIFIED_TOKEN_CACHE_SIZE = 1 << 24;

    public static final Set<JWSAlgorithm> SUPPORTED_ALGORITHMS =
            Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512);
    public static final Duration MAX_LEEWAY = Duration.ofSeconds(60);

    public SessionValidatorConfig {
        Objects.requireNonNull(projectId, "projectId is required");
        if (projectId.isBlank() || projectId.contains("/")) {
            throw new InvalidConfigException("projectId", "projectId must be non-blank and contain no '/'");
        }
        baseUrl = baseUrl == null ? BaseUrls.forProject(projectId) : BaseUrls.check(baseUrl, "baseUrl");
        allowedAlgorithms = Set.copyOf(Objects.requireNonNull(allowedAlgorithms, "allowedAlgorithms"));
        if (allowedAlgorithms.isEmpty() || !SUPPORTED_ALGORITHMS.containsAll(allowedAlgorithms)) {
            throw new InvalidConfigException("allowedAlgorithms",
                    "allowedAlgorithms must be a non-empty subset of RS256, RS384, RS512");
        }
        if (audience != null && audience.isBlank()) {
            throw new InvalidConfigException("audience", "audience must be null (no check) or non-blank");
        }
        requireNonNegative(leeway, "leeway");
        if (leeway.compareTo(MAX_LEEWAY) > 0) {
            throw new InvalidConfigException("leeway", "leeway must be at most " + MAX_LEEWAY.toSeconds() + " s");
        }
        if (maxTokenLength < 64 || maxTokenLength > 64 * 1024) {
            throw new InvalidConfigException("maxTokenLength",
                    "maxTokenLength must be between 64 and 65536 characters");
        }
        requirePositive(keySetTtl, "keySetTtl");
        requireNonNegative(keySetRefreshAhead, "keySetRefreshAhead");
        if (keySetRefreshAhead.compareTo(keySetTtl) >= 0) {
            throw new InvalidConfigException("keySetRefreshAhead", "keySetRefreshAhead must be shorter than keySetTtl");
        }
        requireNonNegative(keyFetchCooldown, "keyFetchCooldown");
        requireNonNegative(outageTolerance, "outageTolerance");
        requirePositive(keyFetchWait, "keyFetchWait");
        if (verifiedTokenCacheSize < 0 || verifiedTokenCacheSize > MAX_VERIFIED_TOKEN_CACHE_SIZE) {
            throw new InvalidConfigException("verifiedTokenCacheSize",
                    "verifiedTokenCacheSize must be between 0 and " + MAX_VERIFIED_TOKEN_CACHE_SIZE);
        }
        Objects.requireNonNull(clock, "clock");
    }

    public static Builder builder(String projectId) {
        return new Builder(projectId);
    }

    /**
     * The {@code iss} values a token of this project may carry, exactly: the project ID itself, and the URL issuer
     * (OIDC "conformance issuer", contract §7) {@code <baseUrl>/<projectId>}; when {@code baseUrl} is the one the
     * project ID implies, also {@code https://api.descope.com/<projectId>}. Nothing else, so that a URL on another
     * host that merely ends in the project ID is refused.
     */
    public Set<String> acceptedIssuers() {
        Set<String> issuers = new LinkedHashSet<>();
        issuers.add(projectId);
        issuers.add(baseUrl + "/" + projectId);
        if (baseUrl.equals(BaseUrls.forProject(projectId))) {
            issuers.add(BaseUrls.DEFAULT + "/" + projectId);
        }
        return Collections.unmodifiableSet(issuers);
    }

    private static void requirePositive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new InvalidConfigException(name, name + " must be positive");
        }
    }

    private static void requireNonNegative(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative()) {
            throw new InvalidConfigException(name, name + " must not be negative");
        }
    }

    /** Builder with the documented defaults. */
    public static final class Builder {
        private final String projectId;
        private URI baseUrl;
        private Set<JWSAlgorithm> allowedAlgorithms = Set.of(JWSAlgorithm.RS256);
        private String audience;
        private Duration leeway = Duration.ofSeconds(5);
        private int maxTokenLength = 8 * 1024;
        private Duration keySetTtl = Duration.ofMinutes(5);
        private Duration keySetRefreshAhead = Duration.ofMinutes(1);
        private Duration keyFetchCooldown = Duration.ofSeconds(30);
        private Duration outageTolerance = Duration.ofHours(1);
        private Duration keyFetchWait = Duration.ofSeconds(5);
        private int verifiedTokenCacheSize = 10_000;
        private Clock clock = Clock.systemUTC();
        private Executor keyFetchExecutor;

        private Builder(String projectId) {
            this.projectId = projectId;
        }

        /** The Descope base URL the client uses; {@code null} (the default) derives it from the project ID. */
        public Builder baseUrl(URI baseUrl) {
            this.baseUrl = baseUrl;
            return this;
        }

        /** @throws InvalidConfigException for {@code baseUrl} when the text is not a URL at all */
        public Builder baseUrl(String baseUrl) {
            this.baseUrl = baseUrl == null ? null : BaseUrls.check(baseUrl, "baseUrl");
            return this;
        }

        public Builder allowedAlgorithms(Set<JWSAlgorithm> algorithms) {
            this.allowedAlgorithms = algorithms;
            return this;
        }

        public Builder audience(String audience) {
            this.audience = audience;
            return this;
        }

        public Builder leeway(Duration leeway) {
            this.leeway = leeway;
            return this;
        }

        public Builder maxTokenLength(int maxTokenLength) {
            this.maxTokenLength = maxTokenLength;
            return this;
        }

        public Builder keySetTtl(Duration ttl) {
            this.keySetTtl = ttl;
            return this;
        }

        public Builder keySetRefreshAhead(Duration refreshAhead) {
            this.keySetRefreshAhead = refreshAhead;
            return this;
        }

        public Builder keyFetchCooldown(Duration cooldown) {
            this.keyFetchCooldown = cooldown;
            return this;
        }

        public Builder outageTolerance(Duration tolerance) {
            this.outageTolerance = tolerance;
            return this;
        }

        public Builder keyFetchWait(Duration wait) {
            this.keyFetchWait = wait;
            return this;
        }

        public Builder verifiedTokenCacheSize(int size) {
            this.verifiedTokenCacheSize = size;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public Builder keyFetchExecutor(Executor executor) {
            this.keyFetchExecutor = executor;
            return this;
        }

        public SessionValidatorConfig build() {
            return new SessionValidatorConfig(projectId, baseUrl, allowedAlgorithms, audience, leeway, maxTokenLength,
                    keySetTtl, keySetRefreshAhead, keyFetchCooldown, outageTolerance, keyFetchWait,
                    verifiedTokenCacheSize, clock, keyFetchExecutor);
        }
    }
}
