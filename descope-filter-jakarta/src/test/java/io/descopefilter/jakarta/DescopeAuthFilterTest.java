package io.descopefilter.jakarta;

import io.descopefilter.core.DeliveryMethod;
import io.descopefilter.core.SignUpUser;
import io.descopefilter.core.LoginOptions;
import io.descopefilter.core.DescopeClient;
import io.descopefilter.core.DescopeClientConfig;
import io.descopefilter.core.DescopeException;
import io.descopefilter.emulator.DescopeEmulator;
import io.descopefilter.emulator.EmulatorTokens;
import io.descopefilter.emulator.EmulatorUser;
import io.descopefilter.emulator.OutboxLink;
import io.descopefilter.emulator.RateLimit;
import io.descopefilter.jakarta.internal.session.HttpSessionStore;
import io.descopefilter.jakarta.testsupport.FakeBrowser;
import io.descopefilter.jakarta.testsupport.FakeBrowser.Exchange;
import io.descopefilter.jakarta.testsupport.FakeRequest;
import io.descopefilter.jakarta.testsupport.FakeServletContext;
import io.descopefilter.jakarta.testsupport.FakeSessions;
import io.descopefilter.testsupport.Emulators;
import io.descopefilter.testsupport.TestClock;
import jakarta.servlet.ServletException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import jakarta.servlet.http.HttpServletRequest;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The whole filter against the in-process Descope emulator (real HTTP to it), with hand-written servlet fakes for
 * the browser side. Container behaviour itself is proven by the integration tests.
 */
class DescopeAuthFilterTest {

    private static final String PROJECT_ID = "P2aAc4T2V93bddihGEx2Ryhc8e5Z";
    private static final String BASE = "https://shop.example.com";
    /** The filter's cookie names on https: Secure, host-only, Path=/ gives the __Host- prefix (HW-04). */
    private static final String DS = "__Host-DS";
    private static final String DSR = "__Host-DSR";
    private static final String DSCSRF = "__Host-DSCSRF";
    private static final Pattern HELD_FIELD = Pattern.compile("name=\"held\" value=\"([^\"]+)\"");
    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    private static final TestClock emulatorClock = TestClock.startingNow();
    private static DescopeEmulator emulator;
    private static String aliceId;
    private static String bobId;

    private final TestClock filterClock = TestClock.startingNow();
    private final List<DescopeAuthFilter> filters = new ArrayList<>();
    private final FakeSessions containerSessions = new FakeSessions();
    private FakeServletContext context;

    @BeforeAll
    static void startEmulator() {
        emulatorClock.set(Instant.now());
        emulator = Emulators.builder().projectId(PROJECT_ID).managementKey("K2managementKeyForTests")
                .port(0).approvedDomains(List.of("shop.example.com")).rateLimit(RateLimit.unlimited())
                .clock(emulatorClock).start();
        aliceId = emulator.createUser(EmulatorUser.builder("alice@example.com").name("Alice").roles("viewer")
                .tenant("t1", List.of("editor"), List.of()).build());
        bobId = emulator.createUser(EmulatorUser.builder("bob@example.com").name("Bob").build());
        emulator.createUser(EmulatorUser.builder("+15555550100").build());
    }

    @AfterAll
    static void stopEmulator() {
        emulator.close();
    }

    @BeforeEach
    void freshContext() {
        emulatorClock.set(Instant.now());
        emulator.outbox().clear();
        context = new FakeServletContext();
    }

    @AfterEach
    void destroyFilters() {
        filters.forEach(DescopeAuthFilter::destroy);
    }

    private DescopeAuthFilter filter(Map<String, String> extra) throws ServletException {
        Map<String, String> settings = new HashMap<>(Map.of("projectId", PROJECT_ID,
                "managementKey", emulator.managementKey(), "baseUrl", emulator.baseUrl(), "publicBaseUrl", BASE,
                "sendLimitPerLoginId", "100", "sendLimitPerClient", "100"));
        settings.putAll(extra);
        DescopeAuthFilter filter = new DescopeAuthFilter(settings, filterClock);
        filter.init(context.filterConfig(Map.of()));
        filters.add(filter);
        return filter;
    }

    private FakeBrowser browser() {
        return new FakeBrowser(containerSessions, context.proxy());
    }

    /**
     * Runs {@code action} as the application's login page does: on a POST that passed through the filter and
     * carries the page's CSRF token, in {@code browser} (whose cookies the action may set).
     */
    private <T> T onLoginPage(DescopeAuthFilter filter, FakeBrowser browser, Function<HttpServletRequest, T> action)
            throws Exception {
        AtomicReference<String> token = new AtomicReference<>();
        browser.send(filter, new FakeRequest("GET", "/login"),
                (request, response) -> token.set(DescopeLinks.from(context.proxy()).csrfToken(request, response)));
        AtomicReference<T> result = new AtomicReference<>();
        browser.send(filter, new FakeRequest("POST", "/login").header("Origin", BASE).param("csrf", token.get()),
                (request, response) -> result.set(action.apply(request)));
        return result.get();
    }

    private DescopeLinks links() {
        return DescopeLinks.from(context.proxy());
    }

    private String latestLinkTo(String address) {
        return emulator.outbox().latestTo(address).orElseThrow().links().get(0).url();
    }

    /** Opens a link, presses the confirmation button, and returns the POST's exchange. */
    private Exchange openAndConfirm(DescopeAuthFilter filter, FakeBrowser browser, String link) throws Exception {
        Exchange page = browser.send(filter, FakeRequest.getUrl(link));
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
        Exchange answer = browser.send(filter, post);
        Matcher held = HELD_FIELD.matcher(answer.status() == 200 ? answer.response().body() : "");
        if (held.find()) {
            Matcher again = CSRF_FIELD.matcher(answer.response().body());
            assertThat(again.find()).isTrue();
            return browser.send(filter, new FakeRequest("POST", page.request().proxy().getServletPath())
                    .header("Origin", BASE).param("csrf", again.group(1)).param("held", held.group(1)));
        }
        return answer;
    }

    private Exchange signIn(DescopeAuthFilter filter, FakeBrowser browser, String email, String next) throws Exception {
        LinkSent sent = onLoginPage(filter, browser, request -> links().sendMagicLink(request,
                DeliveryMethod.EMAIL, LinkPurpose.SIGN_IN, email, next, null));
        assertThat(sent.outcome()).isEqualTo(SendOutcome.ACCEPTED);
        return openAndConfirm(filter, browser, latestLinkTo(email));
    }

