package io.descopefilter.jakarta;

import io.descopefilter.core.DeliveryMethod;
import io.descopefilter.core.FaultyStore;
import io.descopefilter.core.internal.store.MemoryStore;
import io.descopefilter.emulator.DescopeEmulator;
import io.descopefilter.emulator.EmulatorTokens;
import io.descopefilter.emulator.EmulatorUser;
import io.descopefilter.emulator.Fault;
import io.descopefilter.emulator.OutboxLink;
import io.descopefilter.emulator.RateLimit;
import io.descopefilter.jakarta.testsupport.FakeBrowser;
import io.descopefilter.jakarta.testsupport.FakeBrowser.Exchange;
import io.descopefilter.jakarta.testsupport.FakeRequest;
import io.descopefilter.jakarta.testsupport.FakeServletContext;
import io.descopefilter.jakarta.testsupport.FakeSessions;
import io.descopefilter.jakarta.testsupport.TestStores;
import io.descopefilter.testsupport.Emulators;
import io.descopefilter.testsupport.TestClock;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Two filters in one JVM, each with its own servlet context, act as two nodes of one application sharing one store
 * (through the {@code store} setting and a store module found on the class path), against the emulator with
 * refresh-token rotation on.
 */
class ClusterStateTest {

    private static final String PROJECT_ID = "P2aAc4T2V93bddihGEx2Ryhc8e5Z";
    private static final String BASE = "https://shop.example.com";
    private static final String DS = "__Host-DS";
    private static final String DSR = "__Host-DSR";
    private static final String REFRESH = "/v1/auth/refresh";
    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
    private static final Pattern HELD_FIELD = Pattern.compile("name=\"held\" value=\"([^\"]+)\"");

    private final TestClock emulatorClock = TestClock.startingNow();
    private final TestClock filterClock = TestClock.startingNow();
    private final DescopeEmulator emulator = Emulators.builder().projectId(PROJECT_ID)
            .managementKey("K2managementKeyForTests").port(0).approvedDomains(List.of("shop.example.com"))
            .rateLimit(RateLimit.unlimited()).clock(emulatorClock).refreshTokenRotation(true).start();
    private final String storeId = UUID.randomUUID().toString();
    private final FaultyStore store = new FaultyStore(new MemoryStore(filterClock), Duration.ofMillis(200));
    private final FakeSessions containerSessions = new FakeSessions();
    private final List<DescopeAuthFilter> filters = new ArrayList<>();
    private final String aliceId;

    ClusterStateTest() {
        TestStores.register(storeId, store);
        aliceId = emulator.createUser(EmulatorUser.builder("alice@example.com").name("Alice").build());
    }

    @AfterEach
    void stop() {
        filters.forEach(DescopeAuthFilter::destroy);
        TestStores.unregister(storeId);
        store.close();
        emulator.close();
    }

    /** One node of the application: a filter in its own servlet context, on the shared store. */
    private record Node(DescopeAuthFilter filter, FakeServletContext context) {
        DescopeLinks links() {
            return DescopeLinks.from(context.proxy());
        }

        FakeBrowser browser(FakeSessions sessions) {
            return new FakeBrowser(sessions, context.proxy());
        }
    }

    private Node node(Map<String, String> extra) throws ServletException {
        Map<String, String> settings = new HashMap<>(Map.of("projectId", PROJECT_ID,
                "managementKey", emulator.managementKey(), "baseUrl", emulator.baseUrl(), "publicBaseUrl", BASE,
                "store", TestStores.NAME, "testStoreId", storeId));
        settings.putAll(extra);
        FakeServletContext context = new FakeServletContext();
        DescopeAuthFilter filter = new DescopeAuthFilter(settings, filterClock);
        filter.init(context.filterConfig(Map.of()));
        filters.add(filter);
        return new Node(filter, context);
    }

    private <T> T onLoginPage(Node node, FakeBrowser browser, Function<HttpServletRequest, T> action)
            throws Exception {
        FakeBrowser here = browser.at(node.context().proxy());
        AtomicReference<String> token = new AtomicReference<>();
        here.send(node.filter(), new FakeRequest("GET", "/login"),
                (request, response) -> token.set(node.links().csrfToken(request, response)));
        AtomicReference<T> result = new AtomicReference<>();
        here.send(node.filter(), new FakeRequest("POST", "/login").header("Origin", BASE).param("csrf", token.get()),
                (request, response) -> result.set(action.apply(request)));
        return result.get();
    }

