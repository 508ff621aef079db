package io.descopefilter.core;

import io.descopefilter.core.internal.events.EventDispatcher;
import io.descopefilter.core.internal.events.JfrTokenValidation;
import io.descopefilter.core.internal.jwt.Claims;
import io.descopefilter.core.internal.jwt.CompactJws;
import io.descopefilter.core.internal.jwt.KeySetCache;
import io.descopefilter.core.internal.jwt.MalformedClaimException;
import io.descopefilter.core.internal.jwt.VerificationKey;
import io.descopefilter.core.internal.jwt.VerifiedTokenCache;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;

import java.lang.System.Logger.Level;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Validates Descope session and refresh JWTs locally (contract §7, §8). Thread-safe; share one instance.
 *
 * <p>Order of checks, cheapest first, claims only after the signature: length cap; exactly three canonical
 * base64url segments (so JWE and junk never reach a parser); header {@code alg} in the allow-list, no
 * {@code crit}, a {@code kid}; the key chosen by {@code kid} from the project's key set only ({@code jwk},
 * {@code jku}, {@code x5u}, {@code x5c} headers are ignored); RSA signature; then {@code iss}, {@code exp},
 * {@code nbf}, {@code iat}, {@code aud} (when configured) and {@code drn}, each with strict JSON types. Any
 * exception or error on the way is a rejection.
 *
 * <p>Accepted session JWTs are remembered by their exact text, so a repeated request costs a table lookup and a
 * string comparison instead of an RSA verification.
 */