    @Test
    void magicLinkByEmailSignsInAndTheApplicationSeesTheUser() throws Exception {
        DescopeAuthFilter filter = filter(Map.of());
        FakeBrowser browser = browser();

        Exchange login = signIn(filter, browser, "alice@example.com", "/orders/42");

        assertThat(login.status()).isEqualTo(303);
        assertThat(login.response().header("Location")).isEqualTo(BASE + "/orders/42");
        assertThat(browser.cookie(DS)).isPresent();
        assertThat(browser.cookie(DSR)).isPresent();

        Exchange page = browser.send(filter, new FakeRequest("GET", "/orders/42"));
        assertThat(page.reachedApp()).isTrue();
        DescopePrincipal principal = (DescopePrincipal) page.app().getUserPrincipal();
        assertThat(principal.getName()).isEqualTo(aliceId);
        assertThat(page.app().getRemoteUser()).isEqualTo(aliceId);
        assertThat(page.app().getAuthType()).isEqualTo("DESCOPE");
        assertThat(page.app().isUserInRole("viewer")).isTrue();
        assertThat(page.app().getAttribute(RequestAttributes.SESSION)).isNotNull();
    }

    @Test
    void theLinkPointsAtThePublicBaseUrlAndCarriesNothingButTheToken() throws Exception {
        DescopeAuthFilter filter = filter(Map.of());
        FakeBrowser browser = browser();
        AtomicReference<String> token = new AtomicReference<>();
        browser.send(filter, new FakeRequest("GET", "/login"),
                (request, response) -> token.set(links().csrfToken(request, response)));
        browser.send(filter, new FakeRequest("POST", "/login").header("Origin", BASE).param("csrf", token.get())
                        .header("Host", "evil.com").header("X-Forwarded-Host", "evil.com"),
                (request, response) -> links().sendMagicLink(request, DeliveryMethod.EMAIL, LinkPurpose.SIGN_IN,
                        "alice@example.com", "/orders/42", null));

        assertThat(latestLinkTo("alice@example.com")).matches(Pattern.quote(BASE + "/descope/verify?t=") + "[^&]+");
        assertThat(browser.cookie("__Host-DSLINK")).as("the link is bound to this browser").isPresent();
    }

    @Test
    void smsLinksWorkToo() throws Exception {
        DescopeAuthFilter filter = filter(Map.of());
        FakeBrowser browser = browser();
        LinkSent sent = onLoginPage(filter, browser, request -> links().sendMagicLink(request,
                DeliveryMethod.SMS, LinkPurpose.SIGN_IN, "+1 555 555 0100", null, null));

        assertThat(sent.maskedAddress()).isEqualTo("+***00");
        Exchange login = openAndConfirm(filter, browser, latestLinkTo("+15555550100"));
        assertThat(login.status()).isEqualTo(303);
        assertThat(login.response().header("Location")).isEqualTo(BASE + "/");
    }

    @Test
    void sl04_anUnknownAccountGetsTheSameAnswerAndNoMessage() throws Exception {
        DescopeAuthFilter filter = filter(Map.of());

        LinkSent known = onLoginPage(filter, browser(), request -> links().sendMagicLink(request,
                DeliveryMethod.EMAIL, LinkPurpose.SIGN_IN, "alice@example.com", null, null));
        LinkSent unknown = onLoginPage(filter, browser(), request -> links().sendMagicLink(request,
                DeliveryMethod.EMAIL, LinkPurpose.SIGN_IN, "anna@example.com", null, null));

        assertThat(unknown.outcome()).isEqualTo(known.outcome()).isEqualTo(SendOutcome.ACCEPTED);
        assertThat(unknown.message()).isEqualTo(known.message());
        assertThat(unknown.maskedAddress()).isEqualTo(known.maskedAddress());
        assertThat(emulator.outbox().messagesTo("anna@example.com")).isEmpty();
    }

    @Test
    void sl02_theFourthSendToOneAddressLooksSentButIsNot() throws Exception {
        DescopeAuthFilter filter = filter(Map.of("sendLimitPerLoginId", "3"));
        List<LinkSent> answers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            answers.add(onLoginPage(filter, browser(), request -> links().sendMagicLink(request,
                    DeliveryMethod.EMAIL, LinkPurpose.SIGN_IN, "Bob@example.com", null, null)));
        }

