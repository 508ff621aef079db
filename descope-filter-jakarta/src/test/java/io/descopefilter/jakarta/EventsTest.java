package io.descopefilter.jakarta;

import io.descopefilter.core.CallKind;
import io.descopefilter.core.DeliveryMethod;
import io.descopefilter.core.DescopeEvent;
import io.descopefilter.core.DescopeEventListener;
import io.descopefilter.emulator.DescopeEmulator;
import io.descopefilter.emulator.EmulatorTokens;
import io.descopefilter.emulator.EmulatorUser;
import io.descopefilter.emulator.Fault;
import io.descopefilter.emulator.RateLimit;
import io.descopefilter.jakarta.testsupport.FakeBrowser;
import io.descopefilter.jakarta.testsupport.FakeBrowser.Exchange;
import io.descopefilter.jakarta.testsupport.FakeRequest;
import io.descopefilter.jakarta.testsupport.FakeServletContext;
import io.descopefilter.jakarta.testsupport.FakeSessions;
import io.descopefilter.testsupport.Emulators;
import io.descopefilter.testsupport.TestClock;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Events, JFR events and the readiness endpoint, after real flows of the whole filter against the in-process
 * emulator (real HTTP to it; servlet fakes on the browser side).
 */
class EventsTest {

    private static final String PROJECT_ID = "P2aAc4T2V93bddihGEx2Ryhc8e5Z";
    private static final String BASE = "https://shop.example.com";
    private static final String DS = "__Host-DS";
    private static final String DSR = "__Host-DSR";
    private static final String DSCSRF = "__Host-DSCSRF";
    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
    private static final Pattern HELD_FIELD = Pattern.compile("name=\"held\" value=\"([^\"]+)\"");
    private static final String DSLINK = "__Host-DSLINK";
    private static final String PHONE = "+15555550142";

    private static final TestClock emulatorClock = TestClock.startingNow();
    private static DescopeEmulator emulator;
    private static String aliceId;
    private static String phoneUserId;

    private final List<DescopeAuthFilter> filters = new ArrayList<>();
    private final FakeSessions containerSessions = new FakeSessions();
    private FakeServletContext context;

    /** A listener named by class in {@code eventListeners}: what it receives lands in {@link #RECEIVED}. */
    public static final class RecordingListener implements DescopeEventListener {
        static final List<DescopeEvent> RECEIVED = new CopyOnWriteArrayList<>();

        @Override
        public void onEvent(DescopeEvent event) {
            RECEIVED.add(event);
        }
    }

    /** Always throws: the filter must carry on. */
    public static final class BrokenListener implements DescopeEventListener {
        @Override
        public void onEvent(DescopeEvent event) {
            throw new IllegalStateException("listener bug");
        }
    }

    /** Not a listener at all. */
    public static final class NotAListener {
    }

    @BeforeAll
    static void startEmulator() {
        emulatorClock.set(Instant.now());
        emulator = Emulators.builder().projectId(PROJECT_ID).managementKey("K2managementKeyForTests")
                .port(0).approvedDomains(List.of("shop.example.com")).rateLimit(RateLimit.unlimited())
                .clock(emulatorClock).start();
        aliceId = emulator.createUser(EmulatorUser.builder("alice@example.com").name("Alice").build());
        phoneUserId = emulator.createUser(EmulatorUser.builder(PHONE).name("Phoebe").build());
    }

    @AfterAll
    static void stopEmulator() {
        emulator.close();
    }

    @BeforeEach
    void freshContext() {
        emulatorClock.set(Instant.now());
        emulator.outbox().clear();
        emulator.faults().clear();
        context = new FakeServletContext();
        RecordingListener.RECEIVED.clear();
    }

    @AfterEach
    void destroyFilters() {
        filters.forEach(DescopeAuthFilter::destroy);
        emulator.faults().clear();
    }