    private LinkSent sendMagicLink(Node node, FakeBrowser browser, String email) throws Exception {
        return onLoginPage(node, browser, request -> node.links().sendMagicLink(request, DeliveryMethod.EMAIL,
                LinkPurpose.SIGN_IN, email, null, null));
    }

    /** Opens a link on {@code opening} and presses the confirmation button(s) on {@code confirming}. */
    private Exchange openAndConfirm(Node opening, Node confirming, FakeBrowser browser, String link) throws Exception {
        Exchange page = browser.at(opening.context().proxy()).send(opening.filter(), FakeRequest.getUrl(link));
        assertThat(page.status()).isEqualTo(200);
        Matcher csrf = CSRF_FIELD.matcher(page.response().body());
        assertThat(csrf.find()).isTrue();
        FakeRequest post = new FakeRequest("POST", page.request().proxy().getServletPath())
                .header("Origin", BASE).param("csrf", csrf.group(1));
        for (String field : List.of("t", "next", "as")) {
            String value = page.request().proxy().getParameter(field);
            if (value != null) {
                post.param(field, value);
            }
        }
        FakeBrowser there = browser.at(confirming.context().proxy());
        Exchange answer = there.send(confirming.filter(), post);
        Matcher held = HELD_FIELD.matcher(answer.status() == 200 ? answer.response().body() : "");
        if (held.find()) {
            Matcher again = CSRF_FIELD.matcher(answer.response().body());
            assertThat(again.find()).isTrue();
            return there.send(opening.filter(), new FakeRequest("POST", page.request().proxy().getServletPath())
                    .header("Origin", BASE).param("csrf", again.group(1)).param("held", held.group(1)));
        }
        return answer;
    }

    @Test
    void sendLimitsHoldAcrossNodesAtTheConfiguredCount() throws Exception {
        Node one = node(Map.of("sendLimitPerLoginId", "3"));
        Node two = node(Map.of("sendLimitPerLoginId", "3"));
        FakeBrowser browser = one.browser(containerSessions);

        for (int i = 0; i < 8; i++) {
            assertThat(sendMagicLink(i % 2 == 0 ? one : two, browser, "alice@example.com").outcome())
                    .isEqualTo(SendOutcome.ACCEPTED);
        }

        assertThat(emulator.outbox().messagesTo("alice@example.com")).as("3, not 3 per node").hasSize(3);
    }

    @Test
    void aMagicLinkHeldForConfirmationOnOneNodeIsConfirmedOnTheOther() throws Exception {
        Node one = node(Map.of());
        Node two = node(Map.of());
        assertThat(sendMagicLink(one, one.browser(containerSessions), "alice@example.com").isAccepted()).isTrue();
        String link = emulator.outbox().latestTo("alice@example.com").orElseThrow().links().get(0).url();
        // Opened in another browser: the verified sign-in is held until this browser confirms it.
        FakeBrowser other = two.browser(containerSessions);

        Exchange login = openAndConfirm(two, one, other, link);

        assertThat(login.status()).isEqualTo(303);
        assertThat(other.cookie(DS)).isPresent();
        assertThat(other.at(one.context().proxy()).send(one.filter(), new FakeRequest("GET", "/orders")).app()
                .getRemoteUser()).isEqualTo(aliceId);
    }

