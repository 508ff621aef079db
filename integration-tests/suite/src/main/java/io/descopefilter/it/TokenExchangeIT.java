package io.descopefilter.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.descopefilter.it.support.Browser;
import io.descopefilter.it.support.Concurrently;
import io.descopefilter.it.support.DescopeApi;
import io.descopefilter.it.support.DescopeProxy;
import io.descopefilter.it.support.HtmlForm;
import io.descopefilter.it.support.JsonEdit;
import io.descopefilter.it.support.LinkSignIn;
import io.descopefilter.it.support.LinkUrl;
import io.descopefilter.it.support.Page;
import io.descopefilter.it.support.TestApp;
import io.descopefilter.it.support.TestDescope;
import io.descopefilter.it.support.TestUser;
import io.descopefilter.it.support.TokenForge;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Checklist TX: exchanging the link token {@code ?t=} for a session. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
public class TokenExchangeIT {

    private static final String VERIFY = "/v1/auth/magiclink/verify";

    @RegisterExtension
    static final TestDescope DESCOPE = TestDescope.withDefaults();
    /** A second Descope whose clock the expiry test moves forward, leaving the first one's tokens alone. */
    @RegisterExtension
    static final TestDescope AGING_DESCOPE = TestDescope.withDefaults();
    @RegisterExtension
    static final DescopeProxy TAMPERING = DescopeProxy.inFrontOf(DESCOPE);

    static final TestApp CONFIRM = TestApp.named("tx", DESCOPE);
    static final TestApp DIRECT = TestApp.named("tx-direct", DESCOPE).with("landingMode", "direct");
    static final TestApp HTTP_SESSION = TestApp.named("tx-session", DESCOPE).with("sessionStore", "http-session");
    /** The filter's default limit on failed verifications per client (30 per minute). */
    static final TestApp THROTTLED = TestApp.named("tx-throttle", DESCOPE).with("failedVerifyLimitPerClient", null);
    static final TestApp AGING = TestApp.named("tx-expiry", AGING_DESCOPE);
    static final TestApp TAMPERED = TestApp.named("tx-tampered", DESCOPE).withDescopeBaseUrl(TAMPERING::baseUrl);

    @Deployment(name = "tx", testable = false)
    public static WebArchive confirm() {
        return CONFIRM.war();
    }

    @Deployment(name = "tx-direct", testable = false)
    public static WebArchive direct() {
        return DIRECT.war();
    }

    @Deployment(name = "tx-session", testable = false)
    public static WebArchive httpSession() {
        return HTTP_SESSION.war();
    }

    @Deployment(name = "tx-throttle", testable = false)
    public static WebArchive throttled() {
        return THROTTLED.war();
    }

    @Deployment(name = "tx-expiry", testable = false)
    public static WebArchive aging() {
        return AGING.war();
    }

    @Deployment(name = "tx-tampered", testable = false)
    public static WebArchive tampered() {
        return TAMPERED.war();
    }

    @Test
    void tx01_aTokenIsRejectedAfterItsSuccessfulExchange() {
        TestUser alice = DESCOPE.newEmailUser("alice");
        LinkSignIn signIn = new LinkSignIn(CONFIRM, DESCOPE);
        String link = signIn.sendLink(alice);
        assertThat(signIn.openAndConfirm(CONFIRM.newBrowser(), link).status()).isEqualTo(303);

        Browser replay = CONFIRM.newBrowser();
        Page again = signIn.openAndConfirm(replay, link);

        assertThat(again.status()).as("%s", again).isBetween(400, 499);
        assertThat(again.setsCookie("DS")).isFalse();
        assertThat(LinkSignIn.isSignedIn(replay)).isFalse();
    }

    @Test
    void tx02_twentyConcurrentExchangesOfOneTokenCreateOneSession() {
        TestUser bob = DESCOPE.newEmailUser("bob");
        LinkSignIn signIn = new LinkSignIn(CONFIRM, DESCOPE);
        String link = signIn.sendLink(bob);
        List<Browser> browsers = new ArrayList<>();
        List<HtmlForm> forms = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Browser browser = CONFIRM.newBrowser();
            browsers.add(browser);
            forms.add(browser.get(link).form());
        }

        // The one exchange that succeeds is held for its browser (which did not ask for the link) until it
        // confirms the account; a refused exchange has nothing to confirm.
        List<Page> answers = Concurrently.run(20, i -> LinkSignIn.confirm(browsers.get(i), forms.get(i)));