    private DescopeAuthFilter filter(Map<String, String> extra) throws ServletException {
        Map<String, String> settings = new HashMap<>(Map.of("projectId", PROJECT_ID,
                "managementKey", emulator.managementKey(), "baseUrl", emulator.baseUrl(), "publicBaseUrl", BASE,
                "sendLimitPerLoginId", "100", "sendLimitPerClient", "100"));
        settings.putAll(extra);
        DescopeAuthFilter filter = new DescopeAuthFilter(settings, TestClock.startingNow());
        filter.init(context.filterConfig(Map.of()));
        filters.add(filter);
        return filter;
    }

    private FakeBrowser browser() {
        return new FakeBrowser(containerSessions, context.proxy());
    }

    private DescopeLinks links() {
        return DescopeLinks.from(context.proxy());
    }

    private <T> T onLoginPage(DescopeAuthFilter filter, FakeBrowser browser, Function<HttpServletRequest, T> action)
            throws Exception {
        AtomicReference<String> token = new AtomicReference<>();
        browser.send(filter, new FakeRequest("GET", "/login"),
                (request, response) -> token.set(links().csrfToken(request, response)));
        AtomicReference<T> result = new AtomicReference<>();
        browser.send(filter, new FakeRequest("POST", "/login").header("Origin", BASE).param("csrf", token.get()),
                (request, response) -> result.set(action.apply(request)));
        return result.get();
    }

    private String sendLink(DescopeAuthFilter filter, FakeBrowser browser, String email) throws Exception {
        return sendLink(filter, browser, DeliveryMethod.EMAIL, email);
    }

    /** The login page sends a sign-in link to {@code address} by {@code channel}; returns the link delivered. */
    private String sendLink(DescopeAuthFilter filter, FakeBrowser browser, DeliveryMethod channel, String address)
            throws Exception {
        LinkSent sent = onLoginPage(filter, browser, request -> links().sendMagicLink(request,
                channel, LinkPurpose.SIGN_IN, address, null, null));
        assertThat(sent.outcome()).isEqualTo(SendOutcome.ACCEPTED);
        return emulator.outbox().latestTo(address).orElseThrow().links().get(0).url();
    }

    /** Presses "Continue" on the page that names the account, shown where the link was not asked for. */
    private Exchange continueAsThatAccount(DescopeAuthFilter filter, FakeBrowser browser, Exchange asked)
            throws Exception {
        assertThat(asked.status()).isEqualTo(200);
        Matcher held = HELD_FIELD.matcher(asked.response().body());
        assertThat(held.find()).as("the page naming the account").isTrue();
        Matcher csrf = CSRF_FIELD.matcher(asked.response().body());
        assertThat(csrf.find()).isTrue();
        return browser.send(filter, new FakeRequest("POST", asked.request().proxy().getServletPath())
                .header("Origin", BASE).param("csrf", csrf.group(1)).param("held", held.group(1)));
    }

    private Exchange openAndConfirm(DescopeAuthFilter filter, FakeBrowser browser, String link) throws Exception {
        Exchange page = browser.send(filter, FakeRequest.getUrl(link));
        assertThat(page.status()).isEqualTo(200);
        Matcher csrf = CSRF_FIELD.matcher(page.response().body());
        assertThat(csrf.find()).isTrue();
        FakeRequest post = new FakeRequest("POST", page.request().proxy().getServletPath())
                .header("Origin", BASE).param("csrf", csrf.group(1))
                .param("t", page.request().proxy().getParameter("t"));
        return browser.send(filter, post);
    }

    private static <T extends DescopeEvent> List<T> received(Class<T> type) {
        return RecordingListener.RECEIVED.stream().filter(type::isInstance).map(type::cast).toList();
    }