    @Test
    void anEnchantedLinkStartedOnOneNodeIsCollectedByPollsOnTheOther() throws Exception {
        Node one = node(Map.of());
        Node two = node(Map.of());
        FakeBrowser desktop = one.browser(containerSessions);
        FakeBrowser phone = two.browser(containerSessions);
        EnchantedLinkStarted answer = onLoginPage(one, desktop, request -> one.links().startEnchantedLink(request,
                LinkPurpose.SIGN_IN, "alice@example.com", "/orders", null));
        assertThat(answer.outcome()).isEqualTo(SendOutcome.ACCEPTED);

        FakeBrowser desktopOnTwo = desktop.at(two.context().proxy());
        assertThat(desktopOnTwo.send(two.filter(), new FakeRequest("GET", "/descope/poll")).response().body())
                .isEqualTo("{\"status\":\"pending\"}");
        OutboxLink chosen = emulator.outbox().latestTo("alice@example.com").orElseThrow().links().stream()
                .filter(link -> answer.linkId().equals(link.linkId())).findFirst().orElseThrow();
        assertThat(openAndConfirm(one, one, phone, chosen.url()).response().body()).contains("is now signed in");

        long polls = emulator.requestCount("/v1/auth/enchantedlink/pending-session");
        assertThat(desktop.send(one.filter(), new FakeRequest("GET", "/descope/poll")).response().body())
                .as("one poll per second per browser across nodes").isEqualTo("{\"status\":\"pending\"}");
        assertThat(emulator.requestCount("/v1/auth/enchantedlink/pending-session")).isEqualTo(polls);

        filterClock.advance(Duration.ofSeconds(1));
        Exchange done = desktopOnTwo.send(two.filter(), new FakeRequest("GET", "/descope/poll"));
        assertThat(done.response().body()).isEqualTo("{\"status\":\"done\",\"next\":\"/orders\"}");
        assertThat(desktop.send(one.filter(), new FakeRequest("GET", "/orders")).app().getRemoteUser())
                .isEqualTo(aliceId);
        assertThat(desktop.send(one.filter(), new FakeRequest("GET", "/descope/poll")).status()).isEqualTo(403);
    }

    @Test
    void concurrentRequestsOfAnExpiringSessionOnBothNodesMakeOneRefreshAndSignNobodyOut() throws Exception {
        Node one = node(Map.of());
        Node two = node(Map.of());
        emulatorClock.set(Instant.now().minus(Duration.ofMinutes(30)));
        EmulatorTokens old = emulator.issueSession("alice@example.com");
        emulatorClock.set(Instant.now());
        emulator.faults().set(REFRESH, Fault.latency(Duration.ofMillis(800)));
        ExecutorService pool = Executors.newFixedThreadPool(30);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<FakeBrowser>> pages = new ArrayList<>();
        try {
            for (int i = 0; i < 30; i++) {
                Node node = i % 2 == 0 ? one : two;
                pages.add(pool.submit(() -> {
                    // Each request of the page carries the same expired session and refresh JWT.
                    FakeBrowser request = node.browser(new FakeSessions());
                    request.setCookie(DS, old.sessionJwt());
                    request.setCookie(DSR, old.refreshJwt());
                    go.await();
                    Exchange page = request.send(node.filter(), new FakeRequest("GET", "/orders"));
                    assertThat(page.reachedApp()).as("signed in").isTrue();
                    assertThat(page.app().getRemoteUser()).isEqualTo(aliceId);
                    return request;
                }));
            }
            go.countDown();
            Set<String> refreshJwts = new HashSet<>();
            for (Future<FakeBrowser> page : pages) {
                refreshJwts.add(page.get().cookie(DSR).orElseThrow());
            }
            assertThat(refreshJwts).as("one rotated refresh JWT for everyone").hasSize(1)
                    .doesNotContain(old.refreshJwt());
        } finally {
            pool.shutdownNow();
            emulator.faults().clear();
        }
        assertThat(emulator.requestCount(REFRESH)).isEqualTo(1);
    }

    /** A browser whose session JWT has expired, as it is before its first refresh. */
    private EmulatorTokens expiredSession() {
        emulatorClock.set(Instant.now().minus(Duration.ofMinutes(30)));
        EmulatorTokens old = emulator.issueSession("alice@example.com");
        emulatorClock.set(Instant.now());
        return old;
    }

    /** A request of the page that left before the refreshed cookies came back: it carries the old ones. */
    private Exchange late(Node node, EmulatorTokens old, FakeBrowser request) throws Exception {
        request.setCookie(DS, old.sessionJwt());
        request.setCookie(DSR, old.refreshJwt());
        return request.send(node.filter(), new FakeRequest("GET", "/orders"));
    }

