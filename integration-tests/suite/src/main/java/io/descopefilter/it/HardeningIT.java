package io.descopefilter.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.descopefilter.emulator.OutboxLink;
import io.descopefilter.emulator.OutboxMessage;
import io.descopefilter.it.support.Browser;
import io.descopefilter.it.support.DescopeApi;
import io.descopefilter.it.support.Eventually;
import io.descopefilter.it.support.HtmlForm;
import io.descopefilter.it.support.Inbox;
import io.descopefilter.it.support.LinkSignIn;
import io.descopefilter.it.support.LinkUrl;
import io.descopefilter.it.support.Page;
import io.descopefilter.it.support.RawHttp;
import io.descopefilter.it.support.SetCookie;
import io.descopefilter.it.support.TestApp;
import io.descopefilter.it.support.TestDescope;
import io.descopefilter.it.support.TestUser;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The hardening findings of SECURITY.md ("Hardening against the world around the filter"), one test each, named
 * {@code hwNN_...} after the finding's number: mail scanners, forwarded links, planted session IDs, cookie tossing,
 * recent sign-in for contact changes, send CSRF, error-page headers, the emulator's control routes and the cost of
 * refused enchanted starts. HW-05 (exact issuers) and HW-06 (plain-http {@code baseUrl}) are settings of the core,
 * tested there: {@code JwtValidationTest#jw11_issuerExactness_*} and {@code DescopeClientConfigTest}.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
public class HardeningIT {

    private static final String MAGIC_SIGN_IN = "/v1/auth/magiclink/signin/email";
    private static final String ENCHANTED_SIGN_IN = "/v1/auth/enchantedlink/signin/email";
    private static final String ENCHANTED_VERIFY = "/v1/auth/enchantedlink/verify";
    private static final String PENDING_SESSION = "/v1/auth/enchantedlink/pending-session";
    private static final Duration SIGN_IN_DEADLINE = Duration.ofSeconds(15);

    @RegisterExtension
    static final TestDescope DESCOPE = TestDescope.withDefaults();
    /** Its clock runs 15 minutes behind the servers': every sign-in through it is 15 minutes old for the filter. */
    @RegisterExtension
    static final TestDescope STALE_DESCOPE = TestDescope.configured(descope -> descope
            .clock(Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-15)))
            .sessionTtl(Duration.ofHours(1)));

    static final TestApp APP = TestApp.named("hw", DESCOPE);
    static final TestApp AUTO = TestApp.named("hw-auto", DESCOPE).with("landingMode", "auto");
    static final TestApp DIRECT = TestApp.named("hw-direct", DESCOPE).with("landingMode", "direct");
    /** Secure, host-only, {@code Path=/}: the {@code __Host-} names. Its browsers play an https page. */
    static final TestApp SECURE = TestApp.named("hw-secure", DESCOPE).with("cookieSecure", "true")
            .with("cookiePath", "/");
    static final TestApp PLAIN_NAMES = TestApp.named("hw-plain", DESCOPE).with("cookieSecure", "true")
            .with("cookiePath", "/").with("sessionCookieNames", "plain");
    static final TestApp ERRORS = TestApp.named("hw-error", DESCOPE).with("errorPage", "/public/leaky-error");
    static final TestApp RESETTING_ERRORS = TestApp.named("hw-error-reset", DESCOPE)
            .with("errorPage", "/public/resetting-error");
    static final TestApp STALE = TestApp.named("hw-stale", STALE_DESCOPE);
    static final TestApp LIMITED = TestApp.named("hw-limited", DESCOPE).with("sendLimitPerLoginId", "1");

    private final LinkSignIn signIn = new LinkSignIn(APP, DESCOPE);

    @Deployment(name = "hw", testable = false)
    public static WebArchive app() {
        return APP.war();
    }

    @Deployment(name = "hw-auto", testable = false)
    public static WebArchive auto() {
        return AUTO.war();
    }

    @Deployment(name = "hw-direct", testable = false)
    public static WebArchive direct() {
        return DIRECT.war();
    }

    @Deployment(name = "hw-secure", testable = false)
    public static WebArchive secure() {
        return SECURE.war();
    }

    @Deployment(name = "hw-plain", testable = false)
    public static WebArchive plainNames() {
        return PLAIN_NAMES.war();
    }

    @Deployment(name = "hw-error", testable = false)
    public static WebArchive errors() {
        return ERRORS.war();
    }

    @Deployment(name = "hw-error-reset", testable = false)
    public static WebArchive resettingErrors() {
        return RESETTING_ERRORS.war();
    }

    @Deployment(name = "hw-stale", testable = false)
    public static WebArchive stale() {
        return STALE.war();
    }

    @Deployment(name = "hw-limited", testable = false)
    public static WebArchive limited() {
        return LIMITED.war();
    }

    /**
     * HW-01. A gateway opens all three links of an enchanted-link email (HEAD and GET, following whatever the page
     * would do by itself), in every landing mode: the pages carry no script and consume nothing, the waiting
     * browser stays pending, and the human's click on the right link still signs that browser in.
     */
    @Test
    void hw01_aMailScannerOpeningEveryEnchantedLinkSignsNobodyIn() {
        for (TestApp app : List.of(APP, AUTO, DIRECT)) {
            TestUser user = DESCOPE.newEmailUser("scanned-" + app.contextName());
            Browser laptop = app.newBrowser();
            String linkId = startEnchanted(app, laptop, user.loginId()).json().getString("linkId");
            OutboxMessage email = new Inbox(DESCOPE.emulator(), user.loginId()).awaitMessage(1);
            assertThat(email.links()).as("%s: %s", app.contextName(), email).hasSize(3);
            long verifiesBefore = DESCOPE.emulator().requestCount(ENCHANTED_VERIFY);

            Browser scanner = app.newBrowser();
            for (OutboxLink link : email.links()) {
                assertThat(scanner.head(link.url()).setsCookie("DS")).isFalse();
                Page page = scanner.get(link.url());
                assertThat(page.status()).as("%s: %s", app.contextName(), page).isEqualTo(200);
                assertThat(page.body().toLowerCase(Locale.ROOT)).as("%s: %s", app.contextName(), page)
                        .doesNotContain("<script").doesNotContain("http-equiv=\"refresh\"")
                        .doesNotContain("onload");
                assertThat(page.form().method()).isEqualTo("POST");
                assertThat(page.setsCookie("DS")).isFalse();
                assertThat(scanner.get(link.url()).status()).as("opening it again").isEqualTo(200);
            }

            assertThat(DESCOPE.emulator().requestCount(ENCHANTED_VERIFY)).as("%s: links used by the scan",
                    app.contextName()).isEqualTo(verifiesBefore);
            Eventually.within(Duration.ofSeconds(5), "a poll that reached Descope after the scan", () -> {
                long before = DESCOPE.emulator().requestCount(PENDING_SESSION);
                String status = poll(laptop).json().getString("status");
                assertThat(status).as("%s: the scan signed the waiting browser in", app.contextName())
                        .isEqualTo("pending");
                return DESCOPE.emulator().requestCount(PENDING_SESSION) > before ? Optional.of(status)
                        : Optional.empty();
            });
            assertThat(LinkSignIn.isSignedIn(laptop)).isFalse();
            assertThat(LinkSignIn.isSignedIn(scanner)).isFalse();

            Browser phone = app.newBrowser();
            Page clicked = phone.submit(phone.get(linkNumbered(email, linkId).url()).form());
            assertThat(clicked.status()).as("%s: %s", app.contextName(), clicked).isEqualTo(200);
            assertThat(clicked.setsCookie("DS")).isFalse();
            awaitDone(laptop);
            assertThat(new LinkSignIn(app, DESCOPE).whoAmI(laptop).getString("principalName"))
                    .isEqualTo(user.userId());
        }
    }

    /**
     * HW-02. Mallory asks for a link to her own account and forwards it; the victim opens it in another browser:
     * the page names mallory's full login ID and nothing is signed in until the victim presses Continue. The
     * browser that asked signs in with its one confirmation click.
     */
    @Test
    void hw02_aForwardedMagicLinkNamesTheAccountAndSignsInOnlyAfterContinue() {
        TestUser mallory = DESCOPE.newEmailUser("mallory");
        Browser malloryBrowser = APP.newBrowser();
        String forwarded = signIn.sendLink(malloryBrowser, mallory);
        assertThat(forwarded).startsWith(APP.url("/descope/verify?"));
        assertThat(LinkUrl.query(forwarded, "next")).as("the link carries nothing of ours").isEmpty();
        assertThat(LinkUrl.query(forwarded, "as")).isEmpty();

        Browser victim = APP.newBrowser();
        Page first = victim.get(forwarded);
        assertThat(first.status()).as("%s", first).isEqualTo(200);
        assertThat(first.body()).contains("Continue signing in").doesNotContain("m***@example.com");
        Page named = victim.submit(first.form());
        assertThat(LinkSignIn.isAccountConfirmation(named)).as("%s", named).isTrue();
        assertThat(named.body()).contains("You are signing in as " + mallory.loginId())
                .contains("Continue as " + mallory.loginId());
        assertThat(named.form().fields()).containsKeys("held", "csrf").doesNotContainKey("t");
        for (Page page : List.of(first, named)) {
            assertThat(page.setsCookie("DS")).as("%s", page).isFalse();
            assertThat(page.setsCookie("DSR")).as("%s", page).isFalse();
        }
        assertThat(LinkSignIn.isSignedIn(victim)).as("nothing installed before Continue").isFalse();

        Page continued = victim.submit(named.form());
        assertThat(continued.status()).as("%s", continued).isEqualTo(303);
        assertThat(continued.setsCookie("DS")).isTrue();
        assertThat(signIn.whoAmI(victim).getString("principalName")).isEqualTo(mallory.userId());

        String own = signIn.sendLink(malloryBrowser, mallory);
        Page ownFirst = malloryBrowser.get(own);
        assertThat(ownFirst.body()).contains("Sign in as m***@example.com").doesNotContain("You are signing in as");
        Page ownDone = malloryBrowser.submit(ownFirst.form());
        assertThat(ownDone.status()).as("the browser that asked: one click: %s", ownDone).isEqualTo(303);
        assertThat(ownDone.location()).hasValue(APP.url("/app/home"));
        assertThat(signIn.whoAmI(malloryBrowser).getString("principalName")).isEqualTo(mallory.userId());
    }

    /**
     * HW-03. The attacker plants a session ID of their own in the victim's browser before the victim signs in
     * with an enchanted link: the wait is bound to the {@code DSPENDING} cookie only the victim's browser got, so
     * polling with the planted session ID gets 403 {@code none}, before and after, and never the session.
     */
    @Test
    void hw03_aPlantedSessionIdNeverCollectsAnEnchantedSignIn() {
        TestUser user = DESCOPE.newEmailUser("planted");
        Browser attacker = APP.newBrowser();
        assertThat(attacker.get("/public/session").status()).isEqualTo(200);
        String sessionId = attacker.cookie("JSESSIONID").orElseThrow();
        Browser victim = APP.newBrowser();
        victim.setCookie("JSESSIONID", sessionId);

        Page started = startEnchanted(APP, victim, user.loginId());
        assertThat(started.setsCookie("DSPENDING")).as("%s", started).isTrue();
        assertThat(started.setCookie("JSESSIONID")).as("the wait needs no HttpSession").isEmpty();
        assertAttackerGetsNothing(attacker);

        OutboxMessage email = new Inbox(DESCOPE.emulator(), user.loginId()).awaitMessage(1);
        Browser phone = APP.newBrowser();
        Page clicked = phone.submit(phone.get(linkNumbered(email, started.json().getString("linkId")).url()).form());
        assertThat(clicked.status()).as("%s", clicked).isEqualTo(200);
        assertAttackerGetsNothing(attacker);
        awaitDone(victim);

        assertThat(signIn.whoAmI(victim).getString("principalName")).isEqualTo(user.userId());
        assertAttackerGetsNothing(attacker);
        assertThat(LinkSignIn.isSignedIn(attacker)).isFalse();
        Page attackerSession = attacker.get("/public/session");
        assertThat(attackerSession.json().getString("principal")).as("%s", attackerSession).isEmpty();
    }

    private static void assertAttackerGetsNothing(Browser attacker) {
        assertThat(attacker.cookie("DSPENDING")).isEmpty();
        Page poll = poll(attacker);
        assertThat(poll.status()).as("%s", poll).isEqualTo(403);
        assertThat(poll.json().getString("status")).isEqualTo("none");
        assertThat(poll.setsCookie("DS")).isFalse();
        assertThat(poll.body()).doesNotContain("eyJ");
    }

    /**
     * HW-04. With {@code cookieSecure=true}, host-only and {@code Path=/}, the filter's cookies are
     * {@code __Host-DS}, {@code __Host-DSR} and {@code __Host-DSCSRF}; a plain {@code DS} cookie (what a sibling
     * subdomain or an http response can toss) is ignored even when it holds a valid session, and two
     * {@code __Host-DS} cookies count as none. {@code sessionCookieNames=plain} keeps {@code DS}/{@code DSR}. The
     * crafted cookies are sent by header: the test servers speak http.
     */
    @Test
    void hw04_secureCookiesCarryHostPrefixesAndTossedOrDoubledSessionCookiesAreIgnored() {
        Browser attacker = SECURE.newSecureContextBrowser();
        Page loginPage = attacker.get("/login");
        SetCookie csrf = loginPage.setCookie("__Host-DSCSRF").orElseThrow(() -> new AssertionError("" + loginPage));
        assertThat(loginPage.setCookie("DSCSRF")).isEmpty();
        Page done = new LinkSignIn(SECURE, DESCOPE).signIn(attacker, DESCOPE.newEmailUser("tosser"));
        List<SetCookie> hostCookies = List.of(csrf, done.setCookie("__Host-DS").orElseThrow(),
                done.setCookie("__Host-DSR").orElseThrow());
        for (SetCookie cookie : hostCookies) {
            assertThat(cookie.has("Secure")).as(cookie.raw()).isTrue();
            assertThat(cookie.has("HttpOnly")).as(cookie.raw()).isTrue();
            assertThat(cookie.attribute("Path")).as(cookie.raw()).hasValue("/");
            assertThat(cookie.has("Domain")).as(cookie.raw()).isFalse();
        }
        assertThat(done.setCookie("DS")).isEmpty();
        assertThat(done.setCookie("DSR")).isEmpty();
        String sessionJwt = done.setCookie("__Host-DS").orElseThrow().value();
        String me = SECURE.contextPath() + "/app/me";

        Page control = RawHttp.send(SECURE.port(), "GET", me, "Cookie: __Host-DS=" + sessionJwt);
        assertThat(control.status()).as("one __Host-DS cookie is a session: %s", control).isEqualTo(200);
        assertThat(control.body()).contains(TestApp.PROTECTED_MARKER);
        Page tossed = RawHttp.send(SECURE.port(), "GET", me, "Cookie: DS=" + sessionJwt);
        Page doubled = RawHttp.send(SECURE.port(), "GET", me,
                "Cookie: __Host-DS=" + sessionJwt + "; __Host-DS=" + sessionJwt);
        Page doubledHeaders = RawHttp.send(SECURE.port(), "GET", me, "Cookie: __Host-DS=" + sessionJwt,
                "Cookie: __Host-DS=" + sessionJwt);
        for (Page refused : List.of(tossed, doubled, doubledHeaders)) {
            assertThat(refused.status()).as("%s", refused).isEqualTo(302);
            assertThat(refused.body()).doesNotContain(TestApp.PROTECTED_MARKER);
        }

        Page plainDone = new LinkSignIn(PLAIN_NAMES, DESCOPE).signIn(PLAIN_NAMES.newSecureContextBrowser(),
                DESCOPE.newEmailUser("sdk"));
        for (String name : List.of("DS", "DSR")) {
            SetCookie cookie = plainDone.setCookie(name).orElseThrow(() -> new AssertionError(name + ": " + plainDone));
            assertThat(cookie.has("Secure")).as(cookie.raw()).isTrue();
        }
        assertThat(plainDone.setCookie("__Host-DS")).isEmpty();
        assertThat(PLAIN_NAMES.newSecureContextBrowser().get("/login").setCookie("__Host-DSCSRF"))
                .as("the CSRF cookie keeps its prefix").isPresent();
    }

    /**
     * HW-07. A sign-in older than {@code recentSignInForUpdates} (600 s by default) cannot change the account's
     * email: {@code SIGN_IN_AGAIN}, nothing sent. With a recent sign-in, {@code addToLoginIds=false} (the
     * {@code UpdateOptions} overload) changes the email but not the login IDs.
     */
    @Test
    void hw07_anEmailChangeNeedsARecentSignInAndAddToLoginIdsIsTheCallersChoice() {
        TestUser stale = STALE_DESCOPE.newEmailUser("stale");
        Browser staleBrowser = STALE.newBrowser();
        LinkSignIn staleSignIn = new LinkSignIn(STALE, STALE_DESCOPE);
        staleSignIn.signIn(staleBrowser, stale);
        String thief = TestDescope.uniqueEmail("thief");

        Page refused = update(staleSignIn, staleBrowser, "/app/account", Map.of("action", "email", "newEmail", thief));
        assertThat(refused.status()).as("%s", refused).isEqualTo(401);
        assertThat(refused.json().getString("outcome")).isEqualTo("SIGN_IN_AGAIN");
        Page refusedPhone = update(staleSignIn, staleBrowser, "/app/account",
                Map.of("action", "phone", "newPhone", TestDescope.uniquePhone()));
        assertThat(refusedPhone.json().getString("outcome")).isEqualTo("SIGN_IN_AGAIN");
        assertThat(new Inbox(STALE_DESCOPE.emulator(), thief).size()).as("nothing sent").isZero();

        TestUser fresh = DESCOPE.newEmailUser("fresh");
        Browser browser = APP.newBrowser();
        signIn.signIn(browser, fresh);
        String newEmail = TestDescope.uniqueEmail("fresh.contact");
        Page sent = update(signIn, browser, "/app/account", Map.of("action", "email", "newEmail", newEmail,
                "addToLoginIds", "false"));
        assertThat(sent.status()).as("%s", sent).isEqualTo(200);
        Page confirmed = signIn.openAndConfirm(browser, signIn.inbox(newEmail).awaitLink().url());
        assertThat(confirmed.status()).as("the browser that asked for the change: %s", confirmed).isEqualTo(303);

        JsonObject user = DescopeApi.me(DESCOPE, browser.cookie("DSR").orElseThrow());
        assertThat(user.getString("email")).isEqualTo(newEmail);
        assertThat(user.getJsonArray("loginIds").getValuesAs(JsonString.class).stream().map(JsonString::getString))
                .as("login IDs after an update with addToLoginIds=false").containsExactly(fresh.loginId());
    }

    /**
     * HW-08. An application that forgets its own CSRF check ({@code /login/unchecked}, {@code /app/account/
     * unchecked}) is still protected: {@code DescopeLinks} answers {@code NOT_FROM_THIS_SITE} and sends nothing
     * for a POST without the page's token or from another site, for magic links, enchanted starts and updates.
     */
    @Test
    void hw08_aSendWithoutTheCsrfTokenIsRefusedByDescopeLinksItself() {
        TestUser user = DESCOPE.newEmailUser("forgetful");
        Browser victim = APP.newBrowser();
        HtmlForm form = victim.get("/login").form().withField("loginId", user.loginId());
        String unchecked = APP.url("/login/unchecked");
        long magicBefore = DESCOPE.emulator().requestCount(MAGIC_SIGN_IN);
        long enchantedBefore = DESCOPE.emulator().requestCount(ENCHANTED_SIGN_IN);

        List<Page> refused = List.of(
                victim.request("POST", unchecked).sameOrigin().form(form.withoutField("csrf").fields()).send(),
                victim.request("POST", unchecked).sameOrigin().form(form.withField("csrf", "x".repeat(43)).fields())
                        .send(),
                victim.request("POST", unchecked).crossSite("https://evil.example").form(form.fields()).send(),
                victim.request("POST", unchecked).sameOrigin()
                        .form(form.withoutField("csrf").withField("kind", "enchanted").fields()).send(),
                victim.request("POST", unchecked).crossSite("https://evil.example")
                        .form(form.withField("kind", "enchanted").fields()).send());
        for (Page page : refused) {
            assertThat(page.status()).as("%s", page).isEqualTo(403);
            assertThat(page.json().getString("outcome")).isEqualTo("NOT_FROM_THIS_SITE");
            assertThat(page.setsCookie("DSLINK")).isFalse();
            assertThat(page.setsCookie("DSPENDING")).isFalse();
        }
        assertThat(DESCOPE.emulator().requestCount(MAGIC_SIGN_IN)).isEqualTo(magicBefore);
        assertThat(DESCOPE.emulator().requestCount(ENCHANTED_SIGN_IN)).isEqualTo(enchantedBefore);
        assertThat(signIn.inbox(user.loginId()).size()).as("nothing sent").isZero();

        Browser signedIn = APP.newBrowser();
        signIn.signIn(signedIn, DESCOPE.newEmailUser("forgetful.account"));
        String newEmail = TestDescope.uniqueEmail("planted.contact");
        Page update = signedIn.request("POST", "/app/account/unchecked").sameOrigin()
                .form(Map.of("action", "email", "newEmail", newEmail)).send();
        assertThat(update.status()).as("%s", update).isEqualTo(403);
        assertThat(update.json().getString("outcome")).isEqualTo("NOT_FROM_THIS_SITE");
        assertThat(signIn.inbox(newEmail).size()).isZero();

        Page control = victim.request("POST", unchecked).sameOrigin().form(form.fields()).send();
        assertThat(control.status()).as("with the token the same path sends: %s", control).isEqualTo(200);
        assertThat(signIn.inbox(user.loginId()).awaitMessage(1)).isNotNull();
    }

    /**
     * HW-09. The application's {@code errorPage} asks for caching and a full referrer, but a failed landing (whose
     * URL may carry a link token) still answers {@code Referrer-Policy: no-referrer} and
     * {@code Cache-Control: no-store}.
     */
    @Test
    void hw09_anApplicationErrorPageCannotDropNoReferrerOrNoStore() {
        assertFailedLandingsKeepPrivacyHeaders(ERRORS);
    }

    /** HW-09, the same for an error page that first resets the response, as some frameworks' error handling does. */
    @Test
    void hw09_anErrorPageThatResetsTheResponseStillSendsNoReferrerAndNoStore() {
        assertFailedLandingsKeepPrivacyHeaders(RESETTING_ERRORS);
    }

    private static void assertFailedLandingsKeepPrivacyHeaders(TestApp app) {
        Browser browser = app.newBrowser();
        Page malformed = browser.get("/descope/verify?t=");
        Page confirmation = browser.get("/descope/verify?t=forged" + UUID.randomUUID());
        assertThat(confirmation.status()).as("%s", confirmation).isEqualTo(200);
        Page unknownToken = browser.submit(confirmation.form());
        for (Page failed : List.of(malformed, unknownToken)) {
            assertThat(failed.status()).as("%s", failed).isBetween(400, 499);
            assertThat(failed.body()).as("the application's error page answered").contains("Something went wrong");
            assertThat(failed.headerValues("Referrer-Policy")).as("%s", failed).containsExactly("no-referrer");
            assertThat(failed.headerValues("Cache-Control")).as("%s", failed).isNotEmpty()
                    .allSatisfy(value -> assertThat(value).contains("no-store").doesNotContain("public"));
        }
    }

    /**
     * HW-10. The emulator's control routes answer only a loopback {@code Host} (no DNS rebinding to read the
     * outbox), and a change needs {@code X-Emulator-Control: 1} (no cross-origin form can send it).
     */
    @Test
    void hw10_theEmulatorsControlRoutesNeedALoopbackHostAndTheControlHeaderForChanges() {
        TestUser user = DESCOPE.newEmailUser("outbox");
        String token = LinkUrl.token(signIn.sendLink(user));
        int port = DESCOPE.emulator().port();
        String loopback = "127.0.0.1:" + port;

        Page control = RawHttp.sendAs(port, "GET", "/emulator/outbox", loopback, null);
        assertThat(control.status()).as("%s", control).isEqualTo(200);
        for (String host : List.of("evil.example", "evil.example:" + port, "127.0.0.1.evil.example:" + port)) {
            Page rebound = RawHttp.sendAs(port, "GET", "/emulator/outbox", host, null);
            assertThat(rebound.status()).as("Host %s: %s", host, rebound).isEqualTo(403);
            assertThat(rebound.body()).doesNotContain(token);
        }
        Page faultWithoutHeader = RawHttp.sendAs(port, "POST", "/emulator/faults", loopback, "x=1");
        assertThat(faultWithoutHeader.status()).as("%s", faultWithoutHeader).isEqualTo(403);
        Page clearWithoutHeader = RawHttp.sendAs(port, "DELETE", "/emulator/outbox", loopback, null);
        assertThat(clearWithoutHeader.status()).as("%s", clearWithoutHeader).isEqualTo(403);
        Page faultFromElsewhere = RawHttp.sendAs(port, "POST", "/emulator/faults", "evil.example", "x=1",
                "X-Emulator-Control: 1");
        assertThat(faultFromElsewhere.status()).as("%s", faultFromElsewhere).isEqualTo(403);
        assertThat(signIn.inbox(user.loginId()).size()).as("the outbox was not cleared").isEqualTo(1);
    }

    /**
     * HW-11. Enchanted starts that send nothing (the send limit is hit, or the account is unknown) look exactly like
     * a real start to the browser, with the same {@code DSPENDING} cookie, and no start creates an
     * {@code HttpSession}, so cookie-less floods cannot fill the container's memory.
     */
    @Test
    void hw11_refusedEnchantedStartsLookLikeRealOnesAndCreateNoHttpSession() {
        TestUser user = DESCOPE.newEmailUser("decoy");
        long startsBefore = DESCOPE.emulator().requestCount(ENCHANTED_SIGN_IN);
        Browser realBrowser = LIMITED.newBrowser();
        Browser limitedBrowser = LIMITED.newBrowser();
        Page real = startEnchanted(LIMITED, realBrowser, user.loginId());
        Page limited = startEnchanted(LIMITED, limitedBrowser, user.loginId());
        Page unknown = startEnchanted(LIMITED, LIMITED.newBrowser(), TestDescope.uniqueEmail("nobody"));

        assertThat(DESCOPE.emulator().requestCount(ENCHANTED_SIGN_IN) - startsBefore)
                .as("the start past the limit never reached Descope").isEqualTo(2);
        assertThat(new Inbox(DESCOPE.emulator(), user.loginId()).size()).isEqualTo(1);
        for (Page page : List.of(real, limited, unknown)) {
            assertThat(page.status()).as("%s", page).isEqualTo(200);
            assertThat(page.json().getString("outcome")).isEqualTo("ACCEPTED");
            assertThat(page.json().getString("linkId")).matches("[0-9]{1,3}");
            assertThat(page.json().keySet()).isEqualTo(real.json().keySet());
            assertThat(new TreeSet<>(page.headers().keySet())).isEqualTo(new TreeSet<>(real.headers().keySet()));
            SetCookie pending = page.setCookie("DSPENDING").orElseThrow(() -> new AssertionError("" + page));
            assertThat(pending.has("HttpOnly")).isTrue();
            assertThat(page.setCookie("JSESSIONID")).as("no HttpSession: %s", page).isEmpty();
        }
        Page decoyPoll = poll(limitedBrowser);
        assertThat(decoyPoll.status()).as("%s", decoyPoll).isEqualTo(200);
        assertThat(decoyPoll.json().getString("status")).isEqualTo("pending");
        assertThat(decoyPoll.setCookie("JSESSIONID")).isEmpty();
        assertThat(limitedBrowser.cookie("JSESSIONID")).isEmpty();
        assertThat(realBrowser.cookie("JSESSIONID")).isEmpty();
    }

    /** Starts an enchanted link sign-in from the app's login page, as the browser's user would. */
    private static Page startEnchanted(TestApp app, Browser browser, String email) {
        Page started = new LinkSignIn(app, DESCOPE).requestLink(browser, Map.of("loginId", email,
                "kind", "enchanted"));
        assertThat(started.status()).as("%s", started).isEqualTo(200);
        return started;
    }

    private static Page update(LinkSignIn signIn, Browser browser, String path, Map<String, String> fields) {
        Map<String, String> form = new java.util.LinkedHashMap<>(fields);
        form.put("csrf", signIn.whoAmI(browser).getString("csrf"));
        return browser.post(path, form);
    }

    private static Page poll(Browser browser) {
        return browser.request("GET", "/descope/poll").json().send();
    }

    private static Page awaitDone(Browser browser) {
        return Eventually.within(SIGN_IN_DEADLINE, "the enchanted link poll to finish", () -> {
            Page page = poll(browser);
            return "done".equals(page.json().getString("status")) ? Optional.of(page) : Optional.empty();
        });
    }

    private static OutboxLink linkNumbered(OutboxMessage email, String linkId) {
        return email.links().stream().filter(link -> linkId.equals(link.linkId())).findFirst()
                .orElseThrow(() -> new AssertionError("no link numbered " + linkId + " in " + email));
    }
}