    @Test
    void aListenerNamedInTheSettingsSeesTheSendTheCallsAndTheSignInWithAMaskedLoginId() throws Exception {
        DescopeAuthFilter filter = filter(Map.of("eventListeners", RecordingListener.class.getName()));
        FakeBrowser browser = browser();
        String link = sendLink(filter, browser, "alice@example.com");
        Exchange landed = openAndConfirm(filter, browser, link);
        assertThat(landed.status()).isEqualTo(303);

        assertThat(received(DescopeEvent.LinkSendSucceeded.class)).singleElement().satisfies(sent -> {
            assertThat(sent.method()).isEqualTo(DescopeEvent.SignInMethod.MAGIC);
            assertThat(sent.channel()).isEqualTo(DeliveryMethod.EMAIL);
            assertThat(sent.loginId()).isEqualTo("a***@example.com");
        });
        assertThat(received(DescopeEvent.SignedIn.class)).singleElement().satisfies(signedIn -> {
            assertThat(signedIn.method()).isEqualTo(DescopeEvent.SignInMethod.MAGIC);
            assertThat(signedIn.channel()).isEqualTo(DeliveryMethod.EMAIL);
            assertThat(signedIn.userId()).isEqualTo(aliceId);
            assertThat(signedIn.loginId()).isEqualTo("a***@example.com");
        });
        assertThat(received(DescopeEvent.DescopeCall.class))
                .extracting(DescopeEvent.DescopeCall::kind, DescopeEvent.DescopeCall::outcome)
                .contains(org.assertj.core.groups.Tuple.tuple(CallKind.SEND, DescopeEvent.CallOutcome.OK),
                        org.assertj.core.groups.Tuple.tuple(CallKind.VERIFY, DescopeEvent.CallOutcome.OK),
                        org.assertj.core.groups.Tuple.tuple(CallKind.KEYS, DescopeEvent.CallOutcome.OK));
        assertThat(received(DescopeEvent.KeysFetched.class)).isNotEmpty()
                .allSatisfy(fetched -> assertThat(fetched.keys()).isPositive());
        // Nothing an event says carries a token, the link or the full address.
        String everything = RecordingListener.RECEIVED.toString();
        assertThat(everything).doesNotContain(browser.cookie(DS).orElseThrow())
                .doesNotContain(browser.cookie(DSR).orElseThrow())
                .doesNotContain(FakeRequest.getUrl(link).proxy().getParameter("t"))
                .doesNotContain("alice@example.com");
    }

    @ParameterizedTest
    @EnumSource(value = DeliveryMethod.class, names = {"SMS", "WHATSAPP", "VOICE"})
    void aMagicLinkSignInReportsTheChannelItWasSentBy(DeliveryMethod channel) throws Exception {
        DescopeAuthFilter filter = filter(Map.of("eventListeners", RecordingListener.class.getName()));
        FakeBrowser browser = browser();

        Exchange landed = openAndConfirm(filter, browser, sendLink(filter, browser, channel, PHONE));

        assertThat(landed.status()).isEqualTo(303);
        assertThat(received(DescopeEvent.SignedIn.class)).singleElement().satisfies(signedIn -> {
            assertThat(signedIn.method()).isEqualTo(DescopeEvent.SignInMethod.MAGIC);
            assertThat(signedIn.channel()).isEqualTo(channel);
            assertThat(signedIn.userId()).isEqualTo(phoneUserId);
        });
    }

    @Test
    void aPhoneUpdateLinkReportsTheChannelItWasSentBy() throws Exception {
        DescopeAuthFilter filter = filter(Map.of("eventListeners", RecordingListener.class.getName()));
        String doraId = emulator.createUser(EmulatorUser.builder("dora@example.com").name("Dora").build());
        EmulatorTokens session = emulator.issueSession("dora@example.com");
        FakeBrowser browser = browser();
        browser.setCookie(DS, session.sessionJwt());
        browser.setCookie(DSR, session.refreshJwt());
        LinkSent sent = onLoginPage(filter, browser, request -> links().updatePhone(request,
                DeliveryMethod.WHATSAPP, "+15555550177", null));
        assertThat(sent.outcome()).isEqualTo(SendOutcome.ACCEPTED);

        Exchange landed = openAndConfirm(filter, browser,
                emulator.outbox().latestTo("+15555550177").orElseThrow().links().get(0).url());

        assertThat(landed.status()).isEqualTo(303);
        assertThat(received(DescopeEvent.SignedIn.class)).singleElement().satisfies(signedIn -> {
            assertThat(signedIn.userId()).isEqualTo(doraId);
            assertThat(signedIn.channel()).isEqualTo(DeliveryMethod.WHATSAPP);
        });
    }