        assertThat(answers).allSatisfy(a -> assertThat(a).isEqualTo(answers.get(0)));
        assertThat(emulator.outbox().messagesTo("Bob@example.com")).hasSize(3);
    }

    @Test
    void malformedAddressesAreReportedAndNothingIsSent() throws Exception {
        DescopeAuthFilter filter = filter(Map.of());
        LinkSent answer = onLoginPage(filter, browser(), request -> links().sendMagicLink(request,
                DeliveryMethod.EMAIL, LinkPurpose.SIGN_IN, "alice@example.com\r\nBcc: all@example.com", null, null));

        assertThat(answer.outcome()).isEqualTo(SendOutcome.INVALID_INPUT);
        assertThat(answer.message()).contains("valid email");
        assertThat(emulator.outbox().messages()).isEmpty();
    }

    @Test
    void protectedPathsRedirectBrowsersAndRefuseApiClients() throws Exception {
        DescopeAuthFilter filter = filter(Map.of());

        Exchange page = browser().send(filter, new FakeRequest("GET", "/orders/42").query("tab=items"));
        Exchange api = browser().send(filter, new FakeRequest("GET", "/api/orders").header("Accept", "application/json"));

        assertThat(page.reachedApp()).isFalse();
        assertThat(page.status()).isEqualTo(302);
        assertThat(page.response().header("Location")).isEqualTo(BASE + "/login?next=%2Forders%2F42%3Ftab%3Ditems");
        assertThat(api.status()).isEqualTo(401);
        assertThat(api.response().header("WWW-Authenticate"))
                .isEqualTo("Bearer realm=\"descope\", error=\"invalid_token\"");
    }

    @Test
    void theLoginPageIsPublic() throws Exception {
        Exchange login = browser().send(filter(Map.of()), new FakeRequest("GET", "/login"));
        assertThat(login.reachedApp()).isTrue();
        assertThat(login.app().getUserPrincipal()).isNull();
    }

    @Test
    void pm05_ambiguousPathsAreRefusedBeforeAnythingElse() throws Exception {
        Exchange exchange = browser().send(filter(Map.of()),
                new FakeRequest("GET", "/public/x").requestUri("/public/..;/orders"));
        assertThat(exchange.status()).isEqualTo(400);
        assertThat(exchange.reachedApp()).isFalse();
    }

    @Test
    void se09_aSessionAttributeSetBeforeTheFilterIsNotBelieved() throws Exception {
        DescopeAuthFilter filter = filter(Map.of("publicPaths", "/public/*"));
        Exchange exchange = browser().send(filter, new FakeRequest("GET", "/public/x")
                .attribute(RequestAttributes.SESSION, "forged").header("X-Forwarded-User", aliceId));

        assertThat(exchange.app().getUserPrincipal()).isNull();
        assertThat(exchange.app().getAttribute(RequestAttributes.SESSION)).isNull();
    }

    @Test
    void tx01_aUsedLinkCannotSignInAgain() throws Exception {
        DescopeAuthFilter filter = filter(Map.of());
        signIn(filter, browser(), "alice@example.com", null);
        String link = latestLinkTo("alice@example.com");

        Exchange again = openAndConfirm(filter, browser(), link);
        assertThat(again.status()).isEqualTo(410);
        assertThat(again.response().cookies()).noneMatch(c -> c.getName().equals(DS));
    }

    @Test
    void tx08_anotherUsersLinkReplacesTheSessionAndRevokesTheOldOne() throws Exception {
        DescopeAuthFilter filter = filter(Map.of());
        FakeBrowser browser = browser();
        signIn(filter, browser, "alice@example.com", null);
        String aliceRefresh = browser.cookie(DSR).orElseThrow();

        signIn(filter, browser, "bob@example.com", null);

        Exchange page = browser.send(filter, new FakeRequest("GET", "/"));
        assertThat(page.app().getUserPrincipal().getName()).isEqualTo(bobId);
        try (DescopeClient client = client()) {
            assertThatThrownBy(() -> client.refresh(aliceRefresh)).isInstanceOf(DescopeException.class);
        }
    }

    @Test
    void hw02_aLinkOpenedInAnotherBrowserNamesTheFullAccountAndSignsInOnlyAfterAClick() throws Exception {
        DescopeAuthFilter filter = filter(Map.of());
        LinkSent sent = onLoginPage(filter, browser(), request -> links().sendMagicLink(request,
                DeliveryMethod.EMAIL, LinkPurpose.SIGN_IN, "bob@example.com", null, null));
        assertThat(sent.outcome()).isEqualTo(SendOutcome.ACCEPTED);
        FakeBrowser victim = browser();

        Exchange page = victim.send(filter, FakeRequest.getUrl(latestLinkTo("bob@example.com")));
        Matcher csrf = CSRF_FIELD.matcher(page.response().body());
        assertThat(csrf.find()).isTrue();
        Exchange verified = victim.send(filter, new FakeRequest("POST", "/descope/verify").header("Origin", BASE)
                .param("csrf", csrf.group(1)).param("t", page.request().proxy().getParameter("t")));

        assertThat(verified.status()).isEqualTo(200);
        assertThat(verified.response().body()).contains("You are signing in as bob@example.com");
        assertThat(verified.response().cookies()).noneMatch(c -> c.getName().equals(DS));
        assertThat(victim.send(filter, new FakeRequest("GET", "/orders")).reachedApp()).isFalse();
    }

    @Test
    void logoutEndsTheSessionHereAndAtDescope() throws Exception {
        DescopeAuthFilter filter = filter(Map.of());
        FakeBrowser browser = browser();
        signIn(filter, browser, "alice@example.com", null);
        String refresh = browser.cookie(DSR).orElseThrow();
        String csrf = browser.cookie(DSCSRF).orElseThrow();

        Exchange refused = browser.send(filter, new FakeRequest("POST", "/descope/logout").header("Origin", BASE));
        Exchange get = browser.send(filter, new FakeRequest("GET", "/descope/logout"));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(get.status()).isEqualTo(405);
        assertThat(browser.cookie(DS)).isPresent();

        Exchange logout = browser.send(filter, new FakeRequest("POST", "/descope/logout").header("Origin", BASE)
                .param("csrf", csrf));

        assertThat(logout.status()).isEqualTo(303);
        assertThat(logout.response().header("Location")).isEqualTo(BASE + "/");
        assertThat(browser.cookie(DS)).isEmpty();
        assertThat(browser.cookie(DSR)).isEmpty();
        try (DescopeClient client = client()) {
            assertThatThrownBy(() -> client.refresh(refresh)).isInstanceOf(DescopeException.class);
        }
    }

    @Test
    void anExpiredSessionIsRefreshedTransparently() throws Exception {
        DescopeAuthFilter filter = filter(Map.of());
        FakeBrowser browser = withExpiredSession("alice@example.com");
        String expiredSession = browser.cookie(DS).orElseThrow();

        Exchange page = browser.send(filter, new FakeRequest("GET", "/orders"));

        assertThat(page.reachedApp()).isTrue();
        assertThat(page.app().getUserPrincipal().getName()).isEqualTo(aliceId);
        assertThat(browser.cookie(DS)).isPresent().get().isNotEqualTo(expiredSession);
    }

    /** A browser holding a session JWT that expired 20 minutes ago and a refresh JWT that is still good. */
    private FakeBrowser withExpiredSession(String loginId) {
        emulatorClock.set(Instant.now().minus(Duration.ofMinutes(30)));
        EmulatorTokens old = emulator.issueSession(loginId);
        emulatorClock.set(Instant.now());
        FakeBrowser browser = browser();
        browser.setCookie(DS, old.sessionJwt());
        browser.setCookie(DSR, old.refreshJwt());
        return browser;
    }

    @Test
    void rl08_aFailedRefreshMeansSignedOut() throws Exception {
        DescopeAuthFilter filter = filter(Map.of());
        FakeBrowser browser = withExpiredSession("alice@example.com");
        try (DescopeClient client = client()) {
            client.logout(browser.cookie(DSR).orElseThrow());
        }

        Exchange page = browser.send(filter, new FakeRequest("GET", "/orders"));

        assertThat(page.reachedApp()).isFalse();
        assertThat(page.status()).isEqualTo(302);
        assertThat(browser.cookie(DS)).isEmpty();
    }

    @Test
    void bearerTokensAreAcceptedOnlyWhenEnabled() throws Exception {
        EmulatorTokens tokens = emulator.issueSession("alice@example.com");
        FakeRequest withBearer = new FakeRequest("GET", "/api/me").header("Authorization", "Bearer " + tokens.sessionJwt());

        Exchange enabled = browser().send(filter(Map.of("acceptBearer", "true")), withBearer);
        Exchange disabled = browser().send(filter(Map.of()),
                new FakeRequest("GET", "/api/me").header("Authorization", "Bearer " + tokens.sessionJwt()));
        Exchange refreshAsBearer = browser().send(filter(Map.of("acceptBearer", "true")),
                new FakeRequest("GET", "/api/me").header("Authorization", "Bearer " + tokens.refreshJwt()));

        assertThat(enabled.app().getUserPrincipal().getName()).isEqualTo(aliceId);
        assertThat(disabled.status()).isEqualTo(401);
        assertThat(refreshAsBearer.status()).isEqualTo(401);
    }

    @Test
    void se01_theHttpSessionStoreChangesTheSessionIdOnLoginAndSetsNoTokenCookies() throws Exception {
        DescopeAuthFilter filter = filter(Map.of("sessionStore", "http-session"));
        FakeBrowser browser = browser();
        FakeRequest preLogin = browser.send(filter, new FakeRequest("GET", "/login")).request();
        preLogin.proxy().getSession(true);
        String before = preLogin.session().getId();
        browser.setSessionId(before);

        Exchange login = signIn(filter, browser, "alice@example.com", null);

        assertThat(login.status()).isEqualTo(303);
        assertThat(browser.cookie(DS)).isEmpty();
        assertThat(browser.sessionId()).isNotNull().isNotEqualTo(before);
        assertThat(containerSessions.find(before)).isNull();
        assertThat(browser.session().attribute(HttpSessionStore.ATTRIBUTE)).isNotNull();
        assertThat(browser.send(filter, new FakeRequest("GET", "/x")).app().getRemoteUser()).isEqualTo(aliceId);
    }

    @Test
    void embeddedLinksSignInThroughTheLanding() throws Exception {
        DescopeAuthFilter filter = filter(Map.of());
        String url = DescopeLinks.from(context.proxy()).embeddedLinkUrl("alice@example.com", Map.of("plan", "gold"),
                Duration.ofMinutes(5), "/welcome");

        assertThat(url).startsWith(BASE + "/descope/verify?next=%2Fwelcome&t=");
        FakeBrowser browser = browser();
        Exchange login = openAndConfirm(filter, browser, url);
        assertThat(login.response().header("Location")).isEqualTo(BASE + "/welcome");
        DescopePrincipal principal = (DescopePrincipal) browser.send(filter, new FakeRequest("GET", "/welcome"))
                .app().getUserPrincipal();
        assertThat(principal.claims()).containsEntry("plan", "gold");
    }

    @Test
    void enchantedLinkSignsInTheBrowserThatAskedAndNoOther() throws Exception {
        DescopeAuthFilter filter = filter(Map.of());
        FakeBrowser desktop = browser();
        FakeBrowser phone = browser();
        FakeBrowser attacker = browser();
        EnchantedLinkStarted answer = onLoginPage(filter, desktop, request -> links().startEnchantedLink(request,
                LinkPurpose.SIGN_IN, "alice@example.com", "/orders", null));

        assertThat(answer.outcome()).isEqualTo(SendOutcome.ACCEPTED);
        assertThat(answer.linkId()).isNotBlank();
        assertThat(desktop.cookie("__Host-DSPENDING")).as("the wait is bound to this browser").isPresent();
        assertThat(desktop.session()).as("no HttpSession holds the pending sign-in").isNull();

        Exchange pendingPoll = desktop.send(filter, new FakeRequest("GET", "/descope/poll"));
        assertThat(pendingPoll.response().body()).isEqualTo("{\"status\":\"pending\"}");

        OutboxLink chosen = emulator.outbox().latestTo("alice@example.com").orElseThrow().links().stream()
                .filter(link -> answer.linkId().equals(link.linkId())).findFirst().orElseThrow();
        Exchange confirmed = openAndConfirm(filter, phone, chosen.url());
        assertThat(confirmed.status()).isEqualTo(200);
        assertThat(confirmed.response().body()).contains("is now signed in");
        assertThat(phone.cookie(DS)).isEmpty();

        Exchange stolen = attacker.send(filter, new FakeRequest("GET", "/descope/poll"));
        assertThat(stolen.status()).isEqualTo(403);
        assertThat(stolen.response().body()).isEqualTo("{\"status\":\"none\"}");

        long pollsBefore = emulator.requestCount("/v1/auth/enchantedlink/pending-session");
        Exchange throttled = desktop.send(filter, new FakeRequest("GET", "/descope/poll"));
        assertThat(throttled.response().body()).isEqualTo("{\"status\":\"pending\"}");
        assertThat(emulator.requestCount("/v1/auth/enchantedlink/pending-session")).isEqualTo(pollsBefore);

        filterClock.advance(Duration.ofSeconds(1));
        Exchange done = desktop.send(filter, new FakeRequest("GET", "/descope/poll"));
        assertThat(done.response().body()).isEqualTo("{\"status\":\"done\",\"next\":\"/orders\"}");
        assertThat(desktop.cookie(DS)).isPresent();
        assertThat(desktop.send(filter, new FakeRequest("GET", "/orders")).app().getRemoteUser()).isEqualTo(aliceId);

        Exchange after = desktop.send(filter, new FakeRequest("GET", "/descope/poll"));
        assertThat(after.status()).isEqualTo(403);
    }

    @Test
    void el_anUnknownAddressGetsADecoyThatStaysPendingUntilItExpires() throws Exception {
        DescopeAuthFilter filter = filter(Map.of());
        FakeBrowser desktop = browser();
        EnchantedLinkStarted answer = onLoginPage(filter, desktop, request -> links().startEnchantedLink(request,
                LinkPurpose.SIGN_IN, "nobody@example.com", null, null));

        assertThat(answer.outcome()).isEqualTo(SendOutcome.ACCEPTED);
        assertThat(answer.linkId()).matches("[0-9]{2}");
        assertThat(emulator.outbox().messagesTo("nobody@example.com")).isEmpty();
        assertThat(desktop.send(filter, new FakeRequest("GET", "/descope/poll")).response().body())
                .isEqualTo("{\"status\":\"pending\"}");

        filterClock.advance(Duration.ofMinutes(11));
        assertThat(desktop.send(filter, new FakeRequest("GET", "/descope/poll")).response().body())
                .isEqualTo("{\"status\":\"expired\"}");
        assertThat(desktop.send(filter, new FakeRequest("GET", "/descope/poll")).status()).isEqualTo(403);
    }

    @Test
    void updateEmailSendsAConfirmationLinkToTheNewAddressForTheSignedInUserOnlyAndAddsItAsLoginId() throws Exception {
        DescopeAuthFilter filter = filter(Map.of());
        emulator.createUser(EmulatorUser.builder("carol@example.com").build());
        FakeBrowser browser = browser();
        signIn(filter, browser, "carol@example.com", null);
        DescopeLinks links = DescopeLinks.from(context.proxy());

        LinkSent sent = onLoginPage(filter, browser, request -> links.updateEmail(request, "carol.new@example.com",
                "/account"));
        LinkSent anonymous = onLoginPage(filter, browser(), request -> links.updateEmail(request,
                "carol.other@example.com", null));

        assertThat(sent.outcome()).isEqualTo(SendOutcome.ACCEPTED);
        assertThat(anonymous.outcome()).isEqualTo(SendOutcome.NOT_SIGNED_IN);
        Exchange confirmed = openAndConfirm(filter, browser, latestLinkTo("carol.new@example.com"));
        assertThat(confirmed.status()).isEqualTo(303);
        assertThat(confirmed.response().header("Location")).isEqualTo(BASE + "/account");
        assertThat(emulator.issueSession("carol.new@example.com").sessionJwt())
                .as("the new address became a login ID, so the user can sign in with it").isNotBlank();
    }

    @Test
    void rl12_missingSettingsStopTheFilterFromStarting() {
        DescopeAuthFilter filter = new DescopeAuthFilter();
        assertThatThrownBy(() -> filter.init(context.filterConfig(Map.of("publicBaseUrl", BASE))))
                .isInstanceOf(ServletException.class).hasMessageContaining("projectId");
        assertThat(context.proxy().getAttribute(DescopeLinks.CONTEXT_ATTRIBUTE)).isNull();
    }

    @Test
    void rl12_aProjectDescopeRefusesStopsTheFilterFromStarting() {
        DescopeAuthFilter filter = new DescopeAuthFilter(Map.of("projectId", "P0000000000000000000000000000",
                "baseUrl", emulator.baseUrl(), "publicBaseUrl", BASE));
        assertThatThrownBy(() -> filter.init(context.filterConfig(Map.of())))
                .isInstanceOf(ServletException.class).hasMessageContaining("projectId");
    }

    @Test
    void settingsCanComeFromInitParamsAndContextParams() throws Exception {
        context.contextParam("projectId", PROJECT_ID).contextParam("baseUrl", emulator.baseUrl());
        DescopeAuthFilter filter = new DescopeAuthFilter();
        filter.init(context.filterConfig(Map.of("publicBaseUrl", BASE, "landingMode", "direct")));
        filters.add(filter);

        assertThat(DescopeLinks.from(context.proxy())).isNotNull();
        Exchange landing = browser().send(filter, new FakeRequest("GET", "/descope/verify").query("t=unknown-token"));
        assertThat(landing.status()).isEqualTo(410);
    }

    @Test
    void destroyUnpublishesDescopeLinks() throws Exception {
        DescopeAuthFilter filter = filter(Map.of());
        filter.destroy();
        filters.remove(filter);
        assertThatThrownBy(() -> DescopeLinks.from(context.proxy())).isInstanceOf(IllegalStateException.class);
    }

    /** The CSRF token of {@code browser}, as the login page would render it. */
    private String csrfOf(DescopeAuthFilter filter, FakeBrowser browser) throws Exception {
        AtomicReference<String> token = new AtomicReference<>();
        browser.send(filter, new FakeRequest("GET", "/login"),
                (request, response) -> token.set(links().csrfToken(request, response)));
        return token.get();
    }

    @Test
    void signOutEverywhereEndsTheOtherBrowsersSessionsAtTheirNextRefresh() throws Exception {
        DescopeAuthFilter filter = filter(Map.of());
        FakeBrowser laptop = withExpiredSession("alice@example.com");
        FakeBrowser phone = browser();
        signIn(filter, phone, "alice@example.com", null);

        Exchange get = phone.send(filter, new FakeRequest("GET", "/descope/logout-all"));
        Exchange done = phone.send(filter, new FakeRequest("POST", "/descope/logout-all").header("Origin", BASE)
                .param("csrf", csrfOf(filter, phone)));

        assertThat(get.status()).isEqualTo(405);
        assertThat(done.status()).isEqualTo(303);
        assertThat(phone.cookie(DS)).isEmpty();
        Exchange laptopPage = laptop.send(filter, new FakeRequest("GET", "/orders"));
        assertThat(laptopPage.reachedApp()).as("the other browser's refresh fails").isFalse();
        assertThat(laptopPage.status()).isEqualTo(302);
    }

    @Test
    void signOutEverywhereThroughDescopeLinks() throws Exception {
        DescopeAuthFilter filter = filter(Map.of());
        FakeBrowser laptop = withExpiredSession("alice@example.com");
        FakeBrowser phone = browser();
        signIn(filter, phone, "alice@example.com", null);
        AtomicReference<Boolean> ended = new AtomicReference<>();
        AtomicReference<Object> userAfter = new AtomicReference<>();

        phone.send(filter, new FakeRequest("POST", "/account"), (request, response) -> {
            ended.set(links().signOutEverywhere(request));
            userAfter.set(request.getUserPrincipal());
        });

        assertThat(ended.get()).isTrue();
        assertThat(userAfter.get()).isNull();
        assertThat(laptop.send(filter, new FakeRequest("GET", "/orders")).reachedApp()).isFalse();
        assertThat(phone.send(filter, new FakeRequest("GET", "/orders")).reachedApp()).isFalse();
    }

    @Test
    void selectingATenantMakesItCurrentAndRolesFollowIt() throws Exception {
        DescopeAuthFilter filter = filter(Map.of());
        FakeBrowser browser = browser();
        signIn(filter, browser, "alice@example.com", null);
        assertThat(browser.send(filter, new FakeRequest("GET", "/x")).app().isUserInRole("editor")).isFalse();

        Exchange refused = browser.send(filter, new FakeRequest("POST", "/descope/tenant").header("Origin", BASE)
                .param("csrf", csrfOf(filter, browser)).param("tenant", "not-mine"));
        Exchange selected = browser.send(filter, new FakeRequest("POST", "/descope/tenant").header("Origin", BASE)
                .param("csrf", csrfOf(filter, browser)).param("tenant", "t1").param("next", "/projects"));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(selected.status()).isEqualTo(303);
        assertThat(selected.response().header("Location")).isEqualTo(BASE + "/projects");
        HttpServletRequest page = browser.send(filter, new FakeRequest("GET", "/x")).app();
        assertThat(((DescopePrincipal) page.getUserPrincipal()).currentTenant()).isEqualTo("t1");
        assertThat(page.isUserInRole("editor")).isTrue();
        assertThat(page.getUserPrincipal().getName()).isEqualTo(aliceId);
    }

    @Test
    void selectTenantThroughDescopeLinksChangesThisRequestsRolesAtOnce() throws Exception {
        DescopeAuthFilter filter = filter(Map.of());
        FakeBrowser browser = browser();
        signIn(filter, browser, "alice@example.com", null);
        AtomicReference<Boolean> roleAfter = new AtomicReference<>();

        browser.send(filter, new FakeRequest("POST", "/account"), (request, response) -> {
            assertThat(links().selectTenant(request, "t1")).isTrue();
            roleAfter.set(request.isUserInRole("editor"));
        });

        assertThat(roleAfter.get()).isTrue();
        assertThat(browser.send(filter, new FakeRequest("GET", "/x")).app().isUserInRole("editor")).isTrue();
    }

    @Test
    void currentUserReadsDescopeOncePerSession() throws Exception {
        DescopeAuthFilter filter = filter(Map.of());
        FakeBrowser browser = browser();
        signIn(filter, browser, "alice@example.com", null);
        long before = emulator.requestCount("/v1/auth/me");
        List<Optional<io.descopefilter.core.DescopeUser>> seen = new ArrayList<>();

        for (int i = 0; i < 3; i++) {
            browser.send(filter, new FakeRequest("GET", "/dashboard"),
                    (request, response) -> seen.add(links().currentUser(request)));
        }
        Optional<io.descopefilter.core.DescopeUser> anonymous = Optional.empty();
        AtomicReference<Optional<io.descopefilter.core.DescopeUser>> nobody = new AtomicReference<>(anonymous);
        browser().send(filter, new FakeRequest("GET", "/login"),
                (request, response) -> nobody.set(links().currentUser(request)));

        assertThat(seen).allSatisfy(user -> assertThat(user).hasValueSatisfying(u ->
                assertThat(u.loginIds()).contains("alice@example.com")));
        assertThat(emulator.requestCount("/v1/auth/me") - before).isEqualTo(1);
        assertThat(nobody.get()).isEmpty();
    }

    @Test
    void stepUpPathsNeedARecentSignInAndSendBrowsersToTheLoginPageWithStepUp() throws Exception {
        DescopeAuthFilter filter = filter(Map.of("stepUpPaths", "/account/*", "stepUpMaxAge", "600"));
        FakeBrowser stale = withExpiredSession("alice@example.com");
        FakeBrowser fresh = browser();
        signIn(filter, fresh, "alice@example.com", null);

        Exchange staleAccount = stale.send(filter, new FakeRequest("GET", "/account/email"));
        Exchange staleApi = stale.send(filter, new FakeRequest("GET", "/account/email")
                .header("Accept", "application/json"));
        Exchange freshAccount = fresh.send(filter, new FakeRequest("GET", "/account/email"));

        assertThat(stale.send(filter, new FakeRequest("GET", "/orders")).reachedApp()).isTrue();
        assertThat(staleAccount.status()).isEqualTo(302);
        assertThat(staleAccount.response().header("Location"))
                .isEqualTo(BASE + "/login?next=%2Faccount%2Femail&stepup=true");
        assertThat(staleApi.status()).isEqualTo(403);
        assertThat(staleApi.response().header("WWW-Authenticate")).contains("insufficient_user_authentication");
        assertThat(freshAccount.reachedApp()).isTrue();
        DescopePrincipal principal = (DescopePrincipal) freshAccount.app().getUserPrincipal();
        assertThat(principal.authenticatedAt()).isPresent();
        assertThat(principal.isSteppedUp()).isFalse();
    }

    @Test
    void aStepUpLinkFromTheLoginPageSatisfiesTheStepUpPathAndMarksTheSession() throws Exception {
        DescopeAuthFilter filter = filter(Map.of("stepUpPaths", "/account/*"));
        FakeBrowser browser = withExpiredSession("alice@example.com");
        assertThat(browser.send(filter, new FakeRequest("GET", "/account/email")).status()).isEqualTo(302);

        LinkSent sent = onLoginPage(filter, browser, request -> links().sendMagicLink(request, DeliveryMethod.EMAIL,
                LinkPurpose.SIGN_IN, "alice@example.com", "/account/email",
                io.descopefilter.core.LoginOptions.builder().stepup(true).build()));
        assertThat(sent.outcome()).isEqualTo(SendOutcome.ACCEPTED);
        Exchange login = openAndConfirm(filter, browser, latestLinkTo("alice@example.com"));

        assertThat(login.response().header("Location")).isEqualTo(BASE + "/account/email");
        Exchange account = browser.send(filter, new FakeRequest("GET", "/account/email"));
        assertThat(account.reachedApp()).isTrue();
        DescopePrincipal principal = (DescopePrincipal) account.app().getUserPrincipal();
        assertThat(principal.getName()).isEqualTo(aliceId);
        assertThat(principal.isSteppedUp()).isTrue();
    }

    @Test
    void maxSessionAgeEndsASessionWhateverItsRefreshTokenSays() throws Exception {
        DescopeAuthFilter filter = filter(Map.of("maxSessionAge", "600"));
        FakeBrowser old = withExpiredSession("alice@example.com");
        FakeBrowser recent = browser();
        signIn(filter, recent, "alice@example.com", null);

        Exchange oldPage = old.send(filter, new FakeRequest("GET", "/orders/7"));

        assertThat(oldPage.reachedApp()).as("signed in 30 minutes ago, limit 10").isFalse();
        assertThat(oldPage.response().header("Location")).isEqualTo(BASE + "/login?next=%2Forders%2F7");
        assertThat(old.cookie(DSR)).isEmpty();
        assertThat(recent.send(filter, new FakeRequest("GET", "/orders")).reachedApp()).isTrue();
    }

    @Test
    void idleTimeoutSignsOutABrowserThatWasAwayTooLong() throws Exception {
        DescopeAuthFilter filter = filter(Map.of("idleTimeout", "300"));
        FakeBrowser browser = browser();
        signIn(filter, browser, "alice@example.com", null);
        filterClock.advance(Duration.ofMinutes(4));
        assertThat(browser.send(filter, new FakeRequest("GET", "/orders")).reachedApp()).isTrue();
        filterClock.advance(Duration.ofMinutes(4));
        assertThat(browser.send(filter, new FakeRequest("GET", "/orders")).reachedApp())
                .as("four minutes after the last request").isTrue();

        filterClock.advance(Duration.ofMinutes(6));
        Exchange away = browser.send(filter, new FakeRequest("GET", "/orders"));

        assertThat(away.reachedApp()).isFalse();
        assertThat(away.status()).isEqualTo(302);
    }

    @Test
    void apiClientsWithoutAValidSessionGetJsonAndRfc6750Headers() throws Exception {
        DescopeAuthFilter filter = filter(Map.of());
        Exchange api = browser().send(filter, new FakeRequest("GET", "/api/orders").header("Accept", "application/json"));

        assertThat(api.status()).isEqualTo(401);
        assertThat(api.response().header("WWW-Authenticate"))
                .isEqualTo("Bearer realm=\"descope\", error=\"invalid_token\"");
        assertThat(api.response().contentType()).startsWith("application/json");
        assertThat(api.response().body()).isEqualTo("{\"error\":\"invalid_token\",\"login\":\"" + BASE
                + "/login?next=%2Fapi%2Forders\"}");
    }

    @Test
    void anInvitationCreatesTheUserAndItsEmbeddedLinkSignsInWithTheCustomClaim() throws Exception {
        DescopeAuthFilter filter = filter(Map.of());
        String url = links().embeddedSignUpLinkUrl("invitee@example.com",
                SignUpUser.named("Ivy Invitee"), LoginOptions.builder().customClaims(Map.of("invitedBy", "alice"))
                        .build(), Duration.ofMinutes(30), "/welcome");
        FakeBrowser browser = browser();

        Exchange login = openAndConfirm(filter, browser, url);

        assertThat(login.status()).isEqualTo(303);
        assertThat(login.response().header("Location")).isEqualTo(BASE + "/welcome");
        DescopePrincipal principal = (DescopePrincipal) browser.send(filter, new FakeRequest("GET", "/welcome"))
                .app().getUserPrincipal();
        assertThat(principal.claims()).containsEntry("invitedBy", "alice");
        AtomicReference<Optional<io.descopefilter.core.DescopeUser>> me = new AtomicReference<>();
        browser.send(filter, new FakeRequest("GET", "/welcome"),
                (request, response) -> me.set(links().currentUser(request)));
        assertThat(me.get()).hasValueSatisfying(user -> assertThat(user.name()).isEqualTo("Ivy Invitee"));
    }

    @Test
    void aTokenTheApplicationHoldsIsVerifiedThroughTheLanding() throws Exception {
        DescopeAuthFilter filter = filter(Map.of());
        String token;
        try (DescopeClient management = DescopeClient.create(DescopeClientConfig.builder().projectId(PROJECT_ID)
                .managementKey(emulator.managementKey()).baseUrl(emulator.baseUrl()).build())) {
            token = management.generateEmbeddedLink("alice@example.com", Map.of(), 0);
        }

        String url = links().landingUrlFor(token, "/orders");
        Exchange login = openAndConfirm(filter, browser(), url);

        assertThat(url).isEqualTo(BASE + "/descope/verify?next=%2Forders&t=" + token);
        assertThat(login.response().header("Location")).isEqualTo(BASE + "/orders");
        assertThatThrownBy(() -> links().landingUrlFor("bad\ntoken", null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void loginOptionsReachDescopeAndTheSession() throws Exception {
        DescopeAuthFilter filter = filter(Map.of());
        FakeBrowser browser = browser();
        LoginOptions options = LoginOptions.builder().customClaims(Map.of("plan", "gold")).templateId("welcome-v2")
                .templateOptions(Map.of("greeting", "Hi")).locale("de").tenantId("t1").ssoAppId("portal")
                .providerId("ses-eu").build();

        LinkSent sent = onLoginPage(filter, browser, request -> links().sendMagicLink(request, DeliveryMethod.EMAIL,
                LinkPurpose.SIGN_IN, "alice@example.com", null, options));
        io.descopefilter.emulator.OutboxMessage message = emulator.outbox().latestTo("alice@example.com")
                .orElseThrow();
        Exchange login = openAndConfirm(filter, browser, message.links().get(0).url());

        assertThat(sent.outcome()).isEqualTo(SendOutcome.ACCEPTED);
        assertThat(message.options()).containsEntry("templateId", "welcome-v2").containsEntry("locale", "de")
                .containsEntry("ssoAppId", "portal").containsEntry("providerId", "ses-eu");
        assertThat(login.status()).isEqualTo(303);
        DescopePrincipal principal = (DescopePrincipal) browser.send(filter, new FakeRequest("GET", "/x")).app()
                .getUserPrincipal();
        assertThat(principal.claims()).containsEntry("plan", "gold");
        assertThat(principal.currentTenant()).isEqualTo("t1");
    }

    @Test
    void revokeOtherSessionsEndsTheUsersOtherBrowsers() throws Exception {
        DescopeAuthFilter filter = filter(Map.of());
        FakeBrowser laptop = withExpiredSession("alice@example.com");
        FakeBrowser phone = browser();

        onLoginPage(filter, phone, request -> links().sendMagicLink(request, DeliveryMethod.EMAIL,
                LinkPurpose.SIGN_IN, "alice@example.com", null,
                LoginOptions.builder().revokeOtherSessions(true).build()));
        assertThat(openAndConfirm(filter, phone, latestLinkTo("alice@example.com")).status()).isEqualTo(303);

        assertThat(laptop.send(filter, new FakeRequest("GET", "/orders")).reachedApp()).isFalse();
        assertThat(phone.send(filter, new FakeRequest("GET", "/orders")).reachedApp()).isTrue();
    }

    @Test
    void aSignUpLinkCarriesTheProfile() throws Exception {
        DescopeAuthFilter filter = filter(Map.of());
        FakeBrowser browser = browser();
        onLoginPage(filter, browser, request -> links().sendSignUpLink(request, DeliveryMethod.EMAIL,
                "dora@example.com", new SignUpUser("Dora Explorer", "Dora", null, "Explorer", null, null), null,
                null));
        openAndConfirm(filter, browser, latestLinkTo("dora@example.com"));
        AtomicReference<Optional<io.descopefilter.core.DescopeUser>> me = new AtomicReference<>();

        browser.send(filter, new FakeRequest("GET", "/x"), (request, response) -> me.set(links().currentUser(request)));

        assertThat(me.get()).hasValueSatisfying(user -> {
            assertThat(user.name()).isEqualTo("Dora Explorer");
            assertThat(user.loginIds()).contains("dora@example.com");
        });
    }

    @Test
    void anEmailUpdateCanLeaveTheLoginIdsAlone() throws Exception {
        DescopeAuthFilter filter = filter(Map.of());
        emulator.createUser(EmulatorUser.builder("erin@example.com").build());
        FakeBrowser browser = browser();
        signIn(filter, browser, "erin@example.com", null);

        LinkSent sent = onLoginPage(filter, browser, request -> links().updateEmail(request, "erin.new@example.com",
                null, io.descopefilter.core.UpdateOptions.builder().addToLoginIds(false).build()));
        Exchange confirmed = openAndConfirm(filter, browser, latestLinkTo("erin.new@example.com"));
        AtomicReference<Optional<io.descopefilter.core.DescopeUser>> me = new AtomicReference<>();
        browser.send(filter, new FakeRequest("GET", "/x"), (request, response) -> me.set(links().currentUser(request)));

        assertThat(sent.outcome()).isEqualTo(SendOutcome.ACCEPTED);
        assertThat(confirmed.status()).isEqualTo(303);
        assertThat(me.get()).hasValueSatisfying(user -> assertThat(user.loginIds())
                .contains("erin@example.com").doesNotContain("erin.new@example.com"));
    }

    @Test
    void hw07_anEmailUpdateNeedsARecentSignIn() throws Exception {
        DescopeAuthFilter filter = filter(Map.of("recentSignInForUpdates", "600"));
        FakeBrowser browser = withExpiredSession("alice@example.com");

        LinkSent sent = onLoginPage(filter, browser, request -> links().updateEmail(request, "alice.new@example.com",
                null));

        assertThat(sent.outcome()).isEqualTo(SendOutcome.SIGN_IN_AGAIN);
        assertThat(emulator.outbox().messagesTo("alice.new@example.com")).isEmpty();
    }

    @Test
    void hw08_everySendChecksTheCsrfTokenItself() throws Exception {
        DescopeAuthFilter filter = filter(Map.of());
        AtomicReference<LinkSent> sent = new AtomicReference<>();
        AtomicReference<EnchantedLinkStarted> started = new AtomicReference<>();

        browser().send(filter, new FakeRequest("POST", "/login").header("Origin", "https://evil.example"),
                (request, response) -> {
                    sent.set(links().sendMagicLink(request, DeliveryMethod.EMAIL, LinkPurpose.SIGN_IN,
                            "alice@example.com", null, null));
                    started.set(links().startEnchantedLink(request, LinkPurpose.SIGN_IN, "alice@example.com", null,
                            null));
                });

        assertThat(sent.get().outcome()).isEqualTo(SendOutcome.NOT_FROM_THIS_SITE);
        assertThat(started.get().outcome()).isEqualTo(SendOutcome.NOT_FROM_THIS_SITE);
        assertThat(emulator.outbox().messagesTo("alice@example.com")).isEmpty();
    }

    @Test
    void requiredRolesGiveUsersWithoutTheRoleA403AndApiClientsRfc6750Json() throws Exception {
        DescopeAuthFilter filter = filter(Map.of("requiredRoles", "/reports/*=viewer,/admin/*=admin"));
        FakeBrowser alice = browser();
        signIn(filter, alice, "alice@example.com", null);
        FakeBrowser bob = browser();
        signIn(filter, bob, "bob@example.com", null);

        Exchange aliceReports = alice.send(filter, new FakeRequest("GET", "/reports/q3"));
        Exchange aliceAdmin = alice.send(filter, new FakeRequest("GET", "/admin/users"));
        Exchange bobReports = bob.send(filter, new FakeRequest("GET", "/reports/q3")
                .header("Accept", "application/json"));

        assertThat(aliceReports.reachedApp()).isTrue();
        assertThat(aliceAdmin.reachedApp()).isFalse();
        assertThat(aliceAdmin.status()).isEqualTo(403);
        assertThat(aliceAdmin.response().body()).contains("You do not have access to this page");
        assertThat(bobReports.status()).isEqualTo(403);
        assertThat(bobReports.response().header("WWW-Authenticate"))
                .isEqualTo("Bearer realm=\"descope\", error=\"insufficient_scope\"");
        assertThat(bobReports.response().body()).isEqualTo("{\"error\":\"insufficient_scope\"}");
        assertThatThrownBy(() -> filter(Map.of("requiredRoles", "/admin/*")))
                .isInstanceOf(ServletException.class).hasMessageContaining("requiredRoles");
    }

    @Test
    void anMfaLinkKeepsTheUserAndAddsMfaToTheAuthenticationMethods() throws Exception {
        DescopeAuthFilter filter = filter(Map.of());
        FakeBrowser browser = browser();
        signIn(filter, browser, "alice@example.com", null);

        LinkSent sent = onLoginPage(filter, browser, request -> links().sendMagicLink(request, DeliveryMethod.EMAIL,
                LinkPurpose.SIGN_IN, "alice@example.com", null, LoginOptions.builder().mfa(true).build()));
        Exchange login = openAndConfirm(filter, browser, latestLinkTo("alice@example.com"));

        assertThat(sent.outcome()).isEqualTo(SendOutcome.ACCEPTED);
        assertThat(login.status()).isEqualTo(303);
        DescopePrincipal principal = (DescopePrincipal) browser.send(filter, new FakeRequest("GET", "/x")).app()
                .getUserPrincipal();
        assertThat(principal.getName()).isEqualTo(aliceId);
        assertThat(principal.session().authenticationMethods()).contains("mfa");
    }

    private static DescopeClient client() {
        return DescopeClient.create(DescopeClientConfig.builder().projectId(PROJECT_ID).baseUrl(emulator.baseUrl())
                .build());
    }
}