    private String csrfToken(Node node, FakeBrowser browser) throws Exception {
        AtomicReference<String> token = new AtomicReference<>();
        browser.at(node.context().proxy()).send(node.filter(), new FakeRequest("GET", "/login"),
                (request, response) -> token.set(node.links().csrfToken(request, response)));
        return token.get();
    }

    /**
     * SE-06 with the grace period: after a refresh on node one, both nodes keep its result for late requests of
     * the page. The user logs out (or signs out everywhere) on node one; the old refresh cookie, replayed within the
     * grace period on either node, gets no session and is cleared.
     */
    @ParameterizedTest
    @ValueSource(strings = {"/descope/logout", "/descope/logout-all"})
    void se06_afterALogoutOnOneNodeTheOldRefreshCookieGetsNoSessionOnEitherNode(String logoutPath)
            throws Exception {
        Node one = node(Map.of());
        Node two = node(Map.of());
        EmulatorTokens old = expiredSession();
        FakeBrowser browser = one.browser(containerSessions);
        assertThat(late(one, old, browser).reachedApp()).as("refreshed on node one").isTrue();
        assertThat(browser.cookie(DSR)).isPresent().get().isNotEqualTo(old.refreshJwt());
        for (Node node : List.of(one, two)) {
            assertThat(late(node, old, node.browser(new FakeSessions())).reachedApp())
                    .as("a late request of the page within the grace period").isTrue();
        }
        assertThat(emulator.requestCount(REFRESH)).isEqualTo(1);

        String csrf = csrfToken(one, browser);
        Exchange logout = browser.send(one.filter(), new FakeRequest("POST", logoutPath).header("Origin", BASE)
                .param("csrf", csrf));
        assertThat(logout.status()).isEqualTo(303);
        assertThat(browser.cookie(DSR)).isEmpty();

        for (Node node : List.of(two, one)) {
            FakeBrowser replay = node.browser(new FakeSessions());
            Exchange page = late(node, old, replay);
            assertThat(page.reachedApp()).as("the old refresh cookie after the logout, node %s",
                    node == one ? "one" : "two").isFalse();
            assertThat(replay.cookie(DSR)).as("and it is cleared").isEmpty();
        }
    }

    /**
     * SE-06 with rotation, a logout racing its page's refresh: a request of the page refreshed on node one and got
     * the rotated refresh cookie; the logout, sent before that cookie came back, still carries the old one and
     * reaches node one itself or node two. Descope no longer knows the old refresh JWT; the logout revokes the
     * rotated one too, so the new refresh cookie, once it reaches the browser, is refused. Logout-all with the
     * rotated-away refresh JWT also ends the user's other sessions.
     */
    @ParameterizedTest
    @ValueSource(strings = {"one:/descope/logout", "two:/descope/logout", "two:/descope/logout-all"})
    void se06_aLogoutWithTheRefreshCookieOfBeforeARefreshAlsoEndsTheRefreshedSession(String nodeAndPath)
            throws Exception {
        Node one = node(Map.of());
        Node two = node(Map.of());
        Node logoutNode = nodeAndPath.startsWith("one:") ? one : two;
        String logoutPath = nodeAndPath.substring(nodeAndPath.indexOf(':') + 1);
        boolean everywhere = logoutPath.endsWith("-all");
        EmulatorTokens old = expiredSession();
        EmulatorTokens otherDevice = emulator.issueSession("alice@example.com");
        FakeBrowser page = one.browser(new FakeSessions());
        assertThat(late(one, old, page).reachedApp()).as("the page's refresh on node one").isTrue();
        String rotated = page.cookie(DSR).orElseThrow();
        assertThat(rotated).isNotEqualTo(old.refreshJwt());

        FakeBrowser loggingOut = logoutNode.browser(containerSessions);
        String csrf = csrfToken(logoutNode, loggingOut);
        loggingOut.setCookie(DS, old.sessionJwt());
        loggingOut.setCookie(DSR, old.refreshJwt());
        Exchange logout = loggingOut.send(logoutNode.filter(), new FakeRequest("POST", logoutPath)
                .header("Origin", BASE).param("csrf", csrf));
        assertThat(logout.status()).isEqualTo(303);
        assertThat(loggingOut.cookie(DSR)).isEmpty();

        for (Node node : List.of(one, two)) {
            FakeBrowser newCookie = node.browser(new FakeSessions());
            newCookie.setCookie(DSR, rotated);
            Exchange refused = newCookie.send(node.filter(), new FakeRequest("GET", "/orders"));
            assertThat(refused.reachedApp()).as("the rotated refresh cookie after the logout, node %s",
                    node == one ? "one" : "two").isFalse();
            assertThat(newCookie.cookie(DSR)).as("and it is cleared").isEmpty();
        }
        assertThat(emulator.liveRefreshTokens("alice@example.com")).as("left at Descope")
                .isEqualTo(everywhere ? 0 : 1);
        FakeBrowser other = two.browser(new FakeSessions());
        other.setCookie(DSR, otherDevice.refreshJwt());
        assertThat(other.send(two.filter(), new FakeRequest("GET", "/orders")).reachedApp())
                .as("the user's session on another device").isEqualTo(!everywhere);
    }