    @Test
    void aMagicLinkConfirmedInABrowserThatDidNotAskForItReportsNoChannel() throws Exception {
        DescopeAuthFilter filter = filter(Map.of("eventListeners", RecordingListener.class.getName()));
        String link = sendLink(filter, browser(), DeliveryMethod.SMS, PHONE);
        FakeBrowser elsewhere = browser();

        Exchange landed = continueAsThatAccount(filter, elsewhere, openAndConfirm(filter, elsewhere, link));

        assertThat(landed.status()).isEqualTo(303);
        assertThat(received(DescopeEvent.SignedIn.class)).singleElement().satisfies(signedIn -> {
            assertThat(signedIn.method()).isEqualTo(DescopeEvent.SignInMethod.MAGIC);
            assertThat(signedIn.channel()).isNull();
            assertThat(signedIn.userId()).isEqualTo(phoneUserId);
        });
    }

    @Test
    void linksToOneAccountByTwoChannelsLeaveTheChannelUnknown() throws Exception {
        DescopeAuthFilter filter = filter(Map.of("eventListeners", RecordingListener.class.getName()));
        FakeBrowser browser = browser();
        String bySms = sendLink(filter, browser, DeliveryMethod.SMS, PHONE);
        sendLink(filter, browser, DeliveryMethod.WHATSAPP, PHONE);

        Exchange landed = openAndConfirm(filter, browser, bySms);

        assertThat(landed.status()).isEqualTo(303);
        assertThat(received(DescopeEvent.SignedIn.class)).singleElement()
                .extracting(DescopeEvent.SignedIn::channel).isNull();
    }

    @Test
    void anEmbeddedLinkReportsNoChannelEvenInABrowserThatAskedForAnEmailLink() throws Exception {
        DescopeAuthFilter filter = filter(Map.of("eventListeners", RecordingListener.class.getName()));
        FakeBrowser browser = browser();
        sendLink(filter, browser, "alice@example.com");
        String embedded = links().embeddedLinkUrl("alice@example.com", Map.of(), Duration.ofMinutes(5), null);

        Exchange landed = openAndConfirm(filter, browser, embedded);

        assertThat(landed.status()).isEqualTo(303);
        assertThat(received(DescopeEvent.SignedIn.class)).singleElement().satisfies(signedIn -> {
            assertThat(signedIn.method()).isEqualTo(DescopeEvent.SignInMethod.EMBEDDED);
            assertThat(signedIn.channel()).isNull();
        });
    }

    @Test
    void aLinkCookieWrittenBeforeChannelsWereRecordedStillBindsWithTheChannelUnknown() throws Exception {
        DescopeAuthFilter filter = filter(Map.of("eventListeners", RecordingListener.class.getName()));
        FakeBrowser browser = browser();
        String link = sendLink(filter, browser, "alice@example.com");
        String cookie = browser.cookie(DSLINK).orElseThrow();
        // The earlier format: key.next.masked.expires, without the channel letters.
        String earlier = Arrays.stream(cookie.split("~"))
                .map(entry -> String.join(".", Arrays.asList(entry.split("\\.")).subList(0, 4)))
                .collect(Collectors.joining("~"));
        assertThat(cookie.length() - earlier.length()).as("what the channel adds to the cookie").isEqualTo(2);
        browser.setCookie(DSLINK, earlier);

        Exchange landed = openAndConfirm(filter, browser, link);

        assertThat(landed.status()).as("signed in at once: the browser is still the one that asked")
                .isEqualTo(303);
        assertThat(received(DescopeEvent.SignedIn.class)).singleElement().satisfies(signedIn -> {
            assertThat(signedIn.userId()).isEqualTo(aliceId);
            assertThat(signedIn.channel()).isNull();
        });
    }

