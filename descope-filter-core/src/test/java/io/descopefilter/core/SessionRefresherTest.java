package io.descopefilter.core;

import io.descopefilter.emulator.DescopeEmulator;
import io.descopefilter.emulator.EmulatorTokens;
import io.descopefilter.emulator.EmulatorUser;
import io.descopefilter.emulator.Fault;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import io.descopefilter.testsupport.TestClock;
import io.descopefilter.testsupport.Emulators;

import static io.descopefilter.core.TestTokens.PROJECT_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Refresh against the emulator: SE-05, SE-10, RL-08, rotation, revocation. Emulator and validator share a clock. */
class SessionRefresherTest {

    private static final String REFRESH_PATH = "/v1/auth/refresh";
    private static final String ADA = "ada@example.com";

    private final TestClock clock = TestClock.startingNow();
    private final DescopeEmulator emu = start(false);
    private final DescopeClient client = clientFor(emu);
    private final SessionValidator validator = validatorFor(client);
    private final SessionRefresher refresher = new SessionRefresher(client, validator, Duration.ofSeconds(5));

    private DescopeEmulator start(boolean rotation) {
        return Emulators.start(builder -> builder.clock(clock).sessionTtl(Duration.ofMinutes(10))
                .refreshTokenRotation(rotation)
                .seedUser(EmulatorUser.builder(ADA).email(ADA).name("Ada").roles("editor").build()));
    }

    private static DescopeClient clientFor(DescopeEmulator emulator) {
        return DescopeClient.create(DescopeClientConfig.builder().projectId(PROJECT_ID).baseUrl(emulator.baseUrl())
                .retryBudget(Duration.ZERO).build());
    }

    private SessionValidator validatorFor(DescopeClient descope) {
        return SessionValidator.create(SessionValidatorConfig.builder(PROJECT_ID).clock(clock)
                .keyFetchExecutor(Runnable::run).build(), descope::fetchKeySetJson);
    }

    @AfterEach
    void stop() {
        client.close();
        emu.close();
    }

    @Test
    void refreshReturnsAValidatedNewSessionAndKeepsTheRefreshJwtWhenNotRotated() {
        EmulatorTokens tokens = emu.issueSession(ADA);
        clock.advance(Duration.ofSeconds(5));

        RefreshedSession refreshed = refresher.refresh(tokens.refreshJwt()).refreshed().orElseThrow();

        assertThat(refreshed.sessionJwt()).isNotEqualTo(tokens.sessionJwt());
        assertThat(validator.validateSession(refreshed.sessionJwt()).isValid()).isTrue();
        assertThat(refreshed.session().kind()).isEqualTo(TokenKind.SESSION);
        assertThat(refreshed.session().roles()).contains("editor");
        assertThat(refreshed.refreshJwt()).isEqualTo(tokens.refreshJwt());
        assertThat(refreshed.refreshJwtRotated()).isFalse();
        assertThat(refreshed.cookiePath()).isEqualTo("/");
        assertThat(refreshed.cookieMaxAge()).isPositive();
        assertThat(refreshed.toString()).doesNotContain(refreshed.sessionJwt()).doesNotContain(tokens.refreshJwt());
        assertThat(emu.requestCount(REFRESH_PATH)).isEqualTo(1);
    }

    @Test
    void aRotatedRefreshJwtReplacesTheOldOne() {
        try (DescopeEmulator rotating = start(true); DescopeClient rotatingClient = clientFor(rotating)) {
            SessionValidator rotatingValidator = validatorFor(rotatingClient);
            SessionRefresher rotatingRefresher = new SessionRefresher(rotatingClient, rotatingValidator, Duration.ofSeconds(5));
            EmulatorTokens tokens = rotating.issueSession(ADA);

            RefreshedSession refreshed = rotatingRefresher.refresh(tokens.refreshJwt()).refreshed().orElseThrow();

            assertThat(refreshed.refreshJwtRotated()).isTrue();
            assertThat(refreshed.refreshJwt()).isNotEqualTo(tokens.refreshJwt());
            assertThat(rotatingValidator.validateRefresh(refreshed.refreshJwt()).isValid()).isTrue();
            assertThat(rotatingRefresher.refresh(refreshed.refreshJwt()).isSuccess()).as("the new one works").isTrue();
        }
    }

