package io.descopefilter.core;

import io.descopefilter.core.internal.store.GuardedStore;
import io.descopefilter.core.internal.store.MemoryStore;
import io.descopefilter.core.store.SharedStore;
import io.descopefilter.emulator.DescopeEmulator;
import io.descopefilter.emulator.EmulatorTokens;
import io.descopefilter.emulator.EmulatorUser;
import io.descopefilter.emulator.Fault;
import io.descopefilter.testsupport.Emulators;
import io.descopefilter.testsupport.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.descopefilter.core.TestTokens.PROJECT_ID;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Refresh coordination across nodes: two refreshers (two nodes, each with its own client and validator) share one
 * store, against the emulator with refresh-token rotation on.
 */
class SharedRefreshTest {

    private static final String REFRESH_PATH = "/v1/auth/refresh";
    private static final String ADA = "ada@example.com";

    private final TestClock clock = TestClock.startingNow();
    private final DescopeEmulator emu = Emulators.start(builder -> builder.clock(clock)
            .sessionTtl(Duration.ofMinutes(10)).refreshTokenRotation(true)
            .seedUser(EmulatorUser.builder(ADA).email(ADA).name("Ada").build()));
    private final MemoryStore memory = new MemoryStore(clock);
    private final FaultyStore faulty = new FaultyStore(memory, Duration.ofMillis(300));
    private final List<DescopeClient> clients = new ArrayList<>();

    @AfterEach
    void stop() {
        clients.forEach(DescopeClient::close);
        emu.close();
    }

    private SessionRefresher node(SharedStore store) {
        DescopeClient client = DescopeClient.create(DescopeClientConfig.builder().projectId(PROJECT_ID)
                .baseUrl(emu.baseUrl()).retryBudget(Duration.ZERO).build());
        clients.add(client);
        SessionValidator validator = SessionValidator.create(SessionValidatorConfig.builder(PROJECT_ID).clock(clock)
                .keyFetchExecutor(Runnable::run).build(), client::fetchKeySetJson);
        return new SessionRefresher(client, validator, Duration.ofSeconds(5), SessionRefresher.DEFAULT_GRACE, clock,
                64, store);
    }