    @Test
    void theHotPathEmitsNothing() throws Exception {
        DescopeAuthFilter filter = filter(Map.of("eventListeners", RecordingListener.class.getName()));
        FakeBrowser browser = browser();
        openAndConfirm(filter, browser, sendLink(filter, browser, "alice@example.com"));
        assertThat(browser.send(filter, new FakeRequest("GET", "/orders")).reachedApp()).isTrue();
        RecordingListener.RECEIVED.clear();

        for (int i = 0; i < 5; i++) {
            assertThat(browser.send(filter, new FakeRequest("GET", "/orders")).reachedApp()).isTrue();
        }

        assertThat(RecordingListener.RECEIVED).isEmpty();
    }

    @Test
    void fullLoginIdsOnlyWhenAskedFor() throws Exception {
        DescopeAuthFilter filter = filter(Map.of("eventListeners", RecordingListener.class.getName(),
                "eventLoginIds", "full"));
        FakeBrowser browser = browser();
        openAndConfirm(filter, browser, sendLink(filter, browser, "alice@example.com"));

        assertThat(received(DescopeEvent.LinkSendSucceeded.class)).singleElement()
                .extracting(DescopeEvent.LinkSendSucceeded::loginId).isEqualTo("alice@example.com");
        assertThat(received(DescopeEvent.SignedIn.class)).singleElement()
                .extracting(DescopeEvent.SignedIn::loginId).isEqualTo("alice@example.com");
    }

    @Test
    void refusalsSayWhy() throws Exception {
        DescopeAuthFilter filter = filter(Map.of());
        List<DescopeEvent> seen = new CopyOnWriteArrayList<>();
        links().addEventListener(seen::add);
        FakeBrowser browser = browser();
        String link = sendLink(filter, browser, "alice@example.com");
        openAndConfirm(filter, browser, link);

        // the same link again: used
        Exchange again = openAndConfirm(filter, browser(), link);
        // a confirmation without the CSRF token
        Exchange forged = browser().send(filter, new FakeRequest("POST", "/descope/verify").header("Origin", BASE)
                .param("t", "abc"));
        // a send without the page's token
        AtomicReference<LinkSent> noCsrf = new AtomicReference<>();
        browser().send(filter, new FakeRequest("POST", "/login").header("Origin", BASE), (request, response) ->
                noCsrf.set(links().sendMagicLink(request, DeliveryMethod.EMAIL, LinkPurpose.SIGN_IN,
                        "alice@example.com", null, null)));

        assertThat(again.status()).isEqualTo(410);
        assertThat(forged.status()).isEqualTo(403);
        assertThat(noCsrf.get().outcome()).isEqualTo(SendOutcome.NOT_FROM_THIS_SITE);
        assertThat(seen).filteredOn(DescopeEvent.SignInRefused.class::isInstance)
                .map(e -> ((DescopeEvent.SignInRefused) e).reason())
                .containsExactly(DescopeEvent.SignInRefusal.EXPIRED_OR_USED, DescopeEvent.SignInRefusal.CSRF);
        assertThat(seen).filteredOn(DescopeEvent.LinkSendRefused.class::isInstance)
                .map(e -> ((DescopeEvent.LinkSendRefused) e).reason())
                .containsExactly(DescopeEvent.SendRefusal.CSRF);
        assertThat(seen).filteredOn(DescopeEvent.DescopeCall.class::isInstance)
                .map(e -> ((DescopeEvent.DescopeCall) e).outcome()).contains(DescopeEvent.CallOutcome.REFUSED);
    }