        long sessions = answers.stream().filter(page -> page.setsCookie("DS")).count();
        assertThat(sessions).as("sessions created from one token: %s", answers).isEqualTo(1);
        assertThat(answers.stream().filter(page -> page.status() == 303).count()).isEqualTo(1);
        assertThat(browsers.stream().filter(LinkSignIn::isSignedIn).count()).isEqualTo(1);
    }

    @Test
    void tx03_anExpiredLinkIsRejectedWithAnOfferToSendANewOne() {
        TestUser carol = AGING_DESCOPE.newEmailUser("carol");
        LinkSignIn signIn = new LinkSignIn(AGING, AGING_DESCOPE);
        Browser browser = AGING.newBrowser();
        String link = signIn.sendLink(carol);
        AGING_DESCOPE.emulator().advanceClock(Duration.ofMinutes(11));

        Page expired = signIn.openAndConfirm(browser, link);

        assertThat(expired.status()).as("%s", expired).isEqualTo(410);
        assertThat(expired.setsCookie("DS")).isFalse();
        assertThat(expired.header("Cache-Control")).hasValueSatisfying(value -> assertThat(value).contains("no-store"));
        assertThat(expired.body()).as("offers a new link").contains("href=\"" + AGING.url("/login"));
        assertThat(LinkSignIn.isSignedIn(browser)).isFalse();
    }

    /**
     * TX-03: the offer of a new link keeps where the user was going. Magic links no longer carry {@code next}: the
     * return path stays with the browser that asked ({@code DSLINK}), so the offer must come from there.
     */
    @Test
    void tx03_theNewLinkOfferKeepsTheReturnPathOfTheBrowserThatAsked() {
        TestUser carol = AGING_DESCOPE.newEmailUser("carol.next");
        LinkSignIn signIn = new LinkSignIn(AGING, AGING_DESCOPE);
        Browser browser = AGING.newBrowser();
        signIn.requestMagicLink(browser, carol.loginId(), "/app/orders");
        String link = signIn.inbox(carol.loginId()).awaitLink().url();
        AGING_DESCOPE.emulator().advanceClock(Duration.ofMinutes(11));

        Page expired = signIn.openAndConfirm(browser, link);

        assertThat(expired.status()).as("%s", expired).isEqualTo(410);
        assertThat(expired.body()).as("the offer keeps next")
                .contains("href=\"" + AGING.url("/login?next=%2Fapp%2Forders") + "\"");
    }

    @Test
    void tx04_emptyHugeOrControlCharacterTokensAreRejectedBeforeAnyDescopeCall() {
        Browser browser = CONFIRM.newBrowser();
        HtmlForm form = confirmationFormFor(browser, DESCOPE.newEmailUser("dave"));
        long verifiesBefore = DESCOPE.emulator().requestCount(VERIFY);
        List<String> badTokens = List.of("", "a".repeat(100_000), "abc\r\nSet-Cookie: DS=x", "abc\u0000def",
                "t\u00e9l\u00e9phone");

        for (String bad : badTokens) {
            Page answer = browser.submit(form.withField("t", bad));
            assertThat(answer.status()).as("t=%s: %s", abbreviate(bad), answer).isBetween(400, 499);
            assertThat(answer.setsCookie("DS")).isFalse();
            assertThat(answer.body()).doesNotContain("Exception").doesNotContain("\tat ");
        }
        Page directEmpty = DIRECT.newBrowser().get("/descope/verify?t=");
        assertThat(directEmpty.status()).isBetween(400, 499);
        Page directCrlf = DIRECT.newBrowser().get("/descope/verify?t=abc%0d%0aX-Injected:%201");
        assertThat(directCrlf.status()).isBetween(400, 499);
        assertThat(directCrlf.header("X-Injected")).isEmpty();

        assertThat(DESCOPE.emulator().requestCount(VERIFY)).as("Descope verify calls").isEqualTo(verifiesBefore);
    }

    @Test
    void tx05_duplicatedTokenParametersAreRejectedAsAmbiguous() {
        TestUser erin = DESCOPE.newEmailUser("erin");
        LinkSignIn direct = new LinkSignIn(DIRECT, DESCOPE);
        String token = LinkUrl.token(direct.sendLink(erin));
        long verifiesBefore = DESCOPE.emulator().requestCount(VERIFY);
        Browser browser = DIRECT.newBrowser();

        Page twoInQuery = browser.get("/descope/verify?t=" + token + "&t=" + UUID.randomUUID());
        assertThat(twoInQuery.status()).as("%s", twoInQuery).isEqualTo(400);
        assertThat(twoInQuery.setsCookie("DS")).isFalse();

        Browser confirming = CONFIRM.newBrowser();
        HtmlForm form = confirmationFormFor(confirming, DESCOPE.newEmailUser("erin2"));
        Page queryAndBody = confirming.request("POST", form.action() + "?t=" + UUID.randomUUID())
                .sameOrigin().form(form.fields()).send();
        assertThat(queryAndBody.status()).as("%s", queryAndBody).isEqualTo(400);
        assertThat(queryAndBody.setsCookie("DS")).isFalse();
        assertThat(DESCOPE.emulator().requestCount(VERIFY)).isEqualTo(verifiesBefore);

        assertThat(direct.openAndConfirm(DIRECT.newBrowser(), DIRECT.url("/descope/verify?t=" + token)).status())
                .as("the refused requests did not use the token").isEqualTo(303);
    }

    @Test
    void tx06_guessingTokensIsThrottledPerClientBeforeReachingDescope() {
        Browser guesser = THROTTLED.newBrowser();
        HtmlForm form = confirmationFormFor(guesser, DESCOPE.newEmailUser("frank"));
        long verifiesBefore = DESCOPE.emulator().requestCount(VERIFY);
        List<Integer> statuses = new ArrayList<>();

        for (int i = 0; i < 40; i++) {
            statuses.add(guesser.submit(form.withField("t", "guess" + UUID.randomUUID())).status());
        }
        long verifiesAfterGuessing = DESCOPE.emulator().requestCount(VERIFY);
        Page spoofed = guesser.request("POST", form.action()).sameOrigin()
                .header("X-Forwarded-For", "203.0.113.9").form(form.withField("t", "guess-x").fields()).send();

        assertThat(statuses).as("answers to 40 guesses").contains(429);
        assertThat(verifiesAfterGuessing - verifiesBefore).as("guesses that reached Descope").isLessThan(40);
        assertThat(spoofed.status()).as("X-Forwarded-For from an untrusted client changes nothing: %s", spoofed)
                .isEqualTo(429);
        assertThat(spoofed.header("Retry-After")).isPresent();
        assertThat(DESCOPE.emulator().requestCount(VERIFY)).isEqualTo(verifiesAfterGuessing);
    }

    @Test
    void tx07_aVerifyAnswerWithoutAValidSessionJwtForThisProjectIsAFailure() {
        List<UnaryOperator<String>> badAnswers = List.of(
                body -> JsonEdit.without(body, "sessionJwt"),
                body -> JsonEdit.withString(body, "sessionJwt", TokenForge.withClaims(
                        JsonEdit.string(body, "sessionJwt"), DESCOPE.emulator().signingKey(),
                        Map.of("iss", "P2someOtherProject00000000000Z"))),
                body -> JsonEdit.withString(body, "sessionJwt", JsonEdit.string(body, "refreshJwt")),
                body -> JsonEdit.withString(body, "sessionJwt", "not-a-jwt"));
        LinkSignIn signIn = new LinkSignIn(TAMPERED, DESCOPE);
        try {
            for (int i = 0; i < badAnswers.size(); i++) {
                TAMPERING.rewrite(VERIFY, badAnswers.get(i));
                TestUser user = DESCOPE.newEmailUser("tampered" + i);
                Browser browser = TAMPERED.newBrowser();

                Page answer = signIn.openAndConfirm(browser, signIn.sendLink(user));

                assertThat(answer.status()).as("bad answer %d: %s", i, answer).isBetween(400, 599);
                assertThat(answer.setsCookie("DS")).isFalse();
                assertThat(answer.setsCookie("DSR")).isFalse();
                assertThat(LinkSignIn.isSignedIn(browser)).isFalse();
            }
        } finally {
            TAMPERING.clearRewrites();
        }
    }

    @Test
    void tx08_openingAnotherUsersLinkEndsTheFirstSessionAndSignsInTheSecondUser() {
        for (TestApp app : new TestApp[] {CONFIRM, HTTP_SESSION}) {
            TestUser first = DESCOPE.newEmailUser("first");
            TestUser second = DESCOPE.newEmailUser("second");
            LinkSignIn signIn = new LinkSignIn(app, DESCOPE);
            Browser browser = app.newBrowser();
            Page firstDone = signIn.signIn(browser, first);
            String firstRefresh = firstDone.setCookie("DSR").map(cookie -> cookie.value()).orElse(null);
            String sessionIdBefore = browser.cookie("JSESSIONID").orElse("");

            Page secondDone = signIn.openAndConfirm(browser, signIn.sendLink(second));

            assertThat(secondDone.status()).as("%s: %s", app.contextName(), secondDone).isEqualTo(303);
            assertThat(signIn.whoAmI(browser).getString("principalName")).isEqualTo(second.userId());
            if (firstRefresh != null) {
                assertThat(DescopeApi.refreshStillWorks(DESCOPE, firstRefresh))
                        .as("the first user's session was ended at Descope").isFalse();
            } else {
                assertThat(browser.cookie("JSESSIONID")).as("a new session ID").isPresent()
                        .get().isNotEqualTo(sessionIdBefore);
            }
        }
    }

    /**
     * TX-09, login CSRF: a GET never signs in, a cross-site POST is refused, and a link asked for elsewhere (here
     * Mallory's, for her own account) never signs this browser in silently: whatever the first form claims, the
     * next page names Mallory's full login ID and only its own button, in this browser, installs a session.
     */
    @Test
    void tx09_aGetNeverSignsInAndTheConfirmationNamesTheAccount() {
        TestUser victim = DESCOPE.newEmailUser("victim");
        TestUser mallory = DESCOPE.newEmailUser("mallory");
        LinkSignIn signIn = new LinkSignIn(CONFIRM, DESCOPE);
        Browser malloryBrowser = CONFIRM.newBrowser();
        String malloryLink = signIn.sendLink(malloryBrowser, mallory);

        Browser victimBrowser = CONFIRM.newBrowser();
        Page imageLoad = victimBrowser.request("GET", malloryLink).header("Sec-Fetch-Site", "cross-site")
                .header("Sec-Fetch-Dest", "image").send();
        assertThat(imageLoad.setsCookie("DS")).isFalse();
        assertThat(imageLoad.body()).as("this browser asked for no link, so no account is named")
                .contains("Continue signing in").doesNotContain("m***@example.com");
        assertThat(LinkSignIn.isSignedIn(victimBrowser)).as("an <img src=link> signed nobody in").isFalse();

        HtmlForm withValidCsrf = imageLoad.form();
        Page crossSitePost = victimBrowser.request("POST", withValidCsrf.action())
                .crossSite("https://evil.example").form(withValidCsrf.fields()).send();
        assertThat(crossSitePost.status()).as("%s", crossSitePost).isEqualTo(403);
        assertThat(LinkSignIn.isSignedIn(victimBrowser)).isFalse();

        // The victim asked for a link of their own in this browser; a hint naming the victim on Mallory's link
        // (the old "as" field) changes nothing: the verified account is named in full before anything happens.
        signIn.sendLink(victimBrowser, victim);
        HtmlForm forged = victimBrowser.get(malloryLink).form().withField("as", "v***@example.com");
        Page named = victimBrowser.submit(forged);
        assertThat(LinkSignIn.isAccountConfirmation(named)).as("Mallory's link on the victim's browser: %s", named)
                .isTrue();
        assertThat(named.body()).contains("You are signing in as " + mallory.loginId())
                .contains("Continue as " + mallory.loginId());
        assertThat(named.setsCookie("DS")).isFalse();
        assertThat(named.setsCookie("DSR")).isFalse();
        assertThat(LinkSignIn.isSignedIn(victimBrowser)).as("not signed in until the victim presses Continue")
                .isFalse();

        HtmlForm held = named.form();
        Page replayedElsewhere = malloryBrowser.request("POST", held.action()).sameOrigin().form(held.fields()).send();
        assertThat(replayedElsewhere.status()).as("the held sign-in belongs to the victim's browser: %s",
                replayedElsewhere).isBetween(400, 499);
        assertThat(replayedElsewhere.setsCookie("DS")).isFalse();
        assertThat(LinkSignIn.isSignedIn(victimBrowser)).isFalse();
        assertThat(LinkSignIn.isSignedIn(malloryBrowser)).isFalse();
    }

    @Test
    void tx10_aTokenOnAStateChangingUrlNeverRunsTheAction() {
        TestUser grace = DESCOPE.newEmailUser("grace");
        LinkSignIn signIn = new LinkSignIn(CONFIRM, DESCOPE);
        String link = signIn.sendLink(grace);
        Browser browser = CONFIRM.newBrowser();
        int transfersBefore = transfers();

        Page action = browser.request("POST", "/app/transfer?t=" + LinkUrl.token(link)).sameOrigin()
                .form(Map.of("amount", "100")).send();
        assertThat(action.status()).as("%s", action).isIn(302, 401, 403);
        assertThat(transfers()).isEqualTo(transfersBefore);

        HtmlForm confirm = browser.get(link).form().withField("next", "/app/transfer");
        Page done = LinkSignIn.confirm(browser, confirm);
        assertThat(done.status()).as("the token was not used by the action URL: %s", done).isEqualTo(303);
        assertThat(done.location()).hasValue(CONFIRM.url("/app/transfer"));
        assertThat(transfers()).as("signing in ran no action").isEqualTo(transfersBefore);
    }

    private static int transfers() {
        return CONFIRM.newBrowser().get("/public/transfers").json().getInt("transfers");
    }

    /** The confirmation form of a real link for this user, to submit with other values. */
    private static HtmlForm confirmationFormFor(Browser browser, TestUser user) {
        LinkSignIn signIn = new LinkSignIn(browser.app(), DESCOPE);
        return browser.get(signIn.sendLink(user)).form();
    }

    private static String abbreviate(String value) {
        return value.length() > 40 ? value.substring(0, 40) + "...(" + value.length() + ")" : value;
    }
}
