package io.descopefilter.core;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import io.descopefilter.testsupport.TestClock;

import static io.descopefilter.core.TestKeys.OTHER;
import static io.descopefilter.core.TestKeys.SIGNING;
import static io.descopefilter.core.TestTokens.PROJECT_ID;
import static org.assertj.core.api.Assertions.assertThat;

/** The verified-token cache: hits skip verification, and it never widens what is accepted (RL-10 for its bound). */
class VerifiedTokenCacheTest {

    private final TestClock clock = TestClock.startingNow();
    private final CountingKeySource keySource = new CountingKeySource(TestKeys.jwks(SIGNING, OTHER));

    private SessionValidator validator(int cacheSize) {
        return SessionValidator.create(SessionValidatorConfig.builder(PROJECT_ID).clock(clock)
                .keyFetchExecutor(Runnable::run).verifiedTokenCacheSize(cacheSize).build(), keySource);
    }

    private String token(long lifetimeSeconds) {
        Instant now = clock.instant();
        return TestTokens.session(SIGNING, now).claim("exp", now.plusSeconds(lifetimeSeconds).getEpochSecond())
                .signedWith(SIGNING);
    }

    @Test
    void aRepeatedTokenIsAnsweredFromTheCacheWithoutVerifyingAgain() {
        SessionValidator cached = validator(100);
        SessionValidator uncached = validator(0);
        String token = token(600);

        // A full validation builds a new session; a cache hit hands back the one it stored.
        assertThat(cached.validateSession(token).session().orElseThrow())
                .isSameAs(cached.validateSession(token).session().orElseThrow());
        assertThat(uncached.validateSession(token).session().orElseThrow())
                .isNotSameAs(uncached.validateSession(token).session().orElseThrow());
        // Identical text only: a copy of the string hits, a refresh JWT of the same user does not.
        assertThat(cached.validateSession(new String(token.toCharArray())).session().orElseThrow())
                .isSameAs(cached.validateSession(token).session().orElseThrow());
    }

    @Test
    void refusedTokensAreNeverCachedAsAccepted() {
        SessionValidator validator = validator(100);
        String expired = TestTokens.session(SIGNING, clock.instant().minusSeconds(3600)).signedWith(SIGNING);
        String forged = TestTokens.session(SIGNING, clock.instant()).signedWith(OTHER);
        String refresh = TestTokens.refresh(SIGNING, clock.instant()).signedWith(SIGNING);

        for (int i = 0; i < 3; i++) {
            assertThat(validator.validateSession(expired).rejection()).contains(Rejection.EXPIRED);
            assertThat(validator.validateSession(forged).rejection()).contains(Rejection.BAD_SIGNATURE);
            assertThat(validator.validateSession(refresh).rejection()).contains(Rejection.WRONG_TOKEN_KIND);
        }
        // A refresh JWT validated as such is not put in the session cache either.
        assertThat(validator.validateRefresh(refresh).isValid()).isTrue();
        assertThat(validator.validateSession(refresh).rejection()).contains(Rejection.WRONG_TOKEN_KIND);
    }

    @Test
    void cachedEntriesDieAtExpPlusTheLeewayLikeAFullValidation() {
        SessionValidator validator = validator(100);
        String token = token(10);
        DescopeSession first = validator.validateSession(token).session().orElseThrow();

        clock.advance(Duration.ofMillis(14_999));
        assertThat(validator.validateSession(token).session()).containsSame(first);
        clock.advance(Duration.ofMillis(1));
        assertThat(validator.validateSession(token).rejection()).contains(Rejection.EXPIRED);
    }

    @Test
    void aKeyRemovedFromTheKeySetTakesItsCachedTokensWithIt() {
        SessionValidator validator = validator(100);
        String token = token(3600);
        assertThat(validator.validateSession(token).isValid()).isTrue();

        keySource.serve(TestKeys.jwks(OTHER));
        clock.advance(Duration.ofMinutes(5)); // key set TTL: the refetch drops SIGNING

        assertThat(validator.validateSession(token).rejection()).contains(Rejection.UNKNOWN_KEY_ID);
    }

    @Test
    void unchangedKeysKeepTheirCachedTokensAcrossARefetch() {
        SessionValidator validator = validator(100);
        String token = token(3600);
        DescopeSession first = validator.validateSession(token).session().orElseThrow();

        clock.advance(Duration.ofMinutes(5));
        assertThat(validator.validateSession(token).session()).containsSame(first);
        assertThat(keySource.fetches()).isEqualTo(2);
    }

    @Test
    void aFullCacheEvictsTheEntryExpiringFirst() {
        SessionValidator validator = validator(2); // one set of two slots: every token competes for it
        String first = token(600);
        DescopeSession firstSession = validator.validateSession(first).session().orElseThrow();
        for (int i = 0; i < 3; i++) {
            clock.advance(Duration.ofSeconds(1)); // each later token expires later
            assertThat(validator.validateSession(token(600)).isValid()).isTrue();
        }
        // The first token was evicted: validating it again builds a new session.
        assertThat(validator.validateSession(first).session().orElseThrow()).isNotSameAs(firstSession);
    }
}
