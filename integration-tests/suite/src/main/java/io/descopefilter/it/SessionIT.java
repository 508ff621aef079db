package io.descopefilter.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.descopefilter.emulator.EmulatorTokens;
import io.descopefilter.emulator.Fault;
import io.descopefilter.it.support.Browser;
import io.descopefilter.it.support.Concurrently;
import io.descopefilter.it.support.DescopeApi;
import io.descopefilter.it.support.Eventually;
import io.descopefilter.it.support.LinkSignIn;
import io.descopefilter.it.support.Page;
import io.descopefilter.it.support.RawHttp;
import io.descopefilter.it.support.SetCookie;
import io.descopefilter.it.support.TestApp;
import io.descopefilter.it.support.TestDescope;
import io.descopefilter.it.support.TestUser;
import io.descopefilter.it.support.TokenForge;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Sessions after sign-in: both stores, transparent refresh, and checklist SE (fixation, cookie attributes and
 * size, cookie tossing, token confusion, expiry, disabled users, spoofed identity headers, refresh stampedes, URL
 * rewriting). Expired session JWTs are made by re-signing real ones with the emulator's key ({@link TokenForge}),
 * so only one test waits for a real (two-second) expiry.
 *
 * <p>SE-02 and the {@code __Host-} prefix: the cookies keep Descope's names {@code DS}/{@code DSR} and the
 * context path as {@code Path}, which {@code __Host-} forbids; they are host-only (no {@code Domain}) instead.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
public class SessionIT {

    private static final String REFRESH = "/v1/auth/refresh";

    @RegisterExtension
    static final TestDescope DESCOPE = TestDescope.withDefaults();
    /** Session JWTs that live two seconds, for the one test that waits for a real expiry. */
    @RegisterExtension
    static final TestDescope SHORT_SESSIONS = TestDescope.configured(
            descope -> descope.sessionTtl(Duration.ofSeconds(2)));

    static final TestApp COOKIES = TestApp.named("se", DESCOPE);
    static final TestApp HTTP_SESSION = TestApp.named("se-session", DESCOPE).with("sessionStore", "http-session");
    /**
     * Secure cookies: the test talks plain http, so its browser plays a secure context (it sends them anyway). The
     * cookie path is the context path, so the names carry the {@code __Secure-} prefix.
     */
    static final TestApp SECURE = TestApp.named("se-secure", DESCOPE).with("cookieSecure", "true")
            .with("landingMode", "direct");
    static final TestApp SHORT = TestApp.named("se-short", SHORT_SESSIONS).with("clockSkew", "0");

    @Deployment(name = "se", testable = false)
    public static WebArchive cookies() {
        return COOKIES.war();
    }

    @Deployment(name = "se-session", testable = false)
    public static WebArchive httpSession() {
        return HTTP_SESSION.war();
    }

    @Deployment(name = "se-secure", testable = false)
    public static WebArchive secure() {
        return SECURE.war();
    }

    @Deployment(name = "se-short", testable = false)
    public static WebArchive shortSessions() {
        return SHORT.war();
    }

    @Test
    void cookieStoreKeepsTheSessionInTheBrowserSoAnyNodeCanServeIt() {
        TestUser alice = DESCOPE.newEmailUser("alice");
        Browser browser = COOKIES.newBrowser();
        new LinkSignIn(COOKIES, DESCOPE).signIn(browser, alice);

        Browser elsewhere = COOKIES.newBrowser();
        elsewhere.setCookie("DS", browser.cookie("DS").orElseThrow());
        elsewhere.setCookie("DSR", browser.cookie("DSR").orElseThrow());

        assertThat(browser.cookie("JSESSIONID")).as("no server-side session is needed").isEmpty();
        assertThat(new LinkSignIn(COOKIES, DESCOPE).whoAmI(elsewhere).getString("principalName"))
                .isEqualTo(alice.userId());
    }