    @Test
    void se10_concurrentRefreshesOfOneRefreshJwtMakeOneDescopeCall() throws Exception {
        EmulatorTokens tokens = emu.issueSession(ADA);
        // Descope answering slowly keeps the first call in flight while the other 49 arrive.
        emu.faults().set(REFRESH_PATH, Fault.latency(Duration.ofSeconds(2)));
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(50);
        List<Future<RefreshResult>> results = new ArrayList<>();
        try {
            for (int i = 0; i < 50; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return refresher.refresh(tokens.refreshJwt());
                }));
            }
            start.countDown();
            String sessionJwt = null;
            for (Future<RefreshResult> result : results) {
                RefreshedSession refreshed = result.get().refreshed().orElseThrow();
                sessionJwt = sessionJwt == null ? refreshed.sessionJwt() : sessionJwt;
                assertThat(refreshed.sessionJwt()).as("everyone got the one answer").isEqualTo(sessionJwt);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(emu.requestCount(REFRESH_PATH)).isEqualTo(1);
    }

    @Test
    void se10_waitersGiveUpAfterTheWaitLimit() throws Exception {
        SessionRefresher impatient = new SessionRefresher(client, validator, Duration.ofMillis(100));
        EmulatorTokens tokens = emu.issueSession(ADA);
        emu.faults().set(REFRESH_PATH, Fault.latency(Duration.ofSeconds(2)));

        CompletableFuture<RefreshResult> first = CompletableFuture.supplyAsync(() -> impatient.refresh(tokens.refreshJwt()));
        while (emu.requestCount(REFRESH_PATH) == 0 && !first.isDone()) {
            Thread.onSpinWait();
        }
        assertThat(impatient.refresh(tokens.refreshJwt()).failure()).contains(RefreshResult.Failure.WAIT_TIMED_OUT);
        assertThat(first.get().isSuccess()).isTrue();
        assertThat(emu.requestCount(REFRESH_PATH)).isEqualTo(1);
    }

    @Test
    void se10_aLateRefreshWithTheRotatedAwayTokenGetsTheSameResultWithoutASecondCall() {
        try (DescopeEmulator rotating = start(true); DescopeClient rotatingClient = clientFor(rotating)) {
            SessionRefresher rotatingRefresher = new SessionRefresher(rotatingClient, validatorFor(rotatingClient),
                    Duration.ofSeconds(5));
            EmulatorTokens tokens = rotating.issueSession(ADA);

            RefreshedSession first = rotatingRefresher.refresh(tokens.refreshJwt()).refreshed().orElseThrow();
            // A request of the same page that left before the rotated cookie came back still carries the old token.
            RefreshedSession late = rotatingRefresher.refresh(tokens.refreshJwt()).refreshed().orElseThrow();

            assertThat(late.refreshJwt()).isEqualTo(first.refreshJwt());
            assertThat(late.sessionJwt()).isEqualTo(first.sessionJwt());
            assertThat(rotating.requestCount(REFRESH_PATH)).isEqualTo(1);
        }
    }

    @Test
    void forgottenResultsAreNotHandedOutAfterLogout() {
        try (DescopeEmulator rotating = start(true); DescopeClient rotatingClient = clientFor(rotating)) {
            SessionRefresher rotatingRefresher = new SessionRefresher(rotatingClient, validatorFor(rotatingClient),
                    Duration.ofSeconds(5));
            EmulatorTokens tokens = rotating.issueSession(ADA);
            RefreshedSession refreshed = rotatingRefresher.refresh(tokens.refreshJwt()).refreshed().orElseThrow();

            rotatingClient.logout(refreshed.refreshJwt());
            rotatingRefresher.forget(refreshed.refreshJwt());

            assertThat(rotatingRefresher.refresh(tokens.refreshJwt()).failure())
                    .as("the old token was rotated away, so Descope refuses it")
                    .contains(RefreshResult.Failure.REJECTED_BY_DESCOPE);
            assertThat(rotating.requestCount(REFRESH_PATH)).isEqualTo(2);
        }
    }

    /**
     * SE-06 with rotation: a page's refresh rotated R1 into R2, and its logout, sent before the new cookie came back,
     * carries R1. Descope refuses to log out R1 (rotated away) and that leaves R2 alive; {@code forget} names R2, once,
     * so the logout revokes it too.
     */
    @Test
    void se06_aLogoutWithTheRotatedAwayRefreshJwtNamesTheOneItWasRotatedIntoForRevocation() {
        try (DescopeEmulator rotating = start(true); DescopeClient rotatingClient = clientFor(rotating)) {
            SessionRefresher rotatingRefresher = new SessionRefresher(rotatingClient, validatorFor(rotatingClient),
                    Duration.ofSeconds(5));
            EmulatorTokens tokens = rotating.issueSession(ADA);
            RefreshedSession refreshed = rotatingRefresher.refresh(tokens.refreshJwt()).refreshed().orElseThrow();
            assertThatThrownBy(() -> rotatingClient.logout(tokens.refreshJwt()))
                    .as("Descope no longer knows R1").isInstanceOf(DescopeException.class);
            assertThat(rotating.liveRefreshTokens(ADA)).as("R2 lives on").isEqualTo(1);

            List<String> rotated = rotatingRefresher.forget(tokens.refreshJwt());

            assertThat(rotated).containsExactly(refreshed.refreshJwt());
            rotated.forEach(rotatingClient::logout);
            assertThat(rotating.liveRefreshTokens(ADA)).isZero();
            assertThatThrownBy(() -> rotatingClient.refresh(refreshed.refreshJwt()))
                    .as("Descope refuses R2").isInstanceOf(DescopeException.class);
            assertThat(rotatingRefresher.forget(tokens.refreshJwt())).as("named once").isEmpty();
            assertThat(rotatingRefresher.refresh(tokens.refreshJwt()).failure())
                    .contains(RefreshResult.Failure.REJECTED_BY_DESCOPE);
        }
    }

    /**
     * SE-06 with rotation, the refresh still at Descope when the logout comes: its result arrives after
     * {@code forget}. It is handed to none of its callers, and the refresh JWT it brought is revoked at Descope.
     */
    @Test
    void se06_aRefreshAnsweredAfterTheLogoutOfItsRefreshJwtHandsNothingOutAndRevokesWhatItGot() throws Exception {
        try (DescopeEmulator rotating = start(true); DescopeClient rotatingClient = clientFor(rotating)) {
            SessionRefresher rotatingRefresher = new SessionRefresher(rotatingClient, validatorFor(rotatingClient),
                    Duration.ofSeconds(5));
            EmulatorTokens tokens = rotating.issueSession(ADA);
            rotating.faults().set(REFRESH_PATH, Fault.latency(Duration.ofMillis(800)));
            CompletableFuture<RefreshResult> running = CompletableFuture.supplyAsync(
                    () -> rotatingRefresher.refresh(tokens.refreshJwt()));
            while (rotating.requestCount(REFRESH_PATH) == 0) {
                Thread.sleep(5);
            }
            CompletableFuture<RefreshResult> waiting = CompletableFuture.supplyAsync(
                    () -> rotatingRefresher.refresh(tokens.refreshJwt()));

            assertThat(rotatingRefresher.forget(tokens.refreshJwt())).as("nothing known yet").isEmpty();

            assertThat(running.get().failure()).contains(RefreshResult.Failure.REJECTED_BY_DESCOPE);
            assertThat(waiting.get().failure()).as("nor to a caller waiting for it")
                    .contains(RefreshResult.Failure.REJECTED_BY_DESCOPE);
            assertThat(rotating.liveRefreshTokens(ADA)).as("R1 rotated away, R2 revoked").isZero();
            rotating.faults().clear();
            assertThat(rotatingRefresher.refresh(tokens.refreshJwt()).failure())
                    .contains(RefreshResult.Failure.REJECTED_BY_DESCOPE);
            assertThat(rotating.requestCount(REFRESH_PATH)).as("nothing was kept for R1").isEqualTo(1);
        }
    }

    @Test
    void withoutGraceEveryRefreshAsksDescope() {
        SessionRefresher noGrace = new SessionRefresher(client, validator, Duration.ofSeconds(5), Duration.ZERO);
        EmulatorTokens tokens = emu.issueSession(ADA);

        assertThat(noGrace.refresh(tokens.refreshJwt()).isSuccess()).isTrue();
        assertThat(noGrace.refresh(tokens.refreshJwt()).isSuccess()).isTrue();
        assertThat(emu.requestCount(REFRESH_PATH)).isEqualTo(2);
    }

    @Test
    void aRevokedRefreshJwtIsRejectedByDescope() {
        EmulatorTokens tokens = emu.issueSession(ADA);
        client.logout(tokens.refreshJwt());

        assertThat(refresher.refresh(tokens.refreshJwt()).failure()).contains(RefreshResult.Failure.REJECTED_BY_DESCOPE);
    }

    @Test
    void se05_aRefreshJwtIsNeverASessionAndASessionJwtNeverRefreshes() {
        EmulatorTokens tokens = emu.issueSession(ADA);

        assertThat(validator.validateSession(tokens.refreshJwt()).rejection()).contains(Rejection.WRONG_TOKEN_KIND);
        assertThat(validator.validateRefresh(tokens.sessionJwt()).rejection()).contains(Rejection.WRONG_TOKEN_KIND);
        assertThat(refresher.refresh(tokens.sessionJwt()).failure()).contains(RefreshResult.Failure.REFRESH_TOKEN_INVALID);
        assertThat(emu.requestCount(REFRESH_PATH)).as("refused locally, Descope never asked").isZero();
    }

    @Test
    void aForgedOrExpiredRefreshJwtNeverReachesDescope() {
        EmulatorTokens tokens = emu.issueSession(ADA);
        String forged = TestTokens.refresh(emu.signingKey(), clock.instant()).signedWith(TestKeys.ATTACKER);

        assertThat(refresher.refresh(forged).failure()).contains(RefreshResult.Failure.REFRESH_TOKEN_INVALID);
        assertThat(refresher.refresh(null).failure()).contains(RefreshResult.Failure.REFRESH_TOKEN_INVALID);
        clock.advance(Duration.ofDays(31)); // past the emulator's 30-day refresh TTL
        assertThat(refresher.refresh(tokens.refreshJwt()).failure()).contains(RefreshResult.Failure.REFRESH_TOKEN_INVALID);
        assertThat(emu.requestCount(REFRESH_PATH)).isZero();
    }

    @Test
    void rl08_refreshDownFailsClosedForExpiredSessionsWhileValidSessionsAreStillServed() {
        EmulatorTokens tokens = emu.issueSession(ADA);
        emu.faults().set(REFRESH_PATH, Fault.status(503, null));

        assertThat(refresher.refresh(tokens.refreshJwt()).failure()).contains(RefreshResult.Failure.DESCOPE_UNAVAILABLE);
        assertThat(validator.validateSession(tokens.sessionJwt()).isValid()).as("valid: served").isTrue();

        clock.advance(Duration.ofMinutes(11)); // past the 10-minute session TTL
        assertThat(validator.validateSession(tokens.sessionJwt()).rejection()).contains(Rejection.EXPIRED);
        assertThat(refresher.refresh(tokens.refreshJwt()).isSuccess()).as("expired and no refresh: login").isFalse();

        emu.faults().set(REFRESH_PATH, Fault.malformedBody());
        assertThat(refresher.refresh(tokens.refreshJwt()).failure()).contains(RefreshResult.Failure.DESCOPE_UNAVAILABLE);
    }

    @Test
    void aNewSessionJwtThatFailsValidationIsRefused() {
        EmulatorTokens tokens = emu.issueSession(ADA);
        assertThat(validator.validateSession(tokens.sessionJwt()).isValid()).isTrue(); // key set fetched just now
        emu.rotateKeys(); // Descope signs with a key we cannot fetch inside the cooldown

        assertThat(refresher.refresh(tokens.refreshJwt()).failure()).contains(RefreshResult.Failure.NEW_SESSION_INVALID);
    }

    @Test
    void theGracePeriodRunsOnTheValidatorsClock() {
        EmulatorTokens tokens = emu.issueSession(ADA);

        assertThat(refresher.refresh(tokens.refreshJwt()).isSuccess()).isTrue();
        clock.advance(Duration.ofSeconds(9));
        assertThat(refresher.refresh(tokens.refreshJwt()).isSuccess()).isTrue();
        assertThat(emu.requestCount(REFRESH_PATH)).as("inside the 10 s grace").isEqualTo(1);

        clock.advance(Duration.ofSeconds(2));
        assertThat(refresher.refresh(tokens.refreshJwt()).isSuccess()).isTrue();
        assertThat(emu.requestCount(REFRESH_PATH)).as("past the grace, on test time alone").isEqualTo(2);
    }

    @Test
    void theGracePeriodRunsOnAnExplicitClock() {
        TestClock graceClock = TestClock.startingNow();
        SessionRefresher onItsOwnClock = new SessionRefresher(client, validator, Duration.ofSeconds(5),
                Duration.ofSeconds(10), graceClock);
        EmulatorTokens tokens = emu.issueSession(ADA);

        assertThat(onItsOwnClock.refresh(tokens.refreshJwt()).isSuccess()).isTrue();
        clock.advance(Duration.ofMinutes(1)); // the validator's clock: does not end the grace
        assertThat(onItsOwnClock.refresh(tokens.refreshJwt()).isSuccess()).isTrue();
        assertThat(emu.requestCount(REFRESH_PATH)).isEqualTo(1);

        graceClock.advance(Duration.ofSeconds(10));
        assertThat(onItsOwnClock.refresh(tokens.refreshJwt()).isSuccess()).isTrue();
        assertThat(emu.requestCount(REFRESH_PATH)).isEqualTo(2);
    }

    @Test
    void aCodeless401IsDescopeUnavailableAndNotARejectionOfTheRefreshJwt() throws Exception {
        // A 401 without a Descope error code comes from something in front of Descope, not from Descope judging
        // this refresh JWT: the user keeps the session's refresh JWT (DescopeException.isUnavailable()).
        CountingKeySource keys = new CountingKeySource(TestKeys.jwks(TestKeys.SIGNING));
        SessionValidator local = SessionValidator.create(SessionValidatorConfig.builder(PROJECT_ID).clock(clock)
                .keyFetchExecutor(Runnable::run).build(), keys);
        String refreshJwt = TestTokens.refresh(TestKeys.SIGNING, clock.instant()).signedWith(TestKeys.SIGNING);
        try (RawHttpServer gateway = RawHttpServer.start(RawHttpServer.status(401, "", "{\"message\":\"no\"}"));
             DescopeClient behindGateway = DescopeClient.create(DescopeClientConfig.builder().projectId(PROJECT_ID)
                     .baseUrl(gateway.baseUrl()).retryBudget(Duration.ZERO).build())) {
            SessionRefresher gated = new SessionRefresher(behindGateway, local, Duration.ofSeconds(5));

            assertThat(gated.refresh(refreshJwt).failure()).contains(RefreshResult.Failure.DESCOPE_UNAVAILABLE);
        }
        try (RawHttpServer descope = RawHttpServer.start(RawHttpServer.status(401, "",
                "{\"errorCode\":\"E061004\",\"errorDescription\":\"Invalid refresh token\"}"));
             DescopeClient refusing = DescopeClient.create(DescopeClientConfig.builder().projectId(PROJECT_ID)
                     .baseUrl(descope.baseUrl()).retryBudget(Duration.ZERO).build())) {
            SessionRefresher judged = new SessionRefresher(refusing, local, Duration.ofSeconds(5));

            assertThat(judged.refresh(refreshJwt).failure()).contains(RefreshResult.Failure.REJECTED_BY_DESCOPE);
        }
    }

    @Test
    void rl_aRefusedRefreshJwtNeverReachesDescopeAgainUntilItExpires() {
        EmulatorTokens tokens = emu.issueSession(ADA);
        client.logout(tokens.refreshJwt());

        for (int i = 0; i < 50; i++) {
            assertThat(refresher.refresh(tokens.refreshJwt()).failure())
                    .contains(RefreshResult.Failure.REJECTED_BY_DESCOPE);
        }

        assertThat(emu.requestCount(REFRESH_PATH)).isEqualTo(1);
        assertThat(refresher.refusedCount()).isEqualTo(1);
    }

    @Test
    void rl_waitersBeyondTheCapAreAnsweredAtOnce() throws Exception {
        EmulatorTokens tokens = emu.issueSession(ADA);
        emu.faults().set(REFRESH_PATH, io.descopefilter.emulator.Fault.latency(Duration.ofMillis(1500)).times(1));
        SessionRefresher capped = new SessionRefresher(client, validator, Duration.ofSeconds(5), Duration.ZERO,
                clock, 1);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            java.util.List<java.util.concurrent.Future<RefreshResult>> results = new java.util.ArrayList<>();
            results.add(pool.submit(() -> capped.refresh(tokens.refreshJwt())));
            Thread.sleep(300);
            long start = System.nanoTime();
            for (int i = 0; i < 3; i++) {
                results.add(pool.submit(() -> capped.refresh(tokens.refreshJwt())));
            }
            long timedOut = 0;
            for (java.util.concurrent.Future<RefreshResult> r : results) {
                if (r.get().failure().filter(f -> f == RefreshResult.Failure.WAIT_TIMED_OUT).isPresent()) {
                    timedOut++;
                }
            }
            assertThat(timedOut).as("one waiter allowed, two answered at once").isEqualTo(2);
            assertThat(emu.requestCount(REFRESH_PATH)).isEqualTo(1);
            assertThat(System.nanoTime() - start).isLessThan(Duration.ofSeconds(3).toNanos());
        } finally {
            pool.shutdownNow();
        }
    }
}