    /**
     * SE-06 when the store fails: node two cannot ask whether the session was signed out, so its kept result is not
     * handed out, but the late request's cookies are kept (nobody is signed out by a store outage) and the browser's
     * refreshed session goes on, on both nodes.
     */
    @Test
    void se06_whenTheStoreFailsAKeptRefreshIsNotHandedOutButNobodyIsSignedOut() throws Exception {
        Node one = node(Map.of());
        Node two = node(Map.of());
        EmulatorTokens old = expiredSession();
        FakeBrowser browser = one.browser(containerSessions);
        assertThat(late(one, old, browser).reachedApp()).isTrue();
        assertThat(late(two, old, two.browser(new FakeSessions())).reachedApp()).as("node two keeps it").isTrue();

        store.mode(FaultyStore.Mode.THROWING);

        FakeBrowser replay = two.browser(new FakeSessions());
        assertThat(late(two, old, replay).reachedApp()).as("a kept result that cannot be checked").isFalse();
        assertThat(replay.cookie(DSR)).as("not cleared: the store's outage ends no session")
                .contains(old.refreshJwt());
        assertThat(emulator.requestCount(REFRESH)).as("the rotated-away token was not sent").isEqualTo(1);
        for (Node node : List.of(one, two)) {
            assertThat(browser.at(node.context().proxy()).send(node.filter(), new FakeRequest("GET", "/orders"))
                    .reachedApp()).as("the refreshed session").isTrue();
        }
    }

    @Test
    void aSessionSeenOnOneNodeIsNotIdleOnTheOther() throws Exception {
        Node one = node(Map.of("idleTimeout", "600"));
        Node two = node(Map.of("idleTimeout", "600"));
        FakeBrowser browser = one.browser(containerSessions);
        assertThat(sendMagicLink(one, browser, "alice@example.com").isAccepted()).isTrue();
        String link = emulator.outbox().latestTo("alice@example.com").orElseThrow().links().get(0).url();
        assertThat(openAndConfirm(one, one, browser, link).status()).isEqualTo(303);

        filterClock.advance(Duration.ofMinutes(4));
        assertThat(browser.send(one.filter(), new FakeRequest("GET", "/orders")).reachedApp()).isTrue();
        awaitActivityRecorded(browser.cookie(DSR).orElseThrow(), Duration.ofMinutes(10));
        filterClock.advance(Duration.ofMinutes(8));

        assertThat(browser.at(two.context().proxy()).send(two.filter(), new FakeRequest("GET", "/orders"))
                .reachedApp()).as("active 8 minutes ago on node one").isTrue();
        filterClock.advance(Duration.ofMinutes(11));
        assertThat(browser.send(one.filter(), new FakeRequest("GET", "/orders")).reachedApp())
                .as("idle for 11 minutes").isFalse();
    }

    /** Activity is recorded in the store off the request thread: waits (bounded) until it is there. */
    private void awaitActivityRecorded(String refreshJwt, Duration idleTimeout) throws InterruptedException {
        io.descopefilter.core.store.SharedMap idle = store.map("session.idle", idleTimeout);
        String key = io.descopefilter.core.internal.store.Sealed.keyOf("session.idle", refreshJwt);
        for (int i = 0; i < 500 && idle.get(key).isEmpty(); i++) {
            Thread.sleep(10);
        }
        assertThat(idle.get(key)).as("recorded in the store").isPresent();
    }