    @Test
    void httpSessionStoreKeepsTokensOnTheServerAndChangesTheSessionIdOnLogin() {
        TestUser bob = DESCOPE.newEmailUser("bob");
        Browser browser = HTTP_SESSION.newBrowser();
        String before = browser.get("/public/session").json().getString("httpSession");

        Page done = new LinkSignIn(HTTP_SESSION, DESCOPE).signIn(browser, bob);

        assertThat(done.setsCookie("DS")).isFalse();
        assertThat(done.setsCookie("DSR")).isFalse();
        String after = new LinkSignIn(HTTP_SESSION, DESCOPE).whoAmI(browser).getString("httpSession");
        assertThat(after).isNotBlank().isNotEqualTo(before);
        Browser planted = HTTP_SESSION.newBrowser();
        planted.setCookie("JSESSIONID", before);
        assertThat(LinkSignIn.isSignedIn(planted)).as("the pre-login session ID is dead").isFalse();
    }

    @Test
    void anExpiredSessionJwtIsRefreshedTransparently() {
        TestUser carol = SHORT_SESSIONS.newEmailUser("carol");
        Browser browser = SHORT.newBrowser();
        new LinkSignIn(SHORT, SHORT_SESSIONS).signIn(browser, carol);
        String firstSessionJwt = browser.cookie("DS").orElseThrow();
        long refreshesBefore = SHORT_SESSIONS.emulator().requestCount(REFRESH);

        String refreshed = Eventually.within(Duration.ofSeconds(20), "the session JWT to be refreshed", () -> {
            Page me = browser.get("/app/me");
            assertThat(me.status()).as("never signed out while refreshing: %s", me).isEqualTo(200);
            assertThat(me.json().getString("principalName")).isEqualTo(carol.userId());
            return browser.cookie("DS").filter(jwt -> !jwt.equals(firstSessionJwt));
        });

        assertThat(refreshed).isNotEqualTo(firstSessionJwt);
        assertThat(SHORT_SESSIONS.emulator().requestCount(REFRESH)).isGreaterThan(refreshesBefore);
    }

    @Test
    void se01_sessionIdsAndTokensPlantedBeforeLoginAreReplaced() {
        TestUser victim = DESCOPE.newEmailUser("victim");
        TestUser mallory = DESCOPE.newEmailUser("mallory");
        EmulatorTokens planted = DESCOPE.emulator().issueSession(mallory.loginId());
        Browser browser = COOKIES.newBrowser();
        browser.setCookie("DS", planted.sessionJwt());
        browser.setCookie("DSR", planted.refreshJwt());

        new LinkSignIn(COOKIES, DESCOPE).signIn(browser, victim);

        assertThat(browser.cookie("DS")).isPresent().get().isNotEqualTo(planted.sessionJwt());
        assertThat(new LinkSignIn(COOKIES, DESCOPE).whoAmI(browser).getString("principalName"))
                .isEqualTo(victim.userId());

        Browser sessionBrowser = HTTP_SESSION.newBrowser();
        String fixed = sessionBrowser.get("/public/session").json().getString("httpSession");
        Browser attacker = HTTP_SESSION.newBrowser();
        attacker.setCookie("JSESSIONID", fixed);
        new LinkSignIn(HTTP_SESSION, DESCOPE).signIn(sessionBrowser, DESCOPE.newEmailUser("victim2"));
        assertThat(sessionBrowser.cookie("JSESSIONID")).isPresent().get().isNotEqualTo(fixed);
        assertThat(LinkSignIn.isSignedIn(attacker)).as("the fixed session ID gives the attacker nothing").isFalse();
    }