    @Test
    void refreshSignOutAndRefusedSessionsAreReported() throws Exception {
        DescopeAuthFilter filter = filter(Map.of("eventListeners", RecordingListener.class.getName()));
        emulatorClock.set(Instant.now().minus(Duration.ofMinutes(30)));
        EmulatorTokens old = emulator.issueSession("alice@example.com");
        emulatorClock.set(Instant.now());
        FakeBrowser browser = browser();
        browser.setCookie(DS, old.sessionJwt());
        browser.setCookie(DSR, old.refreshJwt());

        assertThat(browser.send(filter, new FakeRequest("GET", "/orders")).reachedApp()).isTrue();
        Exchange logout = browser.send(filter, new FakeRequest("POST", "/descope/logout").header("Origin", BASE)
                .param("csrf", browser.cookie(DSCSRF).orElseGet(() -> csrfOf(filter, browser))));
        FakeBrowser forger = browser();
        String session = old.sessionJwt();
        forger.setCookie(DS, session.substring(0, session.length() - 4) + "AAAA");
        forger.send(filter, new FakeRequest("GET", "/orders"));

        assertThat(logout.status()).isEqualTo(303);
        assertThat(received(DescopeEvent.RefreshSucceeded.class)).hasSize(1);
        assertThat(received(DescopeEvent.SignedOut.class)).singleElement()
                .extracting(DescopeEvent.SignedOut::scope).isEqualTo(DescopeEvent.SignOutScope.ONE);
        assertThat(received(DescopeEvent.SessionRefused.class)).singleElement()
                .extracting(DescopeEvent.SessionRefused::reason)
                .isEqualTo(DescopeEvent.SessionRefusal.INVALID_SIGNATURE);
    }