public final class SessionValidator implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(SessionValidator.class.getName());

    private final Set<String> issuers;
    private final Set<JWSAlgorithm> allowedAlgorithms;
    private final String audience;
    private final long leewayMillis;
    private final int maxTokenLength;
    private final Clock clock;
    private final KeySetCache keys;
    private final VerifiedTokenCache verified;

    private SessionValidator(SessionValidatorConfig config, KeySetCache keys) {
        this.issuers = Set.copyOf(config.acceptedIssuers());
        this.allowedAlgorithms = config.allowedAlgorithms();
        this.audience = config.audience();
        this.leewayMillis = config.leeway().toMillis();
        this.maxTokenLength = config.maxTokenLength();
        this.clock = config.clock();
        this.keys = keys;
        this.verified = config.verifiedTokenCacheSize() > 0 ? new VerifiedTokenCache(config.verifiedTokenCacheSize()) : null;
    }

    /**
     * A validator whose keys come from {@code source}, typically {@code descopeClient::fetchKeySetJson}. Keys are
     * fetched on first use, so construction never blocks or fails on Descope's availability.
     */
    public static SessionValidator create(SessionValidatorConfig config, KeySetSource source) {
        return create(config, source, null);
    }

    /**
     * A validator that reports its key set fetches, failures and rotations ({@link DescopeEvent.KeysFetched},
     * {@link DescopeEvent.KeysFetchFailed}, {@link DescopeEvent.KeysRotated}) to {@code listener}.
     *
     * @param listener may be {@code null} for none
     */
    public static SessionValidator create(SessionValidatorConfig config, KeySetSource source,
                                          DescopeEventListener listener) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(source, "source");
        return new SessionValidator(config, new KeySetCache(source, config, EventDispatcher.of(listener)));
    }

    /**
     * Whether a usable key set is held. When none is (before the first fetch, or past the outage tolerance), a
     * fetch is started (one at a time, within the cooldown) and awaited at most {@code keyFetchWait}. For readiness
     * checks; a request never needs it.
     */
    public boolean keysReady() {
        return keys.ensureUsableKeys();
    }

    /** The clock tokens are checked against; a {@link SessionRefresher} measures its grace period on it too. */
    Clock clock() {
        return clock;
    }

    /**
     * Stops the validator's own key fetch thread (none runs when {@link SessionValidatorConfig#keyFetchExecutor()}
     * was given). Afterwards tokens are still checked against the keys already held, but keys are never fetched
     * again. Idempotent.
     */
    @Override
    public void close() {
        keys.close();
    }

    /** Validates a session JWT ({@code drn} = {@code DS}); a refresh JWT is refused. */
    public ValidationResult validateSession(String sessionJwt) {
        try {
            if (verified == null || sessionJwt == null) {
                return verifyOrThrow(sessionJwt, TokenKind.SESSION).result;
            }
            VerifiedTokenCache.Entry hit = verified.get(sessionJwt, clock.millis(), keys);
            if (hit != null) {
                return hit.result();
            }
            Verified outcome = verifyOrThrow(sessionJwt, TokenKind.SESSION);
            if (outcome.result.isValid()) {
                long validUntil = expiryDeadline(outcome.result.session().orElseThrow().expiresAt());
                verified.put(new VerifiedTokenCache.Entry(sessionJwt, outcome.result, outcome.key, validUntil),
                        clock.millis());
            }
            return outcome.result;
        } catch (Throwable t) {
            return refusal(t);
        }
    }

    /** Validates a refresh JWT ({@code drn} = {@code DSR}); a session JWT is refused. Never cached. */
    public ValidationResult validateRefresh(String refreshJwt) {
        try {
            return verifyOrThrow(refreshJwt, TokenKind.REFRESH).result;
        } catch (Throwable t) {
            return refusal(t);
        }
    }

    /** Whatever nimbus, the JCA provider, the clock or the key source throws (errors included) refuses the token. */
    private static ValidationResult refusal(Throwable t) {
        if (t instanceof ParseException || t instanceof StackOverflowError) {
            return ValidationResult.rejected(Rejection.MALFORMED);
        }
        if (t instanceof MalformedClaimException) {
            return ValidationResult.rejected(Rejection.MALFORMED_CLAIMS);
        }
        // The message may quote the input, so only the type is logged.
        LOG.log(Level.WARNING, "Token refused after an unexpected {0}", t.getClass().getName());
        return ValidationResult.rejected(Rejection.INTERNAL_ERROR);
    }

    /** A result and, when accepted, the key that verified it. */
    private record Verified(ValidationResult result, VerificationKey key) {
    }

    /** {@link #check}, recorded as a JFR event when a recording asks for it (the cold path only). */
    private Verified verifyOrThrow(String token, TokenKind kind) throws Exception {
        JfrTokenValidation recording = new JfrTokenValidation();
        recording.begin();
        Verified outcome = check(token, kind);
        recording.end();
        if (recording.shouldCommit()) {
            recording.tokenKind = kind.name();
            recording.valid = outcome.result.isValid();
            recording.rejection = outcome.result.rejection().map(Enum::name).orElse(null);
            recording.commit();
        }
        return outcome;
    }

    private Verified check(String token, TokenKind kind) throws Exception {
        if (token == null || token.isEmpty()) {
            return rejected(Rejection.MISSING);
        }
        if (token.length() > maxTokenLength) {
            return rejected(Rejection.TOO_LONG);
        }
        CompactJws jws = CompactJws.parse(token);
        JWSHeader header = jws.header();
        JWSAlgorithm algorithm = header.getAlgorithm();
        if (!allowedAlgorithms.contains(algorithm)) {
            return rejected(Rejection.ALGORITHM_NOT_ALLOWED);
        }
        if (header.getCriticalParams() != null || !header.isBase64URLEncodePayload()) {
            return rejected(Rejection.UNSUPPORTED_HEADER);
        }
        String kid = header.getKeyID();
        if (kid == null || kid.isBlank() || kid.length() > VerificationKey.MAX_KID_LENGTH) {
            return rejected(Rejection.MISSING_KEY_ID);
        }
        VerificationKey key = keys.find(kid);
        if (key == null) {
            return rejected(keys.hasUsableKeys() ? Rejection.UNKNOWN_KEY_ID : Rejection.KEYS_UNAVAILABLE);
        }
        if (!key.permits(algorithm)) {
            return rejected(Rejection.ALGORITHM_NOT_ALLOWED);
        }
        if (!key.verify(algorithm, jws.signingInput(), jws.signature())) {
            return rejected(Rejection.BAD_SIGNATURE);
        }
        // Only now, with the signature verified, is the payload decoded and read.
        Map<String, Object> payload;
        try {
            payload = jws.payload();
        } catch (ParseException e) {
            return rejected(Rejection.MALFORMED_CLAIMS);
        }
        Claims claims = new Claims(payload);
        Rejection rejection = checkClaims(claims, kind);
        if (rejection != null) {
            return rejected(rejection);
        }
        return new Verified(ValidationResult.accepted(DescopeSession.from(claims, kind)), key);
    }

    /** The registered-claim rules; {@code null} when all pass. */
    private Rejection checkClaims(Claims claims, TokenKind kind) throws MalformedClaimException {
        if (!isOurIssuer(claims.string("iss"))) {
            return Rejection.WRONG_ISSUER;
        }
        long now = clock.millis();
        Instant expiresAt = claims.epochSecond("exp");
        if (expiresAt == null) {
            return Rejection.MISSING_EXPIRY;
        }
        if (now >= expiryDeadline(expiresAt)) {
            return Rejection.EXPIRED;
        }
        if (isInFuture(claims.epochSecond("nbf"), now) || isInFuture(claims.epochSecond("iat"), now)) {
            return Rejection.NOT_YET_VALID;
        }
        if (audience != null && !claims.audience().contains(audience)) {
            return Rejection.WRONG_AUDIENCE;
        }
        if (!kind.drn().equals(claims.string("drn"))) {
            return Rejection.WRONG_TOKEN_KIND;
        }
        return null;
    }

    /** Exactly one of {@link SessionValidatorConfig#acceptedIssuers()}: no prefix, suffix or case games. */
    private boolean isOurIssuer(String issuer) {
        return issuer != null && issuers.contains(issuer);
    }

    /** The first instant (epoch millis) at which a token expiring at {@code exp} is refused. */
    private long expiryDeadline(Instant exp) {
        return exp.toEpochMilli() + leewayMillis;
    }

    private boolean isInFuture(Instant instant, long now) {
        return instant != null && instant.toEpochMilli() > now + leewayMillis;
    }

    private static Verified rejected(Rejection rejection) {
        return new Verified(ValidationResult.rejected(rejection), null);
    }
}