    @Test
    void se02_sessionAndCsrfCookiesCarryTheHardenedAttributes() {
        TestUser dave = DESCOPE.newEmailUser("dave");
        Page done = new LinkSignIn(COOKIES, DESCOPE).signIn(COOKIES.newBrowser(), dave);
        Page csrfIssued = COOKIES.newBrowser().get("/login");

        for (String name : List.of("DS", "DSR")) {
            SetCookie cookie = done.setCookie(name).orElseThrow();
            assertThat(cookie.has("HttpOnly")).as(cookie.raw()).isTrue();
            assertThat(cookie.attribute("SameSite")).as(cookie.raw()).hasValueSatisfying(value ->
                    assertThat(value).isEqualToIgnoringCase("Lax"));
            assertThat(cookie.attribute("Path")).as(cookie.raw()).hasValue(COOKIES.contextPath());
            assertThat(cookie.has("Domain")).as("host-only: %s", cookie.raw()).isFalse();
            assertThat(cookie.attribute("Max-Age")).as(cookie.raw()).hasValueSatisfying(age ->
                    assertThat(Long.parseLong(age)).isPositive());
        }
        SetCookie csrf = csrfIssued.setCookie("DSCSRF").orElseThrow();
        assertThat(csrf.has("HttpOnly")).isTrue();
        assertThat(csrf.attribute("SameSite")).hasValueSatisfying(value ->
                assertThat(value).isEqualToIgnoringCase("Strict"));

        Browser secureBrowser = SECURE.newSecureContextBrowser();
        Page secureCsrf = secureBrowser.get("/login");
        // An embedded link was asked for by no browser: the landing names the account and asks once more.
        Page secureDone = LinkSignIn.continueIfAsked(secureBrowser, secureBrowser.get(new LinkSignIn(SECURE,
                DESCOPE).embeddedLink(secureBrowser, DESCOPE.newEmailUser("eve").loginId(), null)));
        assertThat(secureDone.status()).as("%s", secureDone).isEqualTo(303);
        for (SetCookie cookie : List.of(secureDone.setCookie("__Secure-DS").orElseThrow(),
                secureDone.setCookie("__Secure-DSR").orElseThrow(),
                secureCsrf.setCookie("__Secure-DSCSRF").orElseThrow())) {
            assertThat(cookie.has("Secure")).as(cookie.raw()).isTrue();
        }
        assertThat(secureDone.setCookie("DS")).as("no unprefixed session cookie").isEmpty();
    }

    @Test
    void se03_aSessionTooLargeForACookieGetsAClearErrorAndNoRedirectLoop() {
        TestUser frank = DESCOPE.newEmailUser("frank");
        Browser backOffice = COOKIES.newBrowser();
        String url = backOffice.get("/login/embedded?loginId=" + frank.loginId() + "&claim=" + "x".repeat(5000))
                .json().getString("url");
        Browser browser = COOKIES.newBrowser();

        Page answer = new LinkSignIn(COOKIES, DESCOPE).openAndConfirm(browser, url);
        List<Page> hops = new ArrayList<>(List.of(answer));
        while (hops.get(hops.size() - 1).isRedirect() && hops.size() < 6) {
            hops.add(browser.follow(hops.get(hops.size() - 1)));
        }

        Page last = hops.get(hops.size() - 1);
        assertThat(last.isRedirect()).as("no redirect loop: %s", hops).isFalse();
        assertThat(last.status()).as("%s", last).isIn(200, 400, 413, 431, 500, 503);
        for (Page hop : hops) {
            assertThat(hop.headerValues("Set-Cookie")).allSatisfy(header ->
                    assertThat(header.length()).as("a Set-Cookie header").isLessThanOrEqualTo(4096));
        }
        if (last.status() != 200) {
            assertThat(last.body()).doesNotContain("Exception");
        }
    }

    @Test
    void se04_twoSessionCookiesAreAmbiguousAndRefused() {
        EmulatorTokens alice = DESCOPE.emulator().issueSession(DESCOPE.newEmailUser("alice-s4").loginId());
        EmulatorTokens mallory = DESCOPE.emulator().issueSession(DESCOPE.newEmailUser("mallory-s4").loginId());
        String protectedPath = COOKIES.contextPath() + "/app/me";

        Page twoValid = RawHttp.send(COOKIES.port(), "GET", protectedPath,
                "Cookie: DS=" + mallory.sessionJwt() + "; DS=" + alice.sessionJwt());
        Page garbageFirst = RawHttp.send(COOKIES.port(), "GET", protectedPath,
                "Cookie: DS=garbage; DS=" + alice.sessionJwt());
        Page twoRefresh = RawHttp.send(COOKIES.port(), "GET", protectedPath,
                "Cookie: DSR=" + mallory.refreshJwt() + "; DSR=" + alice.refreshJwt());
        Page control = RawHttp.send(COOKIES.port(), "GET", protectedPath, "Cookie: DS=" + alice.sessionJwt());

        for (Page refused : List.of(twoValid, garbageFirst, twoRefresh)) {
            assertThat(refused.status()).as("%s", refused).isIn(302, 400, 401);
            assertThat(refused.body()).doesNotContain(TestApp.PROTECTED_MARKER);
        }
        assertThat(control.status()).isEqualTo(200);
    }