    private String csrfOf(DescopeAuthFilter filter, FakeBrowser browser) {
        AtomicReference<String> token = new AtomicReference<>();
        try {
            browser.send(filter, new FakeRequest("GET", "/login"),
                    (request, response) -> token.set(links().csrfToken(request, response)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return token.get();
    }

    @Test
    void aListenerThatThrowsNeverBreaksASignIn() throws Exception {
        DescopeAuthFilter filter = filter(Map.of("eventListeners",
                BrokenListener.class.getName() + ", " + RecordingListener.class.getName()));
        FakeBrowser browser = browser();

        Exchange landed = openAndConfirm(filter, browser, sendLink(filter, browser, "alice@example.com"));

        assertThat(landed.status()).isEqualTo(303);
        assertThat(received(DescopeEvent.SignedIn.class)).hasSize(1);
    }

    @Test
    void aListenerClassThatCannotBeUsedStopsTheStartWithTheReason() {
        assertThatThrownBy(() -> filter(Map.of("eventListeners", NotAListener.class.getName())))
                .isInstanceOf(ServletException.class)
                .hasMessageContaining("eventListeners").hasMessageContaining("does not implement");
        assertThatThrownBy(() -> filter(Map.of("eventListeners", "com.example.Missing")))
                .isInstanceOf(ServletException.class)
                .hasMessageContaining("eventListeners").hasMessageContaining("cannot be loaded");
    }

    @Test
    void flightRecorderShowsTheLandingsCallsAndColdValidationsButNotTheWarmPath(@TempDir Path dir)
            throws Exception {
        DescopeAuthFilter filter = filter(Map.of());
        FakeBrowser browser = browser();
        Path file = dir.resolve("landing.jfr");
        try (Recording recording = new Recording()) {
            for (String name : List.of("DescopeCall", "KeySetFetch", "TokenValidation", "Refresh", "SignIn")) {
                recording.enable("io.descopefilter." + name).withThreshold(Duration.ZERO);
            }
            recording.start();
            Exchange landed = openAndConfirm(filter, browser, sendLink(filter, browser, "alice@example.com"));
            assertThat(landed.status()).isEqualTo(303);
            recording.stop();
            recording.dump(file);
        }
        List<RecordedEvent> events = RecordingFile.readAllEvents(file);
        List<String> names = events.stream().map(e -> e.getEventType().getName()).toList();
        assertThat(names).contains("io.descopefilter.DescopeCall", "io.descopefilter.KeySetFetch",
                "io.descopefilter.TokenValidation", "io.descopefilter.SignIn");
        RecordedEvent signIn = events.stream()
                .filter(e -> e.getEventType().getName().equals("io.descopefilter.SignIn")).findFirst().orElseThrow();
        assertThat(signIn.getString("method")).isEqualTo("MAGIC");
        assertThat(signIn.getBoolean("signedIn")).isTrue();
        assertThat(signIn.getEventType().getCategoryNames()).containsExactly("Descope Filter");
        assertThat(events).filteredOn(e -> e.getEventType().getName().equals("io.descopefilter.DescopeCall"))
                .extracting(e -> e.getString("kind")).contains("SEND", "VERIFY", "KEYS");

        // The warm path (a session seen before, its JWT verified and cached) records nothing.
        assertThat(browser.send(filter, new FakeRequest("GET", "/orders")).reachedApp()).isTrue();
        Path warm = dir.resolve("warm.jfr");
        try (Recording recording = new Recording()) {
            recording.enable("io.descopefilter.TokenValidation").withThreshold(Duration.ZERO);
            recording.start();
            for (int i = 0; i < 3; i++) {
                assertThat(browser.send(filter, new FakeRequest("GET", "/orders")).reachedApp()).isTrue();
            }
            recording.stop();
            recording.dump(warm);
        }
        assertThat(RecordingFile.readAllEvents(warm)).isEmpty();
    }

    @Test
    void healthIsOffByDefault() throws Exception {
        DescopeAuthFilter filter = filter(Map.of("publicPaths", "/descope/health"));
        Exchange answer = browser().send(filter, new FakeRequest("GET", "/descope/health"));
        assertThat(answer.reachedApp()).isTrue();
    }

    @Test
    void healthSaysUpWhenKeysAreLoadedAndTheBreakerIsClosed() throws Exception {
        DescopeAuthFilter filter = filter(Map.of("healthPath", "/descope/health"));

        Exchange answer = browser().send(filter, new FakeRequest("GET", "/descope/health"));

        assertThat(answer.reachedApp()).isFalse();
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.response().header("Cache-Control")).isEqualTo("no-store");
        assertThat(answer.response().body()).isEqualTo("{\"status\":\"UP\",\"checks\":{\"keys\":\"UP\","
                + "\"descope\":\"UP\"}}");
        assertThat(links().readiness().up()).isTrue();
    }

    @Test
    void healthSaysDownWhenTheKeysCannotBeLoaded() throws Exception {
        emulator.faults().set("/v2/keys/" + PROJECT_ID, Fault.status(503, null));
        DescopeAuthFilter filter = filter(Map.of("healthPath", "/descope/health"));

        Exchange answer = browser().send(filter, new FakeRequest("GET", "/descope/health"));

        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.response().body()).isEqualTo("{\"status\":\"DOWN\",\"checks\":{\"keys\":\"DOWN\","
                + "\"descope\":\"UP\"}}");
    }

    @Test
    void healthSaysDownWhileTheBreakerIsOpen() throws Exception {
        DescopeAuthFilter filter = filter(Map.of("healthPath", "/descope/health", "breakerFailures", "1",
                "breakerWait", "60"));
        FakeBrowser browser = browser();
        assertThat(browser.send(filter, new FakeRequest("GET", "/descope/health")).status()).isEqualTo(200);
        emulator.faults().set("/v1/auth/magiclink/signin/email", Fault.status(503, null));
        LinkSent sent = onLoginPage(filter, browser, request -> links().sendMagicLink(request,
                DeliveryMethod.EMAIL, LinkPurpose.SIGN_IN, "alice@example.com", null, null));
        assertThat(sent.outcome()).isEqualTo(SendOutcome.TRY_LATER);

        Exchange answer = browser.send(filter, new FakeRequest("GET", "/descope/health"));

        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.response().body()).isEqualTo("{\"status\":\"DOWN\",\"checks\":{\"keys\":\"UP\","
                + "\"descope\":\"DOWN\"}}");
    }
}