    @Test
    void whenTheStoreFailsSendsAreRefusedButSignedInUsersAndRefreshesAreNot() throws Exception {
        Node one = node(Map.of("idleTimeout", "600"));
        Node two = node(Map.of("idleTimeout", "600"));
        FakeBrowser browser = one.browser(containerSessions);
        assertThat(sendMagicLink(one, browser, "alice@example.com").isAccepted()).isTrue();
        String link = emulator.outbox().latestTo("alice@example.com").orElseThrow().links().get(0).url();
        assertThat(openAndConfirm(one, one, browser, link).status()).isEqualTo(303);
        FakeBrowser clicking = one.browser(containerSessions);
        assertThat(sendMagicLink(one, clicking, "alice@example.com").isAccepted()).isTrue();
        String unused = emulator.outbox().latestTo("alice@example.com").orElseThrow().links().get(0).url();
        int sent = emulator.outbox().messagesTo("alice@example.com").size();

        // Hanging past its timeout until the guard skips it, then failing at once.
        for (FaultyStore.Mode failure : List.of(FaultyStore.Mode.HANGING, FaultyStore.Mode.THROWING)) {
            store.mode(failure);

            LinkSent refused = sendMagicLink(two, two.browser(containerSessions), "alice@example.com");
            assertThat(refused.outcome()).as("fail closed, never a silent accept").isEqualTo(SendOutcome.TRY_LATER);
            assertThat(refused.retryAfterSeconds()).isPositive();
            assertThat(emulator.outbox().messagesTo("alice@example.com")).hasSize(sent);

            long verifies = emulator.requestCount("/v1/auth/magiclink/verify");
            Exchange verify = openAndConfirm(two, two, clicking, unused);
            assertThat(verify.status()).as("the guessing limit cannot be counted: try again later").isEqualTo(503);
            assertThat(emulator.requestCount("/v1/auth/magiclink/verify")).isEqualTo(verifies);

            assertThat(browser.send(one.filter(), new FakeRequest("GET", "/orders")).reachedApp())
                    .as("a valid session on its node").isTrue();
            assertThat(browser.at(two.context().proxy()).send(two.filter(), new FakeRequest("GET", "/orders"))
                    .reachedApp()).as("a valid session on a node that cannot ask the store").isTrue();

            emulatorClock.set(Instant.now().minus(Duration.ofMinutes(30)));
            EmulatorTokens old = emulator.issueSession("alice@example.com");
            emulatorClock.set(Instant.now());
            FakeBrowser expired = two.browser(new FakeSessions());
            expired.setCookie(DS, old.sessionJwt());
            expired.setCookie(DSR, old.refreshJwt());
            Exchange refreshed = expired.send(two.filter(), new FakeRequest("GET", "/orders"));
            assertThat(refreshed.reachedApp()).as("the refresh falls back to this node").isTrue();
            assertThat(expired.cookie(DSR)).isPresent().get().isNotEqualTo(old.refreshJwt());
        }
    }

    @Test
    void anUnknownStoreStopsTheFilterAndNamesTheStoresThatExist() {
        assertThatThrownBy(() -> node(Map.of("store", "hazelnut")))
                .isInstanceOf(ServletException.class)
                .hasMessageContaining("store")
                .hasMessageContaining("hazelnut")
                .hasMessageContaining("memory")
                .hasMessageContaining(TestStores.NAME);
    }

    @Test
    void aStoreModuleReadsItsOwnSettingsThroughTheFiltersChain() {
        assertThatThrownBy(() -> node(Map.of("testStoreId", "not-registered")))
                .isInstanceOf(ServletException.class)
                .hasMessageContaining("not-registered");
    }

    @Test
    void aMalformedStoreSettingIsNamedOnceWithItsFix() {
        assertThatThrownBy(() -> node(Map.of("testStoreId", "has blank")))
                .isInstanceOf(ServletException.class)
                .hasMessageStartingWith("Descope setting 'testStoreId' has an invalid value 'has blank'")
                .hasMessageContaining("expected printable ASCII without blanks")
                .hasMessageContaining("Fix: the ID a test store is registered under");
    }
}