    @Test
    void se05_aRefreshJwtIsNeverASessionJwtNorTheReverse() {
        EmulatorTokens tokens = DESCOPE.emulator().issueSession(DESCOPE.newEmailUser("grace").loginId());
        Browser refreshAsSession = COOKIES.newBrowser();
        refreshAsSession.setCookie("DS", tokens.refreshJwt());
        Browser sessionAsRefresh = COOKIES.newBrowser();
        sessionAsRefresh.setCookie("DS", expired(tokens.sessionJwt()));
        sessionAsRefresh.setCookie("DSR", tokens.sessionJwt());

        assertThat(LinkSignIn.isSignedIn(refreshAsSession)).isFalse();
        assertThat(LinkSignIn.isSignedIn(sessionAsRefresh)).isFalse();
    }

    @Test
    void se06_afterLogoutTheCookiesAreClearedAndTheRefreshJwtIsDead() {
        TestUser henry = DESCOPE.newEmailUser("henry");
        Browser browser = COOKIES.newBrowser();
        LinkSignIn signIn = new LinkSignIn(COOKIES, DESCOPE);
        Page done = signIn.signIn(browser, henry);
        String sessionJwt = done.setCookie("DS").orElseThrow().value();
        String refreshJwt = done.setCookie("DSR").orElseThrow().value();

        Page loggedOut = browser.post("/descope/logout", Map.of("csrf", signIn.whoAmI(browser).getString("csrf")));

        assertThat(loggedOut.isRedirect()).as("%s", loggedOut).isTrue();
        for (String name : List.of("DS", "DSR")) {
            SetCookie cleared = loggedOut.setCookie(name).orElseThrow();
            assertThat(cleared.isDeletion()).as(cleared.raw()).isTrue();
            assertThat(cleared.attribute("Path")).as("cleared with the same path").hasValue(COOKIES.contextPath());
        }
        assertThat(LinkSignIn.isSignedIn(browser)).isFalse();
        assertThat(DescopeApi.refreshStillWorks(DESCOPE, refreshJwt))
                .as("Descope revoked the refresh JWT").isFalse();
        Browser replay = COOKIES.newBrowser();
        replay.setCookie("DS", expired(sessionJwt));
        replay.setCookie("DSR", refreshJwt);
        assertThat(LinkSignIn.isSignedIn(replay)).as("the old tokens cannot bring the session back").isFalse();
    }

    /**
     * SE-07. The inactivity and absolute limits are Descope's session and refresh JWT lifetimes (README): once the
     * refresh JWT has expired too, the user must sign in again.
     */
    @Test
    void se07_whenTheRefreshJwtHasExpiredTheUserMustSignInAgain() {
        EmulatorTokens tokens = DESCOPE.emulator().issueSession(DESCOPE.newEmailUser("ivan").loginId());
        Browser browser = COOKIES.newBrowser();
        browser.setCookie("DS", expired(tokens.sessionJwt()));
        browser.setCookie("DSR", expired(tokens.refreshJwt()));
        long refreshesBefore = DESCOPE.emulator().requestCount(REFRESH);

        Page me = browser.get("/app/me");

        assertThat(me.status()).isEqualTo(302);
        assertThat(me.location()).hasValueSatisfying(location -> assertThat(location).startsWith(COOKIES.url("/login")));
        assertThat(DESCOPE.emulator().requestCount(REFRESH)).as("an expired refresh JWT is not even sent")
                .isEqualTo(refreshesBefore);
    }

    /**
     * SE-08. Disabling or deleting a user makes Descope refuse the refresh; the session then ends at the latest
     * when its session JWT expires (README documents the delay).
     */
    @Test
    void se08_aUserDescopeNoLongerRefreshesIsSignedOut() {
        EmulatorTokens tokens = DESCOPE.emulator().issueSession(DESCOPE.newEmailUser("judy").loginId());
        Browser browser = COOKIES.newBrowser();
        browser.setCookie("DS", expired(tokens.sessionJwt()));
        browser.setCookie("DSR", tokens.refreshJwt());
        DESCOPE.emulator().faults().set(REFRESH, Fault.status(401, "E062108"));
        try {
            Page me = browser.request("GET", "/app/me").json().send();
            assertThat(me.status()).as("%s", me).isEqualTo(401);
            assertThat(LinkSignIn.isSignedIn(browser)).isFalse();
        } finally {
            DESCOPE.emulator().faults().clear();
        }
    }