    @Test
    void concurrentRefreshesOfOneSessionOnTwoNodesMakeOneDescopeCallAndSignNobodyOut() throws Exception {
        SessionRefresher one = node(memory);
        SessionRefresher two = node(memory);
        EmulatorTokens tokens = emu.issueSession(ADA);
        emu.faults().set(REFRESH_PATH, Fault.latency(Duration.ofMillis(800)));
        ExecutorService pool = Executors.newFixedThreadPool(40);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<RefreshResult>> results = new ArrayList<>();
        try {
            for (int i = 0; i < 40; i++) {
                SessionRefresher node = i % 2 == 0 ? one : two;
                results.add(pool.submit(() -> {
                    go.await();
                    return node.refresh(tokens.refreshJwt());
                }));
            }
            go.countDown();
            Set<String> refreshJwts = new HashSet<>();
            for (Future<RefreshResult> result : results) {
                RefreshedSession refreshed = result.get().refreshed().orElseThrow();
                assertThat(refreshed.refreshJwtRotated()).isTrue();
                refreshJwts.add(refreshed.refreshJwt());
            }
            assertThat(refreshJwts).as("every request of both nodes got the one rotated token").hasSize(1);
            assertThat(emu.requestCount(REFRESH_PATH)).isEqualTo(1);
            emu.faults().clear();
            assertThat(two.refresh(refreshJwts.iterator().next()).isSuccess()).as("the rotated token works").isTrue();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aLateRequestOnAnotherNodeGetsTheRotatedResultWithoutASecondCall() {
        SessionRefresher one = node(memory);
        SessionRefresher two = node(memory);
        EmulatorTokens tokens = emu.issueSession(ADA);

        RefreshedSession first = one.refresh(tokens.refreshJwt()).refreshed().orElseThrow();
        RefreshedSession late = two.refresh(tokens.refreshJwt()).refreshed().orElseThrow();

        assertThat(late.refreshJwt()).isEqualTo(first.refreshJwt());
        assertThat(late.sessionJwt()).isEqualTo(first.sessionJwt());
        assertThat(emu.requestCount(REFRESH_PATH)).isEqualTo(1);
    }

    @Test
    void theResultIsNotKeptBeyondTheGracePeriod() {
        SessionRefresher one = node(memory);
        SessionRefresher two = node(memory);
        EmulatorTokens tokens = emu.issueSession(ADA);
        one.refresh(tokens.refreshJwt()).refreshed().orElseThrow();

        clock.advance(SessionRefresher.DEFAULT_GRACE.plusSeconds(1));

        assertThat(two.refresh(tokens.refreshJwt()).failure()).as("rotated away, asked again, refused")
                .contains(RefreshResult.Failure.REJECTED_BY_DESCOPE);
        assertThat(emu.requestCount(REFRESH_PATH)).isEqualTo(2);
    }

    @Test
    void logoutOnOneNodeDropsTheResultForEveryNode() {
        SessionRefresher one = node(memory);
        SessionRefresher two = node(memory);
        EmulatorTokens tokens = emu.issueSession(ADA);
        RefreshedSession refreshed = two.refresh(tokens.refreshJwt()).refreshed().orElseThrow();

        clients.get(0).logout(refreshed.refreshJwt());
        one.forget(refreshed.refreshJwt());

        SessionRefresher three = node(memory);
        assertThat(three.refresh(tokens.refreshJwt()).failure()).as("the shared result is gone")
                .contains(RefreshResult.Failure.REJECTED_BY_DESCOPE);
    }

    /**
     * SE-06 with the grace period: both nodes keep their own copy of the result, one made it and the other read it
     * from the store. A logout on one ends the grace period on both: the old refresh JWT replayed on either gets no
     * session, and the node that never called Descope refuses it without calling.
     */
    @Test
    void se06_aLogoutOnOneNodeEndsTheGracePeriodOfEveryNodesOwnCopy() {
        SessionRefresher one = node(memory);
        SessionRefresher two = node(memory);
        EmulatorTokens tokens = emu.issueSession(ADA);
        RefreshedSession refreshed = one.refresh(tokens.refreshJwt()).refreshed().orElseThrow();
        assertThat(two.refresh(tokens.refreshJwt()).isSuccess()).as("node two keeps a copy too").isTrue();
        assertThat(two.refresh(tokens.refreshJwt()).isSuccess()).as("from its own copy").isTrue();
        assertThat(emu.requestCount(REFRESH_PATH)).isEqualTo(1);

        clients.get(0).logout(refreshed.refreshJwt());
        assertThat(one.forget(refreshed.refreshJwt())).as("the logged-out refresh JWT itself is not named again")
                .isEmpty();

        assertThat(two.refresh(tokens.refreshJwt()).failure()).as("the other node, within the grace period")
                .contains(RefreshResult.Failure.REJECTED_BY_DESCOPE);
        assertThat(emu.requestCount(REFRESH_PATH)).as("refused from the store's mark, Descope not asked")
                .isEqualTo(1);
        assertThat(one.refresh(tokens.refreshJwt()).failure()).as("the node that handled the logout")
                .contains(RefreshResult.Failure.REJECTED_BY_DESCOPE);
        assertThat(two.refresh(refreshed.refreshJwt()).failure()).as("the rotated token was revoked")
                .contains(RefreshResult.Failure.REJECTED_BY_DESCOPE);
    }

    /**
     * SE-06: a logout with the old refresh JWT on node one while node two's refresh of it is still at Descope. Node
     * two's result, answered after the logout, is handed out by no node, and the refresh JWT it got is revoked.
     */
    @Test
    void se06_aResultPublishedAfterTheLogoutIsNotHandedOutByAnyNode() throws Exception {
        SessionRefresher one = node(memory);
        SessionRefresher two = node(memory);
        SessionRefresher three = node(memory);
        EmulatorTokens tokens = emu.issueSession(ADA);
        emu.faults().set(REFRESH_PATH, Fault.latency(Duration.ofMillis(800)));
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<RefreshResult> running = pool.submit(() -> two.refresh(tokens.refreshJwt()));
            while (emu.requestCount(REFRESH_PATH) == 0) {
                Thread.sleep(5);
            }
            one.forget(tokens.refreshJwt());
            assertThat(running.get().failure()).as("the refresh that was running hands out nothing")
                    .contains(RefreshResult.Failure.REJECTED_BY_DESCOPE);
        } finally {
            pool.shutdownNow();
            emu.faults().clear();
        }
        assertThat(emu.liveRefreshTokens(ADA)).as("R1 rotated away, and the R2 it got revoked").isZero();

        assertThat(three.refresh(tokens.refreshJwt()).failure()).as("its published result is marked signed out")
                .contains(RefreshResult.Failure.REJECTED_BY_DESCOPE);
        assertThat(two.refresh(tokens.refreshJwt()).failure()).as("and so is the copy its node kept")
                .contains(RefreshResult.Failure.REJECTED_BY_DESCOPE);
        assertThat(emu.requestCount(REFRESH_PATH)).isEqualTo(1);
    }

    /**
     * SE-06 with rotation on two nodes: node one refreshed R1 into R2; the logout reaches node two still carrying
     * R1, which Descope no longer knows. Node two opens node one's result in the store (sealed under R1, which it
     * holds) and names R2, once, so the logout revokes it.
     */
    @Test
    void se06_aLogoutOnAnotherNodeWithTheRotatedAwayRefreshJwtNamesTheOneItWasRotatedInto() {
        SessionRefresher one = node(memory);
        SessionRefresher two = node(memory);
        EmulatorTokens tokens = emu.issueSession(ADA);
        RefreshedSession refreshed = one.refresh(tokens.refreshJwt()).refreshed().orElseThrow();

        List<String> rotated = two.forget(tokens.refreshJwt());

        assertThat(rotated).containsExactly(refreshed.refreshJwt());
        rotated.forEach(clients.get(1)::logout);
        assertThat(emu.liveRefreshTokens(ADA)).isZero();
        assertThat(one.refresh(refreshed.refreshJwt()).failure()).as("Descope refuses R2")
                .contains(RefreshResult.Failure.REJECTED_BY_DESCOPE);
        assertThat(one.refresh(tokens.refreshJwt()).failure()).as("node one's kept copy is not handed out")
                .contains(RefreshResult.Failure.REJECTED_BY_DESCOPE);
    }

    /** The logging-out node knows R2 both from its own copy and from the store: it is named once. */
    @Test
    void se06_theRefreshJwtARefreshOnThisNodeIssuedIsNamedOnce() {
        SessionRefresher one = node(memory);
        EmulatorTokens tokens = emu.issueSession(ADA);
        RefreshedSession refreshed = one.refresh(tokens.refreshJwt()).refreshed().orElseThrow();

        assertThat(one.forget(tokens.refreshJwt())).containsExactly(refreshed.refreshJwt());
    }

    /**
     * SE-06 with a failing store: a node cannot ask whether the session was signed out elsewhere, so it does not
     * hand out its kept copy, and it does not end the session either (not a final failure, no call to Descope with
     * the rotated-away token); the rotated token goes on working.
     */
    @Test
    void se06_aKeptCopyThatCannotBeCheckedIsNotHandedOutAndEndsNothing() {
        SessionRefresher one = node(new GuardedStore(faulty));
        EmulatorTokens tokens = emu.issueSession(ADA);
        RefreshedSession refreshed = one.refresh(tokens.refreshJwt()).refreshed().orElseThrow();

        faulty.mode(FaultyStore.Mode.THROWING);

        assertThat(one.refresh(tokens.refreshJwt()).failure()).contains(RefreshResult.Failure.STORE_UNAVAILABLE);
        assertThat(emu.requestCount(REFRESH_PATH)).as("the rotated-away token was not sent").isEqualTo(1);
        assertThat(one.refresh(refreshed.refreshJwt()).isSuccess()).as("the rotated token still works").isTrue();
    }

    @Test
    void aRefreshJwtRefusedOnOneNodeNeverReachesDescopeFromAnother() {
        SessionRefresher one = node(memory);
        SessionRefresher two = node(memory);
        EmulatorTokens tokens = emu.issueSession(ADA);
        clients.get(0).logout(tokens.refreshJwt());

        assertThat(one.refresh(tokens.refreshJwt()).failure()).contains(RefreshResult.Failure.REJECTED_BY_DESCOPE);
        assertThat(two.refresh(tokens.refreshJwt()).failure()).contains(RefreshResult.Failure.REJECTED_BY_DESCOPE);

        assertThat(emu.requestCount(REFRESH_PATH)).isEqualTo(1);
    }

    @Test
    void aFailingStoreLeavesRefreshToThisNodeAndItStillWorks() {
        faulty.mode(FaultyStore.Mode.THROWING);
        SessionRefresher one = node(new GuardedStore(faulty));
        EmulatorTokens tokens = emu.issueSession(ADA);

        RefreshedSession refreshed = one.refresh(tokens.refreshJwt()).refreshed().orElseThrow();

        assertThat(refreshed.refreshJwtRotated()).isTrue();
        assertThat(one.refresh(tokens.refreshJwt()).failure())
                .as("the kept result is not handed out unchecked, and the rotated-away token is not sent either")
                .contains(RefreshResult.Failure.STORE_UNAVAILABLE);
        assertThat(emu.requestCount(REFRESH_PATH)).isEqualTo(1);
        one.forget(refreshed.refreshJwt());
    }

    @Test
    void aHangingStoreCostsAtMostItsTimeoutAndTheRefreshStillWorks() {
        faulty.mode(FaultyStore.Mode.HANGING);
        SessionRefresher one = node(new GuardedStore(faulty));
        EmulatorTokens tokens = emu.issueSession(ADA);

        assertThat(one.refresh(tokens.refreshJwt()).isSuccess()).isTrue();
        assertThat(faulty.calls()).as("the store was tried once, then left alone").isEqualTo(1);
    }

    @Test
    void whatTheStoreHoldsNeverContainsATokenInTheClear() {
        RecordingStore recording = new RecordingStore(memory);
        SessionRefresher one = node(recording);
        EmulatorTokens tokens = emu.issueSession(ADA);
        RefreshedSession refreshed = one.refresh(tokens.refreshJwt()).refreshed().orElseThrow();

        assertThat(recording.written()).isNotEmpty();
        for (String seen : recording.written()) {
            assertThat(seen).doesNotContain(tokens.refreshJwt().substring(0, 40))
                    .doesNotContain(refreshed.refreshJwt().substring(0, 40))
                    .doesNotContain(refreshed.sessionJwt().substring(0, 40))
                    .doesNotContain(refreshed.sessionJwt().substring(refreshed.sessionJwt().length() - 40));
        }
    }
}