    @Test
    void se09_identityHeadersAndParametersFromTheClientAreIgnored() {
        String[] spoofed = {"X-Forwarded-User: admin", "Remote-User: admin", "X-Remote-User: admin",
            "X-Descope-User: admin", "X-Auth-Request-User: admin"};
        Page protectedPage = RawHttp.send(COOKIES.port(), "GET",
                COOKIES.contextPath() + "/app/me?remoteUser=admin&io.descopefilter.session=admin", spoofed);
        Page publicPage = RawHttp.send(COOKIES.port(), "GET", COOKIES.contextPath() + "/public/who", spoofed);
        Page basic = RawHttp.send(COOKIES.port(), "GET", COOKIES.contextPath() + "/app/me",
                "Authorization: Basic YWRtaW46YWRtaW4=");

        assertThat(protectedPage.status()).as("%s", protectedPage).isEqualTo(302);
        assertThat(basic.status()).as("%s", basic).isEqualTo(401);
        assertThat(basic.body()).doesNotContain(TestApp.PROTECTED_MARKER);
        assertThat(publicPage.json().getString("remoteUser")).isEmpty();
        assertThat(publicPage.json().getString("principal")).isEmpty();

        TestUser kim = DESCOPE.newEmailUser("kim");
        Browser browser = COOKIES.newBrowser();
        new LinkSignIn(COOKIES, DESCOPE).signIn(browser, kim);
        Page me = browser.request("GET", "/app/me").header("X-Forwarded-User", "admin").header("Remote-User", "admin")
                .send();
        assertThat(me.json().getString("remoteUser")).isEqualTo(kim.userId());
    }

    @Test
    void se10_fiftyParallelRequestsWithAnExpiredSessionJwtRefreshOnce() {
        EmulatorTokens tokens = DESCOPE.emulator().issueSession(DESCOPE.newEmailUser("leo").loginId());
        String expiredSession = expired(tokens.sessionJwt());
        long refreshesBefore = DESCOPE.emulator().requestCount(REFRESH);

        List<Browser> tabs = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            Browser tab = COOKIES.newBrowser();
            tab.setCookie("DS", expiredSession);
            tab.setCookie("DSR", tokens.refreshJwt());
            tabs.add(tab);
        }

        // Descope answering in half a second keeps the first refresh in flight while all 50 requests arrive.
        DESCOPE.emulator().faults().set(REFRESH, Fault.latency(Duration.ofMillis(500)));
        List<Page> answers;
        try {
            answers = Concurrently.run(50, i -> tabs.get(i).get("/app/me"));
        } finally {
            DESCOPE.emulator().faults().clear();
        }

        assertThat(answers).allSatisfy(page -> assertThat(page.status()).as("%s", page).isEqualTo(200));
        assertThat(DESCOPE.emulator().requestCount(REFRESH) - refreshesBefore).as("refresh calls to Descope")
                .isEqualTo(1);
    }

    @Test
    void se11_sessionIdsInTheUrlAreRefused() {
        TestUser mia = DESCOPE.newEmailUser("mia");
        Browser owner = HTTP_SESSION.newBrowser();
        new LinkSignIn(HTTP_SESSION, DESCOPE).signIn(owner, mia);
        String sessionId = owner.cookie("JSESSIONID").orElseThrow();

        Page rewritten = RawHttp.send(HTTP_SESSION.port(), "GET",
                HTTP_SESSION.contextPath() + "/app/me;jsessionid=" + sessionId);
        Page challenge = RawHttp.send(HTTP_SESSION.port(), "GET", HTTP_SESSION.contextPath() + "/app/me");

        assertThat(rewritten.status()).as("%s", rewritten).isIn(302, 400, 404);
        assertThat(rewritten.body()).doesNotContain(TestApp.PROTECTED_MARKER);
        assertThat(challenge.header("Location")).hasValueSatisfying(location ->
                assertThat(location.toLowerCase()).doesNotContain("jsessionid"));
    }

    private static String expired(String jwt) {
        return TokenForge.expired(jwt, DESCOPE.emulator().signingKey(), Duration.ofMinutes(1));
    }
}
